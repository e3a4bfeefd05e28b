import type { ShellCommand } from '../shell/commands';
import { unwrapped } from './command-sites';
import { PerCommand } from '../shell/per-command';

/**
 * Command lines of package managers and download tools other than apt and pip (those live
 * in `apt.ts` and `pip.ts`): yum, dnf, zypper, apk, npm, yarn, gem, go, curl and wget.
 * What their options are, which words are packages, and when a package names a version.
 */

// ---------------------------------------------------------------------------------------------
// A small getopt: which words are options, which take a value, which are operands.

export interface OptionSpec {
  /** Long options that take a value (`--target dir` or `--target=dir`), with their dashes. */
  long?: readonly string[];
  /** Short option letters that take a value (`-o file`, `-ofile`). */
  short?: string;
  /** Unknown `--long` options take the next word as their value. */
  unknownLongTakesValue?: boolean;
  /** Options are single-dash words (`-ldflags`), as in Go; these take a value. */
  singleDash?: readonly string[];
}

export interface Operand {
  text: string;
  /** Index in `ShellCommand.argv`. */
  index: number;
  /** Written after `--` (arguments passed through to something else, for some tools). */
  afterDashDash?: boolean;
}
export interface Option { name: string; value?: string; /** Index of the option word in `ShellCommand.argv`. */ index: number }

export interface ParsedArgs {
  operands: Operand[];
  options: Option[];
}

/** Parses `args` (the words after the program name); `base` is the argv index of `args[0]`. */
const longSets = new WeakMap<OptionSpec, ReadonlySet<string>>();

export function parseArgs(args: readonly string[], spec: OptionSpec, base = 0): ParsedArgs {
  const operands: Operand[] = [];
  const options: Option[] = [];
  let long = longSets.get(spec);
  if (!long) longSets.set(spec, (long = new Set(spec.long ?? [])));
  const single = spec.singleDash ? new Set(spec.singleDash) : undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      for (let j = i + 1; j < args.length; j++) operands.push({ text: args[j], index: base + j, afterDashDash: true });
      break;
    }
    if (!a.startsWith('-') || a === '-') { operands.push({ text: a, index: base + i }); continue; }
    if (single) {
      const bare = a.replace(/^--?/, '');
      const eq = bare.indexOf('=');
      const name = '-' + (eq < 0 ? bare : bare.slice(0, eq));
      if (eq >= 0) options.push({ name, value: bare.slice(eq + 1), index: base + i });
      else if (single.has(name) && i + 1 < args.length) { options.push({ name, value: args[i + 1], index: base + i }); i++; }
      else options.push({ name, index: base + i });
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) options.push({ name, value: a.slice(eq + 1), index: base + i });
      else if ((long.has(name) || (spec.unknownLongTakesValue && !KNOWN_FLAGS.has(name))) && i + 1 < args.length) {
        options.push({ name, value: args[i + 1], index: base + i });
        i++;
      } else options.push({ name, index: base + i });
      continue;
    }
    // A cluster of short options: `-yq`, `-fsSLk`, `-ofile`, `-q=2`.
    for (let k = 1; k < a.length; k++) {
      const letter = a[k];
      const name = '-' + letter;
      if (a[k + 1] === '=') { options.push({ name, value: a.slice(k + 2), index: base + i }); break; }
      if (spec.short?.includes(letter)) {
        const rest = a.slice(k + 1);
        if (rest) options.push({ name, value: rest, index: base + i });
        else if (i + 1 < args.length) { options.push({ name, value: args[i + 1], index: base + i }); i++; }
        else options.push({ name, index: base + i });
        break;
      }
      options.push({ name, index: base + i });
    }
  }
  return { operands, options };
}

/** Long options that never take a value, for parsers that assume unknown ones do. */
const KNOWN_FLAGS = new Set(['--no-document', '--no-ri', '--no-rdoc', '--user-install', '--no-user-install', '--conservative', '--force', '--default', '--pre', '--prerelease', '--env-shebang', '--minimal-deps', '--norc', '--ignore-dependencies', '--development', '--development-all', '--quiet', '--verbose', '--local', '--remote', '--both', '--clear-sources', '--lock', '--no-lock', '--explain', '--suggestions', '--no-suggestions', '--update-sources', '--silent', '--backtrace', '--debug', '--no-wrappers', '--wrappers', '--format-executable', '--no-format-executable', '--vendor', '--system', '--post-install-message', '--no-post-install-message', '--document']);

