import type { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { commandSites, commandsOfSite, pipedFrom, substitutedCommands, wordsRange, type CommandSite, unwrapped } from '../knowledge/command-sites';
import { curlCommand, downloadsToStdout, wgetCommand } from '../knowledge/package-managers';
import { rangeOf } from '../text';
import type { ShellCommand } from '../shell/commands';
import type { Range } from '../types';

const SHELL = /^(sh|bash|dash|zsh|ash|ksh|mksh|busybox)$/;
const INTERPRETER = /^(python(\d+(\.\d+)*)?|perl|ruby|node|php)$/;
const base = (w: string | undefined) => (w ?? '').slice((w ?? '').lastIndexOf('/') + 1);

/** `curl …`/`wget -O- …`: a download written to standard output. */
function fetcher(cmd: ShellCommand): string | undefined {
  const t = curlCommand(cmd) ?? wgetCommand(cmd);
  return t && downloadsToStdout(t) ? t.tool : undefined;
}

/** Does the command run a program it reads from standard input (`sh`, `bash -s -- args`, `python3 -`)? */
function runsStdin(argv: string[]): string | undefined {
  let name = base(argv[0]);
  let args = argv.slice(1);
  if (name === 'busybox') { name = base(args[0]); args = args.slice(1); if (!SHELL.test(name)) return undefined; }
  if (!SHELL.test(name) && !INTERPRETER.test(name)) return undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || a === '-s' || (SHELL.test(name) && /^-[a-z]*s[a-z]*$/.test(a))) return name;
    if (a === '--') return undefined;
    // `-c script`, `-e code`, `-m module`, or a script file: standard input is data, not the program.
    if (SHELL.test(name) ? /^-[a-zA-Z]*c/.test(a) : ['-c', '-e', '-E', '-m', '-r'].includes(a)) return undefined;
    if (!a.startsWith('-')) return undefined;
  }
  return name;
}

/** `bash -c "$(curl …)"`, `eval "$(wget -qO- …)"`, `source <(curl …)`: a download run through substitution. */
function runsSubstitution(argv: string[]): { runner: string; tool: string } | undefined {
  const name = base(argv[0]);
  const args = argv.slice(1);
  let scripts: string[] = [];
  if (SHELL.test(name) || INTERPRETER.test(name)) {
    const c = args.findIndex(a => a === '-c' || a === '-e' || (a.startsWith('-') && !a.startsWith('--') && a.includes('c') && SHELL.test(name)));
    if (c >= 0 && args[c + 1] !== undefined) scripts = [args[c + 1]];
    else scripts = args.filter(a => a.startsWith('<('));
  } else if (name === 'eval' || name === 'source' || name === '.') scripts = args;
  for (const s of scripts) {
    const tool = substitutedCommands(s).map(fetcher).find(Boolean);
    if (tool) return { runner: name, tool };
  }
  return undefined;
}

export default defineRule({
  id: 'remote-script-piped-to-shell',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'A script is downloaded and run in one step (`curl … | sh`, `bash -c "$(curl …)"`), with nothing checking what arrived.',
    why: [
      'Piping a download straight into a shell runs whatever the server sends, as root, in the middle of your build. If',
      'the site, its CDN or the domain is ever compromised, or the script simply changes, the next build runs the new',
      'code and bakes its result into the image; the Dockerfile does not change and nothing in the log stands out. A',
      'script cut off mid-download can also run half of its commands.',
      '',
      'Download to a file, check it against a checksum you recorded (or a signature from the vendor), then run it:',
      '',
      '```dockerfile',
      'RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\',
      '    && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\',
      '    && sh /tmp/install.sh && rm /tmp/install.sh',
      '```',
      '',
      'Better still, install a pinned release of the tool itself (a package, a versioned binary with its checksum, or',
      '`COPY --from=` an official image).',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN curl -fsSL https://example.com/install.sh | sh',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\',
      '    && echo "3f4a9c2e8d1b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f  /tmp/install.sh" | sha256sum -c - \\',
      '    && sh /tmp/install.sh && rm /tmp/install.sh',
    ].join('\n'),
    notes: [
      'Reported: `curl` (writing to standard output) or `wget -O-`/`-qO-` piped, directly or through other commands',
      '(`| tee log |`), into a shell (`sh`, `bash`, `dash`, `zsh`, `ash`, `ksh`, also behind `sudo`) or an',
      'interpreter (`python`, `perl`, `ruby`, `node`, `php`) that reads its program from standard input (no script',
      'argument, or `-`/`-s`); and a download run through substitution: `sh -c "$(curl …)"`, `eval "$(curl …)"`,',
      '`bash <(curl …)`, `source <(curl …)`. Not reported: a download piped into a program that treats it as data',
      '(`| tar x`, `| python3 -c "import json…"`, `| sh -c \'cat > f\'`). Neither hadolint nor BuildKit has this check.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const { argv, offset } = unwrapped(c.cmd);
      const procSub = argv.at(-1) === '<';
      const runner = runsStdin(procSub ? argv.slice(0, -1) : argv);
      if (runner) {
        const source = pipedFrom(model, c).find(p => fetcher(p.cmd));
        if (source) {
          report(ctx.report, model, source, c, `\`${fetcher(source.cmd)} … | ${runner}\``);
          continue;
        }
        // `bash <(curl …)` as split by the current shell splitter: `bash <` then the download.
        if (procSub) {
          const next = commandsOfSite(model, c.site)[c.index + 1];
          if (next && fetcher(next.cmd)) { report(ctx.report, model, c, next, `\`${runner} <(${fetcher(next.cmd)} …)\``); continue; }
        }
      }
      if ((base(argv[0]) === 'source' || base(argv[0]) === '.') && argv.at(-1) === '<') {
        const next = commandsOfSite(model, c.site)[c.index + 1];
        if (next && fetcher(next.cmd)) { report(ctx.report, model, c, next, `\`${base(argv[0])} <(${fetcher(next.cmd)} …)\``); continue; }
      }
      const sub = runsSubstitution(argv);
      if (sub) {
        ctx.report({
          range: wordsRange(model, c, offset, c.cmd.argv.length - 1),
          message: `\`${sub.runner} … $(${sub.tool} …)\` runs a script straight from the network; download it to a file, verify its checksum, then run it.`,
        });
      }
    }
  },
});

function report(reportFn: (f: { range: Range; message: string }) => void, model: DockerfileModel, from: CommandSite, to: CommandSite, shape: string): void {
  const a = from.words?.[0], b = to.words?.[to.words.length - 1];
  const range = a && b && b.end > a.start ? rangeOf(model.lines, a.start, b.end) : wordsRange(model, to, 0, to.cmd.argv.length - 1);
  reportFn({ range, message: `${shape} runs a script straight from the network, unchecked; download it to a file, verify its checksum, then run it.` });
}
