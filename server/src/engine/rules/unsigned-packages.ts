import type { Property } from 'dockerfile-ast';
import { defineRule } from '../rule';
import { aptCommand } from '../knowledge/apt';
import { commandSites, wordsRange, unwrapped } from '../knowledge/command-sites';
import { apkCommand, rpmCommand, toolCommand, zypperCommand } from '../knowledge/package-managers';
import { lintStages } from '../knowledge/stages';
import type { ShellCommand } from '../shell/commands';
import { perCommand } from '../shell/per-command';

/** `gpgcheck=0` in a repository file, a `--setopt`, a sed script; not `repo_gpgcheck` or `localpkg_gpgcheck`. */
const GPGCHECK_OFF = /(^|[^A-Za-z0-9_])gpgcheck\s*=\s*(0|false|no|off)\b/i;
const APT_TRUST_ALL = /\[[^\]]*\b(trusted|allow-insecure|allow-weak)=yes\b[^\]]*\]/;
const APT_UNAUTH_OPTION = /^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories|APT::Get::Force-Yes)\s*=\s*"?(1|true|yes)"?$/i;
const APT_UNAUTH_CONFIG = /(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|APT::Get::Force-Yes)\s*"?\s*\\?"?(1|true|yes)/i;

interface Hit { what: string; word?: number; to?: number }

/** `findHit`, once per command (and across document versions). */
const commandHit = perCommand(findHit);