export function hasOption(parsed: ParsedArgs, ...names: string[]): boolean {
  return parsed.options.some(o => names.includes(o.name));
}

export function optionValues(parsed: ParsedArgs, ...names: string[]): string[] {
  return parsed.options.filter(o => names.includes(o.name) && o.value !== undefined).map(o => o.value!);
}

export function countOption(parsed: ParsedArgs, name: string): number {
  return parsed.options.filter(o => o.name === name).length;
}

/** A program invocation after `sudo`/`env` wrappers, with its options and operands. */
export interface ToolCommand {
  tool: string;
  /** Index of the program name in `ShellCommand.argv`. */
  toolIndex: number;
  parsed: ParsedArgs;
  /** The first operand (the subcommand for git-style tools), if any. */
  sub?: Operand;
  /** Environment assignments on the command (`FOO=1 tool`, `env FOO=1 tool`). */
  assignments: string[];
}

export function toolCommand(cmd: ShellCommand, isTool: (name: string) => boolean, spec: OptionSpec): ToolCommand | undefined {
  const { argv, offset, assignments, name: tool } = unwrapped(cmd);
  if (!argv.length || !isTool(tool)) return undefined;
  const parsed = parseArgs(argv.slice(1), spec, offset + 1);
  return { tool, toolIndex: offset, parsed, sub: parsed.operands[0], assignments };
}

/**
 * `toolCommand` for one tool, computed once per command (several rules ask about the same
 * command). Commands of other tools are turned away by name, before the cache. Results are
 * shared: callers must not change them.
 */
function toolCommandOnce<T extends ToolCommand>(isTool: (name: string) => boolean, spec: OptionSpec, build: (t: ToolCommand) => T = t => t as T): (cmd: ShellCommand) => T | undefined {
  const cache = new PerCommand<T | null>();
  return cmd => {
    const u = unwrapped(cmd);
    if (!u.argv.length || !isTool(u.name)) return undefined;
    let t = cache.get(cmd);
    if (t === undefined) {
      const found = toolCommand(cmd, isTool, spec);
      t = found ? build(found) : null;
      cache.set(cmd, t);
    }
    return t ?? undefined;
  };
}

/** Operands after the subcommand (and after a second-level subcommand such as `group install`). */
export function operandsAfter(t: ToolCommand, skip = 1): Operand[] {
  return t.parsed.operands.slice(skip);
}

// ---------------------------------------------------------------------------------------------
// Red Hat family: yum, dnf, microdnf.

export type RpmTool = 'yum' | 'dnf' | 'microdnf';

const RPM_SPEC: OptionSpec = {
  long: ['--enablerepo', '--disablerepo', '--setopt', '--installroot', '--releasever', '--config', '--exclude', '--excludepkgs', '--repo', '--repoid',
    '--downloaddir', '--destdir', '--forcearch', '--color', '--rpmverbosity', '--debuglevel', '--errorlevel', '--repofrompath', '--advisory',
    '--advisories', '--bz', '--bzs', '--cve', '--cves', '--sec-severity', '--secseverity', '--comment', '--disableplugin', '--enableplugin',
    '--noplugins-except', '--releasever-major', '--releasever-minor', '--use-host-config', '--from-repo', '--skip-unavailable-packages'],
  short: 'cdexR',
};

/** `yum`, `dnf`/`dnf5`/`dnf-3`, `microdnf` (and `tdnf`, which is dnf-compatible, counts as dnf). */
export function rpmCommand(cmd: ShellCommand): (ToolCommand & { family: RpmTool }) | undefined {
  return rpmOnce(cmd);
}

const rpmOnce = toolCommandOnce(n => /^(yum|dnf|dnf-3|dnf5|microdnf|tdnf)$/.test(n), RPM_SPEC, t => {
  const family: RpmTool = t.tool === 'yum' ? 'yum' : t.tool === 'microdnf' ? 'microdnf' : 'dnf';
  return { ...t, family };
});

