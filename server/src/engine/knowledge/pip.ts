import type { Mount } from '../run';
import type { ShellCommand } from '../shell/commands';
import { unwrapped, type Unwrapped } from './command-sites';
import { PerCommand } from '../shell/per-command';

/** A `pip install` (or `python -m pip install`) with where its words are in `argv`. */
export interface PipInstall {
  /** Index of `install` in `argv`. */
  installIndex: number;
  /** All arguments after the program (`pip`) or module (`-m pip`), general options included. */
  args: string[];
  /** Arguments after `install`. */
  installArgs: string[];
  /** Environment assignments on the command (`PIP_NO_CACHE_DIR=1 pip ...`, `env X=1 pip ...`). */
  assignments: string[];
}

const PIP = /^pip(\d+(\.\d+)*)?$/;
const PYTHON = /^python(\d+(\.\d+)*)?$/;

/** Options of `pip install` that take a separate value. */
const VALUE_OPTIONS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '--platform', '--python-version',
  '--implementation', '--abi', '--root', '--prefix', '--src', '--upgrade-strategy', '--progress-bar', '-i', '--index-url',
  '--extra-index-url', '-f', '--find-links', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--log',
  '--proxy', '--retries', '--timeout', '--exists-action', '--global-option', '--config-settings', '-C', '--report',
  '--no-binary', '--only-binary', '--python', '--keyring-provider', '--use-feature', '--use-deprecated', '--group',
  '--root-user-action', '-b', '--build', '--build-option', '--install-option',
]);

/** Recognises `pip install`, `pip3.12 install`, `python -m pip install`; not `uv pip`, `pipx` or `pipenv`, which have their own caches. */
export function pipInstall(cmd: ShellCommand): PipInstall | undefined {
  const inner = unwrapped(cmd);
  // `pip…` or `python…`: anything else is turned away before the cache.
  if (!inner.name.startsWith('p')) return undefined;
  let install = pipCache.get(cmd);
  if (install === undefined) {
    install = findPipInstall(inner) ?? null;
    pipCache.set(cmd, install);
  }
  return install ?? undefined;
}

const pipCache = new PerCommand<PipInstall | null>();

function findPipInstall(inner: Unwrapped): PipInstall | undefined {
  const argv = inner.argv;
  const name = inner.name;
  let start: number;
  if (PIP.test(name)) start = 1;
  else if (PYTHON.test(name)) {
    const m = argv.indexOf('-m');
    if (m < 0 || !PIP.test(argv[m + 1] ?? '')) return undefined;
    start = m + 2;
  } else return undefined;
  // General options may come before the subcommand (`pip --no-cache-dir install`).
  let i = start;
  while (i < argv.length && argv[i].startsWith('-')) i += VALUE_OPTIONS.has(argv[i]) ? 2 : 1;
  if (argv[i] !== 'install') return undefined;
  return { installIndex: i + inner.offset, args: argv.slice(start), installArgs: argv.slice(i + 1), assignments: inner.assignments };
}

/** `--no-cache-dir`, or a prefix optparse accepts for it (`--no-cache`). */
export function disablesPipCache(install: PipInstall): boolean {
  return install.args.some(a => /^--no-cache(-d(i(r)?)?)?(=.*)?$/.test(a));
}

/** Does the install name anything to install? `pip install` alone or `pip install --help` does not. */
export function installsSomething(install: PipInstall): boolean {
  const a = install.installArgs;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (['-r', '--requirement', '-e', '--editable'].includes(x)) return true;
    if (/^(-r|-e)\S|^--(requirement|editable)=/.test(x)) return true;
    if (x === '-h' || x === '--help') return false;
    if (VALUE_OPTIONS.has(x)) { i++; continue; }
    if (x.startsWith('-')) continue;
    return true;
  }
  return false;
}

/**
 * pip reads `PIP_NO_CACHE_DIR` with a quirk kept for compatibility: any valid boolean spelling
 * turns the cache off, `0` and `false` included. An empty or garbage value does not.
 */
export function pipNoCacheValue(value: string | undefined): boolean {
  return value !== undefined && /^(1|0|y|n|yes|no|t|f|true|false|on|off)$/i.test(value.trim());
}

