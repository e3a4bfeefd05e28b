import type { Property } from 'dockerfile-ast';
import type { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { commandSites, removePlainWord, wordsRange, type CommandSite, unwrapped, nestedCommands } from '../knowledge/command-sites';
import { curlCommand, toolCommand, wgetCommand } from '../knowledge/package-managers';
import { lintStages } from '../knowledge/stages';
import { commandName, type ShellCommand } from '../shell/commands';
import type { Fix } from '../types';
import { perCommand } from '../shell/per-command';

/**
 * Environment variables that turn certificate checks off, and the values that do it.
 * Names are matched exactly except npm's, whose config variables are case-insensitive.
 */
const ENV_SWITCHES: { name: RegExp; disables: (value: string) => boolean; what: string }[] = [
  { name: /^NODE_TLS_REJECT_UNAUTHORIZED$/, disables: v => v.trim() === '0', what: 'Node.js accepts any certificate' },
  // git only checks that the variable is set: `GIT_SSL_NO_VERIFY=false` disables verification too.
  { name: /^GIT_SSL_NO_VERIFY$/, disables: () => true, what: 'git accepts any certificate (whatever the value, even `false`)' },
  { name: /^PIP_TRUSTED_HOST$/, disables: v => v.trim() !== '', what: 'pip skips certificate checks for those hosts' },
  { name: /^npm_config_strict_ssl$/i, disables: v => /^(false|0|no|off)$/i.test(v.trim()), what: 'npm accepts any certificate' },
  { name: /^YARN_ENABLE_STRICT_SSL$/, disables: v => /^(false|0)$/i.test(v.trim()), what: 'Yarn accepts any certificate' },
  { name: /^PYTHONHTTPSVERIFY$/, disables: v => v.trim() === '0', what: 'Python\'s `urllib` skips certificate checks' },
  { name: /^CONDA_SSL_VERIFY$/, disables: v => /^(false|0|no)$/i.test(v.trim()), what: 'conda accepts any certificate' },
  { name: /^GOINSECURE$/, disables: v => v.trim() !== '', what: 'Go fetches those modules without checking certificates (or over plain HTTP)' },
];

function envSwitch(name: string, value: string): string | undefined {
  return ENV_SWITCHES.find(s => s.name.test(name) && s.disables(value))?.what;
}

const FALSY = /^(false|0|no|off)$/i;

interface Hit { what: string; word?: number }

/** `findHit`, once per command (and across document versions). */
const commandHit = perCommand(findHit);

/** What in one command turns certificate verification off, if anything. */
function findHit(cmd: ShellCommand): Hit | undefined {
  // `NODE_TLS_REJECT_UNAUTHORIZED=0 node …`, `env GIT_SSL_NO_VERIFY=1 git …`, `export PIP_TRUSTED_HOST=…`.
  const inner = unwrapped(cmd);
  const exports = commandName(cmd) === 'export' || commandName(cmd) === 'declare';
  const assigned = cmd.argv.length ? inner.assignments : [];
  for (let k = 0, n = assigned.length + (exports ? cmd.argv.length - 1 : 0); k < n; k++) {
    const a = k < assigned.length ? assigned[k] : cmd.argv[k - assigned.length + 1];
    const eq = a.indexOf('=');
    if (eq < 0) continue;
    const what = envSwitch(a.slice(0, eq), a.slice(eq + 1).replace(/^["']|["']$/g, ''));
    if (what) return { what: `\`${a.slice(0, eq)}\`: ${what}` };
  }
  const curl = curlCommand(cmd);
  if (curl) {
    const opt = curl.parsed.options.find(o => ['-k', '--insecure', '--proxy-insecure', '--doh-insecure'].includes(o.name));
    return opt ? { what: `\`curl ${opt.name}\` accepts any certificate`, word: opt.index } : undefined;
  }
  const wget = wgetCommand(cmd);
  if (wget) {
    const opt = wget.parsed.options.find(o => o.name === '--no-check-certificate' || (o.name === '--check-certificate' && FALSY.test(o.value ?? ''))
      || ((o.name === '-e' || o.name === '--execute') && /^check[_-]?certificate\s*=\s*(off|no|0)$/i.test((o.value ?? '').trim())));
    return opt ? { what: `\`wget ${opt.name}\` accepts any certificate`, word: opt.index } : undefined;
  }
  const argv = inner.argv;
  const name = inner.name;
  const args = argv.slice(1);
  const pip = /^pip(\d+(\.\d+)*)?$/.test(name) || (/^python(\d+(\.\d+)*)?$/.test(name) && args[args.indexOf('-m') + 1] === 'pip');
  if (pip || name === 'uv') {
    const i = args.findIndex(a => /^--(trusted-host|allow-insecure-host)(=|$)/.test(a) || /^(global|install|download|wheel|index)\.trusted-host$/.test(a));
    if (i >= 0) return { what: `\`${name} ${args[i].replace(/=.*$/, '')}\` skips certificate checks for that host`, word: inner.offset + 1 + i };
  }
  if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
    // `npm config set strict-ssl false`, `npm set strict-ssl=false`, `yarn config set enableStrictSsl false`, `--strict-ssl=false`, `--no-strict-ssl`.
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const setting = /^(strict-ssl|strict_ssl|enableStrictSsl)(=(.*))?$/i.exec(a);
      if (setting && (args[i - 1] === 'set' || args[i - 2] === 'config') && FALSY.test(setting[3] ?? args[i + 1] ?? '')) return { what: `\`${name} config set ${setting[1]} false\` makes ${name} accept any certificate`, word: inner.offset + 1 + i };
      if (a === '--no-strict-ssl' || /^--strict-ssl=(false|0)$/i.test(a) || (a === '--strict-ssl' && FALSY.test(args[i + 1] ?? ''))) return { what: `\`${name} ${a}\` accepts any certificate`, word: inner.offset + 1 + i };
    }
  }
  if (name === 'git') {
    // `git config --global http.sslVerify false`, `git -c http.sslVerify=false clone …`.
    for (let i = 0; i < args.length; i++) {
      const key = /^http\.(.*\.)?sslverify(=(.*))?$/i.exec(args[i]);
      if (!key) continue;
      const value = key[3] ?? args[i + 1] ?? '';
      if (FALSY.test(value)) return { what: '`http.sslVerify false` makes git accept any certificate', word: inner.offset + 1 + i };
    }
  }
  if (name === 'conda' || name === 'mamba' || name === 'micromamba') {
    const i = args.findIndex((a, k) => a === 'ssl_verify' && args[k - 1] === '--set' && FALSY.test(args[k + 1] ?? ''));
    if (i >= 0) return { what: `\`${name} config --set ssl_verify false\` makes ${name} accept any certificate`, word: inner.offset + 1 + i };
  }
  if (name === 'poetry' && args[0] === 'config') {
    const i = args.findIndex((a, k) => /^certificates\..+\.cert$/.test(a) && FALSY.test(args[k + 1] ?? ''));
    if (i >= 0) return { what: '`poetry config certificates.<source>.cert false` makes Poetry accept any certificate for that source', word: inner.offset + 1 + i };
  }
  // apt: `-o Acquire::https::Verify-Peer=false`, or the same written into apt.conf.d.
  const aptWord = argv.findIndex(a => a.includes('::') && /Acquire::https::(\S+::)?Verify-(Peer|Host)\s*(=|\s)\s*"?(false|0|no)"?/i.test(a));
  if (aptWord >= 0) return { what: '`Acquire::https::Verify-Peer false` makes apt accept any certificate', word: inner.offset + aptWord };
  // `echo insecure >> ~/.curlrc`, `echo "check_certificate = off" >> ~/.wgetrc`.
  if (argv.some(a => a.endsWith('.curlrc')) && argv.some(a => /^(-k|--insecure|insecure|-k\s*|insecure\s*)$/.test(a.trim()))) return { what: '`insecure` in `.curlrc` makes every curl call accept any certificate' };
  if (argv.some(a => a.endsWith('.wgetrc')) && argv.some(a => /check[_-]certificate\s*=\s*(off|no|0)/i.test(a))) return { what: '`check_certificate = off` in `.wgetrc` makes every wget call accept any certificate' };
  return undefined;
}

export default defineRule({
  id: 'tls-verification-disabled',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A download turns off TLS certificate verification (`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `NODE_TLS_REJECT_UNAUTHORIZED=0`…).',
    why: [
      'Certificate verification is what makes HTTPS secure: it proves the server is the one you asked for. Without it,',
      'anyone on the network path (a compromised proxy or Wi-Fi, a poisoned DNS answer, the CI provider\'s network)',
      'can answer instead and hand the build a modified package, script or binary, which then runs as root and ends',
      'up in the image. Nothing in the build output shows that it happened.',
      '',
      'Verification usually gets turned off to get past a corporate proxy that re-signs TLS traffic. Fix the trust',
      'instead: copy the proxy\'s CA certificate into the image (`COPY corp-ca.crt /usr/local/share/ca-certificates/`',
      'then `update-ca-certificates`), or point the tool at it (`curl --cacert`, `pip --cert`, `npm config set cafile`,',
      '`NODE_EXTRA_CA_CERTS`, `git config http.sslCAInfo`). When the switch is an ENV, it also stays on in every',
      'container started from the image.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN curl -fsSLk -o /tmp/tool.tgz https://example.com/tool.tgz',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz',
    ].join('\n'),
    fix: 'Removes the option (`-k`, `--insecure`, `--no-check-certificate`) when it is a word of its own or a letter in a group of short options. Offered, not applied automatically: the download fails if the certificate problem it hid is real.',
    notes: [
      'Found in RUN commands (and `$(…)` inside them): `curl -k`/`--insecure`/`--proxy-insecure`, `wget',
      '--no-check-certificate`, `pip`/`uv` `--trusted-host`/`--allow-insecure-host` and `pip config set',
      'global.trusted-host`, `npm`/`yarn`/`pnpm config set strict-ssl false` and `--no-strict-ssl`, `git config',
      'http.sslVerify false` and `git -c http.sslVerify=false`, `conda config --set ssl_verify false`, Poetry\'s',
      '`certificates.<source>.cert false`, apt\'s `Acquire::https::Verify-Peer false`, and `insecure` written to',
      '`.curlrc` or `check_certificate = off` to `.wgetrc` (or passed with `wget -e`). In ENV, ARG defaults and on commands (`X=… cmd`, `env`,',
      '`export`): `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY` (git honours it whatever its value),',
      '`PIP_TRUSTED_HOST`, `npm_config_strict_ssl=false`, `YARN_ENABLE_STRICT_SSL=false`, `PYTHONHTTPSVERIFY=0`,',
      '`CONDA_SSL_VERIFY=false` and `GOINSECURE`. Neither hadolint nor BuildKit has this check; Trivy and Checkov',
      'have parts of it.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      let hit = commandHit(c.cmd);
      let nested = false;
      if (!hit) {
        for (const inner of nestedCommands(c.cmd)) {
          hit = commandHit(inner);
          if (hit) { nested = true; hit = { what: hit.what }; break; }
        }
      }
      if (!hit) continue;
      const word = hit.word;
      ctx.report({
        range: word !== undefined && !nested ? wordsRange(model, c, word) : wordsRange(model, c, 0, Math.max(0, c.cmd.argv.length - 1)),
        message: `${capitalize(hit.what)}, so a machine in the middle can swap what this build downloads; trust the right CA certificate instead of turning the check off.`,
        fixes: () => removeOptionFix(model, c, word),
      });
    }
    // ENV (and ARG defaults): the switch applies to every later RUN, and ENV to the running container too.
    for (const stage of lintStages(model)) {
      for (const info of stage.instructions) {
        if (info.keyword !== 'ENV' && info.keyword !== 'ARG') continue;
        for (const p of (info.node as unknown as { getProperties(): Property[] }).getProperties()) {
          const value = p.getValue();
          if (value === null) continue;
          const what = envSwitch(p.getName(), value);
          if (!what) continue;
          ctx.report({
            range: p.getRange(),
            message: `${info.keyword} \`${p.getName()}\`: ${what}, so a machine in the middle can swap what is downloaded${info.keyword === 'ENV' ? ' during the build and in every container of this image' : ' during the build'}; trust the right CA certificate instead.`,
          });
        }
      }
    }
  },
});

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Removes `-k`/`--insecure`/`--no-check-certificate`, or the `k` of a short-option group such as `-fsSLk`. */
function removeOptionFix(model: DockerfileModel, c: CommandSite, index: number | undefined): Fix[] {
  if (index === undefined) return [];
  const word = c.cmd.argv[index];
  if (['-k', '--insecure', '--no-check-certificate'].includes(word)) {
    const edit = removePlainWord(model, c, index);
    return edit ? [{ title: `Remove \`${word}\``, edits: [edit], safe: false }] : [];
  }
  const w = c.words?.[index];
  if (!w || c.form !== 'shell' || !/^-[a-zA-Z]+$/.test(word) || model.text.slice(w.start, w.end) !== word) return [];
  const k = word.indexOf('k');
  if (k < 1 || !isCurl(c.cmd)) return [];
  const at = w.start + k;
  return [{ title: 'Remove `-k`', edits: [{ range: { start: model.lines.positionAt(at), end: model.lines.positionAt(at + 1) }, newText: '' }], safe: false }];
}

function isCurl(cmd: ShellCommand): boolean {
  return !!toolCommand(cmd, n => n === 'curl', {});
}