const RPM_SUB_ALIASES: Record<string, string> = {
  in: 'install', rei: 'reinstall', up: 'upgrade', update: 'upgrade', 'up-min': 'upgrade-minimal', 'update-minimal': 'upgrade-minimal',
  dg: 'downgrade', rm: 'remove', erase: 'remove', dsync: 'distro-sync', distrosync: 'distro-sync', 'distribution-synchronization': 'distro-sync',
  groups: 'group', grp: 'group', mc: 'makecache', groupinstall: 'group install', groupupdate: 'group upgrade',
  localinstall: 'install', 'install-n': 'install', 'install-na': 'install', 'install-nevra': 'install',
};

/** The subcommand in its long spelling (`in` → `install`), with `group`/`module` actions joined (`group install`). */
export function rpmAction(t: ToolCommand): { action: string; operandsFrom: number } | undefined {
  if (!t.sub) return undefined;
  const first = RPM_SUB_ALIASES[t.sub.text] ?? t.sub.text;
  if ((first === 'group' || first === 'module') && t.parsed.operands[1]) {
    const second = RPM_SUB_ALIASES[t.parsed.operands[1].text] ?? t.parsed.operands[1].text;
    return { action: `${first} ${second}`, operandsFrom: 2 };
  }
  return { action: first, operandsFrom: 1 };
}

/** Actions that change installed packages and ask for confirmation unless `-y`. */
export const RPM_PROMPTING = new Set(['install', 'reinstall', 'upgrade', 'upgrade-minimal', 'downgrade', 'remove', 'autoremove', 'distro-sync', 'swap',
  'group install', 'group upgrade', 'group remove', 'module install', 'module enable', 'module reset', 'module remove', 'module switch-to']);

/** Actions that download packages into the cache. */
export const RPM_DOWNLOADING = new Set(['install', 'reinstall', 'upgrade', 'upgrade-minimal', 'downgrade', 'distro-sync', 'group install', 'group upgrade', 'module install', 'swap']);

export function rpmAssumesYes(t: ToolCommand): boolean {
  return hasOption(t.parsed, '-y', '--assumeyes') || optionValues(t.parsed, '--setopt').some(v => /^assumeyes=(1|true|yes)$/i.test(v));
}

/** `yum clean all`, `dnf clean all`, `microdnf clean all` of this family. */
export function rpmCleansAll(t: ToolCommand & { family: RpmTool }): boolean {
  return t.sub?.text === 'clean' && t.parsed.operands.some((o, i) => i > 0 && o.text === 'all');
}

/** RPM package caches: yum's, dnf 4's, dnf 5's (and microdnf's, which uses yum's or dnf's folder depending on the version). */
export const RPM_CACHE_DIRS = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'];

/**
 * hadolint's version test for yum and dnf packages: the part after the name (split at `-`)
 * looks like a version (`httpd-2.4.24`, `openssl-1:1.1.1k`, `gcc-c++-1.1.1`); `.rpm` files
 * always carry one.
 */
export function rpmPackagePinned(pkg: string): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  if (pkg.endsWith('.rpm')) return true;
  const rest = parts.slice(1);
  return rest.every(p => /^[0-9A-Za-z.~^_:+]*$/.test(p)) && rest.some(p => /^[0-9]/.test(p));
}

// ---------------------------------------------------------------------------------------------
// SUSE: zypper.

const ZYPPER_SPEC: OptionSpec = {
  long: ['--repo', '--from', '--type', '--root', '--installroot', '--reposd-dir', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir',
    '--config', '--plus-repo', '--plus-content', '--download', '--category', '--severity', '--date', '--issues', '--bugzilla', '--cve', '--releasever'],
  short: 'rtRDCcp',
};

export function zypperCommand(cmd: ShellCommand): ToolCommand | undefined {
  return zypperOnce(cmd);
}

const zypperOnce = toolCommandOnce(n => n === 'zypper', ZYPPER_SPEC);

const ZYPPER_ALIASES: Record<string, string> = {
  in: 'install', rm: 'remove', si: 'source-install', up: 'update', dup: 'dist-upgrade', cc: 'clean', ref: 'refresh', ar: 'addrepo', rr: 'removerepo',
  'install-new-recommends': 'install-new-recommends', inr: 'install-new-recommends', ve: 'verify',
};