/** A cache or tmpfs mount over pip's cache folder (`~/.cache/pip`, a parent, or `$PIP_CACHE_DIR`). */
export function mountHoldsPipCache(mounts: readonly Mount[], pipCacheDir?: string): boolean {
  return mounts.some(m => {
    if (m.type !== 'cache' && m.type !== 'tmpfs') return false;
    const target = (m.options.get('target') ?? m.options.get('dst') ?? m.options.get('destination') ?? '').replace(/\/+$/, '');
    if (!target) return false;
    if (/(^|\/)\.cache(\/pip)?$/.test(target)) return true;
    if (pipCacheDir) {
      const dir = pipCacheDir.replace(/\/+$/, '');
      return dir === target || dir.startsWith(target + '/');
    }
    return false;
  });
}

/** A package named on a `pip install` (or `pipx install`) line, with its index in `ShellCommand.argv`. */
export interface PipRequirement { text: string; index: number }

export interface PipRequirements {
  /** Requirement specifiers and paths given directly on the command line. */
  packages: PipRequirement[];
  /** `-r file`: versions come from a requirements file. */
  fromFile: boolean;
  /** `-c file`: a constraints file may pin the versions. */
  constrained: boolean;
}

/** What a `pip install` names: packages on the line, requirement and constraint files. */
export function pipRequirements(install: PipInstall): PipRequirements {
  const a = install.installArgs;
  const base = install.installIndex + 1;
  const result: PipRequirements = { packages: [], fromFile: false, constrained: false };
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === '--') { for (let j = i + 1; j < a.length; j++) result.packages.push({ text: a[j], index: base + j }); break; }
    if (x === '-r' || x === '--requirement' || /^-r\S|^--requirement=/.test(x)) { result.fromFile = true; if (x === '-r' || x === '--requirement') i++; continue; }
    if (x === '-c' || x === '--constraint' || /^-c\S|^--constraint=/.test(x)) { result.constrained = true; if (x === '-c' || x === '--constraint') i++; continue; }
    if (VALUE_OPTIONS.has(x)) { i++; continue; }
    if (x.startsWith('-')) continue;
    result.packages.push({ text: x, index: base + i });
  }
  return result;
}

/** `pipx install a b` (pipx installs applications into their own virtualenvs). */
export function pipxInstall(cmd: ShellCommand): { installIndex: number; packages: PipRequirement[] } | undefined {
  const inner = unwrapped(cmd);
  const argv = inner.argv;
  const name = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
  let start: number;
  if (name === 'pipx') start = 1;
  else if (PYTHON.test(name) && argv.includes('-m') && argv[argv.indexOf('-m') + 1] === 'pipx') start = argv.indexOf('-m') + 2;
  else return undefined;
  let i = start;
  while (i < argv.length && argv[i].startsWith('-')) i++;
  if (argv[i] !== 'install') return undefined;
  const values = new Set(['--python', '--pip-args', '--suffix', '--index-url', '-i', '--spec', '--preinstall', '--backend', '--fetch-python']);
  const packages: PipRequirement[] = [];
  for (let j = i + 1; j < argv.length; j++) {
    if (values.has(argv[j])) { j++; continue; }
    if (argv[j].startsWith('-')) continue;
    packages.push({ text: argv[j], index: j + inner.offset });
  }
  return { installIndex: i + inner.offset, packages };
}

const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/;

/**
 * Does a requirement fix its version the way hadolint accepts: a version operator (`==`, `>=`,
 * `~=`, `<`, `!=` …), a VCS URL with `@ref`, a wheel or sdist file, or a path or URL.
 */
export function pipRequirementPinned(req: string): boolean {
  if (['==', '>=', '<=', '>', '<', '!=', '~=', '==='].some(op => req.includes(op))) return true;
  if (VCS.test(req)) {
    // `git+https://host/repo.git@v1.2#egg=x`: a ref after the repository path (not `user@` in the host part).
    const rest = req.replace(/#.*$/, '').replace(/^[^:]+:(\/\/)?/, '');
    const slash = rest.indexOf('/');
    const path = slash < 0 ? rest : rest.slice(rest.slice(0, slash).includes('@') ? slash : 0);
    return (slash < 0 ? rest.replace(/^[^@]*@/, '') : path).includes('@');
  }
  if (/\.(whl|tar\.gz|tar\.bz2|tgz|zip)$/.test(req)) return true;
  return req.includes('/') || req === '.' || req === '..';
}
