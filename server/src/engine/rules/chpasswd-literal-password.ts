import { defineRule } from '../rule';
import { commandSites, pipedFrom, wordsRange, type CommandSite, unwrapped } from '../knowledge/command-sites';
import { rangeOf } from '../text';
import type { Range } from '../types';

const base = (w: string | undefined) => (w ?? '').slice((w ?? '').lastIndexOf('/') + 1);

/** The text `echo`/`printf` writes (options left out), or undefined for any other command. */
function printed(c: CommandSite): string | undefined {
  const { argv } = unwrapped(c.cmd);
  const name = base(argv[0]);
  if (name === 'echo') {
    let i = 1;
    while (i < argv.length && /^-[neE]+$/.test(argv[i])) i++;
    return argv.slice(i).join(' ');
  }
  if (name === 'printf') return argv.slice(1).filter(a => a !== '--').join(' ');
  return undefined;
}

/** Splits `user:password` lines (real newlines, or `\n` as echo -e and printf write them). */
function lines(text: string): string[] {
  return text.split(/\n|\\n/).map(l => l.trim()).filter(Boolean);
}

export default defineRule({
  id: 'chpasswd-literal-password',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'A RUN sets a user\'s password from a literal in the Dockerfile (`echo "root:…" | chpasswd`), so everyone with the image knows it.',
    why: [
      'The command line of every RUN is stored in the image history: `docker history --no-trunc` prints it, password',
      'included, for anyone who can pull the image, and the Dockerfile itself usually sits in a repository. The',
      'password (or its hash, with `chpasswd -e`) is also written to `/etc/shadow` in the layer. Whoever knows it can',
      'log in to any container of the image that runs a login service, or use `su` to become that user.',
      '',
      'Most containers need no password at all: leave accounts locked (the default for `useradd`), use `docker exec` to',
      'get in, and switch users with `USER`. If a password is really needed, set it when the container starts, from a',
      'secret the orchestrator provides, not at build time.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN useradd --create-home app && echo "app:changeme" | chpasswd',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN useradd --create-home app',
      'USER app',
    ].join('\n'),
    notes: [
      'Reported: `echo`/`printf` piped into `chpasswd` (or `chpasswd -e`, which takes a hash) and here-strings',
      '(`chpasswd <<< "user:…"`), and the same into `passwd --stdin` (Red Hat) or `passwd`, when the password part',
      'contains no variable. A password that comes from a variable (`$PASSWORD`) is a build argument, which',
      '`secret-in-env-or-arg` covers. The message names the user but never repeats the password. Not covered: a',
      'password in a heredoc body, and `useradd -p`/`usermod -p` with a literal hash. Checkov has a related check',
      '(any use of chpasswd); hadolint and BuildKit have none.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const { argv, offset } = unwrapped(c.cmd);
      const name = base(argv[0]);
      if (name !== 'chpasswd' && name !== 'passwd') continue;
      if (name === 'passwd' && (argv.includes('-d') || argv.includes('--delete') || argv.includes('-l') || argv.includes('--lock') || argv.includes('-S'))) continue;
      // Input: a here-string on the command, or echo/printf piped in.
      let data: string | undefined;
      let from: CommandSite = c;
      const here = argv.findIndex(a => a === '<<<' || a.startsWith('<<<'));
      if (here >= 0) data = argv[here] === '<<<' ? argv[here + 1] : argv[here].slice(3);
      else {
        const producer = pipedFrom(model, c)[0];
        const text = producer && printed(producer);
        if (text !== undefined) { data = text; from = producer; }
      }
      if (data === undefined || data.includes('$') || data.includes('`')) continue;
      const hashed = name === 'chpasswd' && argv.some(a => a === '-e' || a === '--encrypted');
      let users: string[];
      if (name === 'chpasswd') {
        users = lines(data).filter(l => l.includes(':') && !/^[^:]*:$/.test(l)).map(l => l.slice(0, l.indexOf(':')));
        if (!users.length) continue;
      } else {
        if (!data.trim()) continue;
        const operands = argv.slice(1).filter(a => !a.startsWith('-') && !a.startsWith('<<<') && a !== data);
        users = [operands.at(-1) ?? 'root'];
      }
      const who = users.map(u => `\`${u}\``).join(', ');
      let range: Range = wordsRange(model, c, offset, argv.length - 1 + offset);
      const first = from.words?.[0], last = c.words?.[c.words.length - 1];
      if (first && last && from !== c) range = rangeOf(model.lines, first.start, last.end);
      ctx.report({
        range,
        message: `The ${hashed ? 'password hash' : 'password'} of ${who} is written in the Dockerfile, and \`docker history\` shows it to anyone with the image; leave the account without a password, or set it at run time from a secret.`,
      });
    }
  },
});