export function zypperAction(t: ToolCommand): string | undefined {
  return t.sub ? (ZYPPER_ALIASES[t.sub.text] ?? t.sub.text) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Alpine: apk.

const APK_SPEC: OptionSpec = {
  long: ['--repository', '--root', '--arch', '--keys-dir', '--cache-dir', '--repositories-file', '--progress-fd', '--timeout', '--wait', '--cache-max-age',
    '--virtual', '--output', '--description', '--rewrite-arch', '--from', '--uvol-manager'],
  short: 'Xptod',
};

export function apkCommand(cmd: ShellCommand): ToolCommand | undefined {
  return apkOnce(cmd);
}

const apkOnce = toolCommandOnce(n => n === 'apk', APK_SPEC);

// ---------------------------------------------------------------------------------------------
// npm, yarn.

const NPM_SPEC: OptionSpec = {
  long: ['--registry', '--loglevel', '--prefix', '--cache', '--userconfig', '--globalconfig', '--tag', '--workspace', '--omit', '--include',
    '--install-strategy', '--location', '--before', '--otp', '--proxy', '--https-proxy', '--script-shell', '--save-prefix', '--cafile', '--ca',
    '--auth-type', '--fetch-retries', '--fetch-timeout', '--maxsockets', '--node-options', '--os', '--cpu', '--libc'],
  short: 'w',
};

export const NPM_INSTALL = new Set(['install', 'i', 'add', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall']);

export function npmCommand(cmd: ShellCommand): ToolCommand | undefined {
  return npmOnce(cmd);
}

const npmOnce = toolCommandOnce(n => n === 'npm', NPM_SPEC);

/**
 * Whether an npm package spec names a version: `name@1.2.3` (any `@` after the scope), a git
 * URL with `#commit` or `#semver:`, a tarball, a folder or a `file:` path. `name@latest` and
 * `name@*` name no version.
 */
export function npmPackagePinned(spec: string): boolean {
  if (/^(git\+(ssh|https?|file)|git):\/\//.test(spec) || /^(github|gitlab|bitbucket|gist):/.test(spec)) return spec.includes('#');
  if (/\.(tar|tar\.gz|tgz)$/.test(spec)) return true;
  if (/^(\/|\.\/|\.\.\/|~\/|file:|\.$|\.\.$)/.test(spec)) return true;
  if (/^https?:\/\//.test(spec)) return false;
  const name = spec.startsWith('@') ? spec.replace(/^@[^/]*\/?/, '') : spec;
  const at = name.indexOf('@');
  if (at < 0) return false;
  const version = name.slice(at + 1).replace(/^["']|["']$/g, '');
  return version !== '' && version !== 'latest' && version !== '*' && version !== 'x';
}

const YARN_SPEC: OptionSpec = {
  long: ['--cwd', '--cache-folder', '--modules-folder', '--network-timeout', '--mutex', '--registry', '--global-folder', '--link-folder', '--use-yarnrc', '--preferred-cache-folder', '--network-concurrency', '--proxy', '--https-proxy'],
};

export function yarnCommand(cmd: ShellCommand): ToolCommand | undefined {
  return yarnOnce(cmd);
}

const yarnOnce = toolCommandOnce(n => n === 'yarn' || n === 'yarnpkg', YARN_SPEC);

/** `yarn`, `yarn install`, `yarn add x`, `yarn global add x`: commands that fill yarn's download cache. */
export function yarnInstalls(t: ToolCommand): boolean {
  if (!t.sub) return !hasOption(t.parsed, '--version', '-v', '--help', '-h');
  const s = t.sub.text;
  return s === 'install' || s === 'add' || (s === 'global' && t.parsed.operands[1]?.text === 'add');
}

export function yarnCleansCache(t: ToolCommand): boolean {
  return t.sub?.text === 'cache' && t.parsed.operands[1]?.text === 'clean';
}

// ---------------------------------------------------------------------------------------------
// RubyGems.

const GEM_SPEC: OptionSpec = {
  long: ['--version', '--install-dir', '--bindir', '--trust-policy', '--source', '--platform', '--file', '--build-root', '--http-proxy', '--config-file', '--target-rbconfig'],
  short: 'vinPspg',
  // hadolint reads any other option as taking the next word; this keeps `gem install x:1 --opt value` quiet.
  unknownLongTakesValue: true,
};

export function gemCommand(cmd: ShellCommand): ToolCommand | undefined {
  return gemOnce(cmd);
}

const gemOnce = toolCommandOnce(n => n === 'gem', GEM_SPEC);

// ---------------------------------------------------------------------------------------------
// Go.

const GO_SPEC: OptionSpec = {
  singleDash: ['-C', '-o', '-p', '-asmflags', '-buildmode', '-compiler', '-gccgoflags', '-gcflags', '-installsuffix', '-ldflags', '-mod', '-modfile',
    '-overlay', '-pgo', '-pkgdir', '-tags', '-toolexec', '-exec', '-covermode', '-coverpkg', '-buildvcs', '-race-flags'],
};

export function goCommand(cmd: ShellCommand): ToolCommand | undefined {
  return goOnce(cmd);
}

const goOnce = toolCommandOnce(n => n === 'go', GO_SPEC);

/** A local package path for `go install/run/get`: `.`, `./x`, `../x`, `/abs`, `./...`. */
export function goLocalPath(p: string): boolean {
  return p === '.' || p.startsWith('/') || p.startsWith('.');
}

export function goPackagePinned(p: string): boolean {
  return goLocalPath(p) || (p.includes('@') && !/@(latest|none|upgrade|patch)$/.test(p));
}

// ---------------------------------------------------------------------------------------------
// Downloads: curl and wget.

const CURL_SPEC: OptionSpec = {
  long: ['--output', '--user', '--header', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--request', '--user-agent', '--referer', '--cookie',
    '--cookie-jar', '--form', '--max-time', '--upload-file', '--proxy', '--write-out', '--cert', '--config', '--range', '--speed-limit', '--speed-time',
    '--time-cond', '--continue-at', '--ftp-port', '--quote', '--telnet-option', '--proxy-user', '--dump-header', '--cacert', '--capath', '--key',
    '--connect-timeout', '--retry', '--retry-delay', '--retry-max-time', '--proto', '--proto-redir', '--output-dir', '--url', '--resolve',
    '--interface', '--limit-rate', '--max-filesize', '--max-redirs', '--oauth2-bearer', '--pinnedpubkey', '--tls-max', '--ciphers', '--netrc-file', '--create-file-mode'],
  short: 'ouHdXAebcFmTxwEKrYyzCPQtUD',
};

export function curlCommand(cmd: ShellCommand): ToolCommand | undefined {
  return curlOnce(cmd);
}

const curlOnce = toolCommandOnce(n => n === 'curl', CURL_SPEC);

const WGET_SPEC: OptionSpec = {
  long: ['--output-document', '--output-file', '--append-output', '--directory-prefix', '--user', '--password', '--header', '--user-agent', '--tries',
    '--timeout', '--wait', '--post-data', '--post-file', '--input-file', '--ca-certificate', '--ca-directory', '--certificate', '--private-key',
    '--load-cookies', '--save-cookies', '--level', '--accept', '--reject', '--domains', '--limit-rate', '--quota', '--execute', '--base', '--config',
    '--progress', '--method', '--body-data', '--secure-protocol', '--referer', '--dns-timeout', '--connect-timeout', '--read-timeout', '--bind-address'],
  short: 'OoaPUTtwQleiBADRIXYe',
};

export function wgetCommand(cmd: ShellCommand): ToolCommand | undefined {
  return wgetOnce(cmd);
}

const wgetOnce = toolCommandOnce(n => n === 'wget', WGET_SPEC);

/** Does the download go to standard output (so it can be piped into a program)? */
export function downloadsToStdout(t: ToolCommand): boolean {
  if (t.tool === 'curl') return !hasOption(t.parsed, '-o', '--output', '-O', '--remote-name', '--remote-name-all', '-J');
  if (t.tool === 'wget') return optionValues(t.parsed, '-O', '--output-document').some(v => v === '-' || v === '/dev/stdout');
  return false;
}

/**
 * What a yum/dnf install names: `packages` (checked with `rpmPackagePinned`) and `modules`
 * (`module install name:stream`). Groups (`@group`, `group install`), capabilities
 * (`perl(Foo)`) and file paths are left out: they have no version to pin.
 */
export function rpmInstallTargets(t: ToolCommand): { packages: Operand[]; modules: Operand[] } | undefined {
  const a = rpmAction(t);
  if (!a) return undefined;
  const operands = t.parsed.operands.slice(a.operandsFrom);
  if (a.action === 'module install') return { packages: [], modules: operands };
  if (a.action !== 'install') return undefined;
  const packages = operands.filter(o => {
    const p = o.text;
    if (p.endsWith('.rpm')) return true;
    if (p.startsWith('@') || p.includes('(') || p.startsWith('/')) return false;
    return true;
  });
  return { packages, modules: [] };
}