function findHit(cmd: ShellCommand): Hit | undefined {
  const apk = apkCommand(cmd);
  if (apk) {
    const opt = apk.parsed.options.find(o => o.name === '--allow-untrusted');
    // Indexing local packages (`apk index --allow-untrusted`) installs nothing.
    if (opt && apk.sub && ['add', 'upgrade', 'fix'].includes(apk.sub.text)) return { what: `\`apk ${apk.sub.text} --allow-untrusted\` installs packages whose signature is missing or unknown`, word: opt.index };
    return undefined;
  }
  const apt = aptCommand(cmd);
  if (apt) {
    const inner = unwrapped(cmd);
    for (let i = 1; i < inner.argv.length; i++) {
      const a = inner.argv[i];
      const opt = (a === '-o' || a === '--option') ? inner.argv[i + 1] ?? '' : a.startsWith('-o') ? a.slice(2) : a.startsWith('--option=') ? a.slice(9) : undefined;
      if (['--allow-unauthenticated', '--allow-insecure-repositories', '--force-yes'].includes(a) || (opt !== undefined && APT_UNAUTH_OPTION.test(opt.trim()))) {
        const what = a === '--force-yes' ? '`--force-yes` also lets apt install unauthenticated packages' : `\`${opt?.replace(/=.*$/, '') ?? a}\` lets apt install packages whose signature cannot be checked`;
        return { what, word: inner.offset + i, to: a === '-o' || a === '--option' ? inner.offset + i + 1 : undefined };
      }
    }
    return undefined;
  }
  const rpm = rpmCommand(cmd);
  if (rpm) {
    const opt = rpm.parsed.options.find(o => o.name === '--nogpgcheck' || o.name === '--no-gpgchecks');
    if (opt) return { what: `\`${rpm.tool} ${opt.name}\` installs packages without checking their signatures`, word: opt.index };
    const setopt = rpm.parsed.options.find(o => o.name === '--setopt' && GPGCHECK_OFF.test(o.value ?? ''));
    if (setopt) return { what: `\`--setopt=${setopt.value}\` turns off ${rpm.tool}'s signature check`, word: setopt.index, to: cmd.argv[setopt.index] === '--setopt' ? setopt.index + 1 : undefined };
  }
  const rpmTool = toolCommand(cmd, n => n === 'rpm', {});
  if (rpmTool) {
    const opt = rpmTool.parsed.options.find(o => o.name === '--nosignature' || o.name === '--nodigest');
    if (opt) return { what: `\`rpm ${opt.name}\` installs packages without checking their ${opt.name === '--nosignature' ? 'signatures' : 'digests'}`, word: opt.index };
  }
  const z = zypperCommand(cmd);
  if (z) {
    const opt = z.parsed.options.find(o => o.name === '--no-gpg-checks' || o.name === '--allow-unsigned-rpm');
    if (opt) return { what: `\`zypper ${opt.name}\` installs packages whose signatures are missing or not checked`, word: opt.index };
  }
  const dpkg = toolCommand(cmd, n => n === 'dpkg', {});
  if (dpkg && dpkg.parsed.options.some(o => o.name === '--force-bad-verify')) return { what: '`dpkg --force-bad-verify` installs packages that fail signature verification' };
  // Repository files and settings written by any command (`echo … > x.repo`, `sed -i s/gpgcheck=1/gpgcheck=0/`, heredoc bodies).
  // (Each pattern needs a literal part: `=`, `=yes`, `::`; words without it are not scanned.)
  let gpg = cmd.argv.findIndex(w => w.includes('=') && GPGCHECK_OFF.test(w));
  if (gpg < 0) {
    const k = cmd.assignments.findIndex(w => w.includes('=') && GPGCHECK_OFF.test(w));
    if (k >= 0) gpg = cmd.argv.length + k;
  }
  if (gpg >= 0) return { what: '`gpgcheck=0` turns off signature checks for that repository', word: gpg < cmd.argv.length ? gpg : undefined };
  // A local repository built in the same step (`deb [trusted=yes] file:/tmp/repo ./`) holds packages made right there.
  const trusted = cmd.argv.findIndex(w => w.includes('=yes') && APT_TRUST_ALL.test(w) && !/\]\s*(file|copy):/.test(w));
  if (trusted >= 0) return { what: `\`${APT_TRUST_ALL.exec(cmd.argv[trusted])![1]}=yes\` in an apt source makes apt accept that repository unsigned`, word: trusted };
  const conf = cmd.argv.findIndex(w => w.includes('::') && APT_UNAUTH_CONFIG.test(w));
  if (conf >= 0) return { what: `\`${APT_UNAUTH_CONFIG.exec(cmd.argv[conf])![1]}\` makes apt install unauthenticated packages`, word: conf };
  const sumdb = unwrapped(cmd).assignments.find(a => /^GOSUMDB=["']?off["']?$/.test(a));
  if (sumdb && cmd.argv.length) return { what: '`GOSUMDB=off` turns off the Go checksum database' };
  return undefined;
}

export default defineRule({
  id: 'unsigned-packages',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'A package manager is told to install packages without checking their signatures (`--allow-untrusted`, `--allow-unauthenticated`, `--nogpgcheck`, `gpgcheck=0`…).',
    why: [
      'Package managers check each package against the signing key of its repository. That check is what stops a',
      'tampered mirror, a hijacked repository or a man in the middle from slipping a modified package into the image,',
      'where it runs as root during the build and ships to production afterwards. The options below switch it off,',
      'usually to get past a key problem, and leave the image trusting whatever arrives.',
      '',
      'Fix the key instead: import the repository\'s signing key (`curl -fsSL https://…/key.gpg | gpg --dearmor -o',
      '/etc/apt/keyrings/x.gpg` with `signed-by=` in the source line; `rpm --import`; `apk` keys in `/etc/apk/keys`),',
      'or for a package you built yourself, sign it or verify its checksum before installing it.',
    ].join('\n'),
    bad: [
      'FROM alpine:3.20',
      'COPY tool.apk /tmp/',
      'RUN apk add --no-cache --allow-untrusted /tmp/tool.apk',
    ].join('\n'),
    good: [
      'FROM alpine:3.20',
      'COPY tool.apk keys/builder.rsa.pub /tmp/',
      'RUN cp /tmp/builder.rsa.pub /etc/apk/keys/ && apk add --no-cache /tmp/tool.apk',
    ].join('\n'),
    context: { 'tool.apk': '', 'keys/builder.rsa.pub': '' },
    notes: [
      'Found: `apk add/upgrade/fix --allow-untrusted` (not `apk index`, which only builds an index of local files);',
      'apt\'s `--allow-unauthenticated`, `--allow-insecure-repositories`, `--force-yes`, the equivalent `-o` options and',
      'apt.conf settings, and `[trusted=yes]`/`[allow-insecure=yes]` in a source line (not for a local `file:` or `copy:`',
      'repository, which official images build from packages made in the same RUN); `yum`/`dnf`/`microdnf`',
      '`--nogpgcheck` and `--setopt=…gpgcheck=0`; `gpgcheck=0` written anywhere (a `.repo` file, `sed`, a heredoc;',
      '`repo_gpgcheck` is a different setting and is left alone); `rpm --nosignature`/`--nodigest`; `zypper',
      '--no-gpg-checks`/`--allow-unsigned-rpm`; `dpkg --force-bad-verify`; and `GOSUMDB=off` on a command or in ENV.',
      'Not reported: `zypper --gpg-auto-import-keys`, which trusts a repository key on first use rather than skipping',
      'the check. Neither hadolint nor BuildKit has this check; Trivy and Checkov have parts of it.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const hit = commandHit(c.cmd);
      if (!hit) continue;
      ctx.report({
        range: hit.word !== undefined ? wordsRange(model, c, hit.word, hit.to ?? hit.word) : wordsRange(model, c, 0, Math.max(0, c.cmd.argv.length - 1)),
        message: `${hit.what.charAt(0).toUpperCase()}${hit.what.slice(1)}: a tampered package would be installed without complaint. Import the repository's signing key instead.`,
      });
    }
    for (const stage of lintStages(model)) {
      for (const info of stage.instructions) {
        if (info.keyword !== 'ENV') continue;
        for (const p of (info.node as unknown as { getProperties(): Property[] }).getProperties()) {
          if (p.getName() !== 'GOSUMDB' || (p.getValue() ?? '').trim() !== 'off') continue;
          ctx.report({ range: p.getRange(), message: 'ENV `GOSUMDB=off` turns off the Go checksum database, so a tampered module version is not detected; list private modules in `GONOSUMDB` (or `GOPRIVATE`) instead.' });
        }
      }
    }
  },
});
