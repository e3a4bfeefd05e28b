import type { Mount } from '../run';
import { commandName, type ShellCommand } from '../shell/commands';
import { unwrapped } from './command-sites';
import { PerCommand } from '../shell/per-command';

/**
 * What a simple command does with Debian's package manager: `apt-get`, `apt` or `aptitude`,
 * with its subcommand found past the options (`apt-get -qq -y install` → `install`).
 */
export interface AptCommand {
  tool: 'apt-get' | 'apt' | 'aptitude';
  subcommand: string;
  /** Index of the subcommand in `argv`. */
  subcommandIndex: number;
  /** Everything after the tool name. */
  args: string[];
}

const APT_TOOLS = new Set(['apt-get', 'apt', 'aptitude']);

/** Options of apt-get/apt that take a separate value (`-o X=Y`, `-c file`, `-t release`). */
const OPTIONS_WITH_VALUE = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release']);

/** Subcommands that read the package lists that `update` downloads. */
const USES_LISTS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'reinstall', 'satisfy']);

const aptCache = new PerCommand<AptCommand | null>();

/** The apt command `cmd` runs, if any; computed once per command and shared (callers must not change it). */
export function aptCommand(cmd: ShellCommand): AptCommand | undefined {
  const { argv, offset, name } = unwrapped(cmd);
  if (!APT_TOOLS.has(name)) return undefined;
  let apt = aptCache.get(cmd);
  if (apt === undefined) {
    apt = null;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (OPTIONS_WITH_VALUE.has(a)) { i++; continue; }
      if (a.startsWith('-')) continue;
      apt = { tool: name as AptCommand['tool'], subcommand: a, subcommandIndex: i + offset, args: argv.slice(1) };
      break;
    }
    aptCache.set(cmd, apt);
  }
  return apt ?? undefined;
}

/** `apt-get update`, or an install with apt 3's `--update` option, which updates first. */
export function isAptUpdate(cmd: ShellCommand): boolean {
  const apt = aptCommand(cmd);
  if (!apt) return false;
  return apt.subcommand === 'update' || (USES_LISTS.has(apt.subcommand) && apt.args.includes('--update'));
}

/** Commands that need fresh package lists: install, upgrade and friends. */
export function usesAptLists(cmd: ShellCommand): boolean {
  const apt = aptCommand(cmd);
  return !!apt && USES_LISTS.has(apt.subcommand);
}

export function isAptInstall(cmd: ShellCommand): AptCommand | undefined {
  const apt = aptCommand(cmd);
  return apt && (apt.subcommand === 'install') && apt.tool !== 'aptitude' ? apt : undefined;
}

const RECOMMENDS_OFF = /^APT::Install-Recommends\s*=\s*("?)(false|0|no|off)\1$/i;

/** `--no-install-recommends`, `--no-install-recommends=true`, or `-o APT::Install-Recommends=false`. */
export function disablesRecommends(apt: AptCommand): boolean {
  const a = apt.args;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--no-install-recommends' || /^--no-install-recommends=(1|true|yes)$/i.test(a[i])) return true;
    if (a[i] === '--install-recommends=false' || a[i] === '--install-recommends=0') return true;
    const opt = (a[i] === '-o' || a[i] === '--option') ? a[i + 1] : a[i].startsWith('-o') ? a[i].slice(2) : a[i].startsWith('--option=') ? a[i].slice(9) : undefined;
    if (opt !== undefined && RECOMMENDS_OFF.test(opt)) return true;
  }
  return false;
}

/** A script that writes an apt configuration turning recommends off for later installs. */
export function writesNoRecommendsConfig(text: string): boolean {
  return /APT::Install-Recommends\s*["']?\s*\\?["']?(false|0)/i.test(text);
}

export const APT_LISTS = '/var/lib/apt/lists';

/** `rm -rf /var/lib/apt/lists/*` and equivalents (`rm -r /var/lib/apt/lists`, `rm -rf /var/lib/apt/*`, `find … -delete`, `apt-get dist-clean`). */
export function removesAptLists(cmd: ShellCommand): boolean {
  // apt 2.7.8+ (Debian trixie, Ubuntu noble): removes the lists but keeps the Release files.
  const sub = aptCommand(cmd)?.subcommand;
  if (sub === 'dist-clean' || sub === 'distclean') return true;
  const name = commandName(cmd);
  const args = cmd.argv.slice(1);
  if (name === 'rm') {
    const recursive = args.some(a => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive');
    return args.some(a => {
      if (a.startsWith('-')) return false;
      const p = a.replace(/\/+$/, '');
      // The lists themselves (`lists/*`, `lists/`) or a folder above them.
      if (/^\/var\/lib\/apt\/lists(\/\*|\/\*\*)?$/.test(p)) return p.endsWith('*') || recursive;
      if (p === '/var/lib/apt' || p === '/var/lib/apt/*' || p === '/var/lib/apt/lists*') return recursive || p.endsWith('*');
      return false;
    });
  }
  if (name === 'find') return args.some(a => a.replace(/\/+$/, '') === APT_LISTS || a === '/var/lib/apt') && args.includes('-delete');
  return false;
}

/** A cache or tmpfs mount that holds the package lists, so they never reach the layer. */
export function mountHoldsAptLists(mounts: readonly Mount[]): boolean {
  return mounts.some(m => {
    if (m.type !== 'cache' && m.type !== 'tmpfs') return false;
    const target = (m.options.get('target') ?? m.options.get('dst') ?? m.options.get('destination') ?? '').replace(/\/+$/, '');
    return target === APT_LISTS || target === '/var/lib/apt' || target === '/var/lib';
  });
}

/** Options of apt-get/apt that take a value, for reading package operands. */
const APT_VALUE_OPTIONS = new Set([...OPTIONS_WITH_VALUE, '-a', '--host-architecture', '-P', '--build-profiles']);

/**
 * The package operands of an apt command (the words after the subcommand that are not options
 * or option values), with their index in `cmd.argv`. Empty when `cmd` is not apt.
 */
export function aptOperands(cmd: ShellCommand): { text: string; index: number }[] {
  const apt = aptCommand(cmd);
  if (!apt) return [];
  const out: { text: string; index: number }[] = [];
  const argv = cmd.argv;
  for (let i = apt.subcommandIndex + 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { for (let j = i + 1; j < argv.length; j++) out.push({ text: argv[j], index: j }); break; }
    if (APT_VALUE_OPTIONS.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    out.push({ text: a, index: i });
  }
  return out;
}

/**
 * Whether an apt command answers its own prompts: `-y`, `--yes`, `--assume-yes`, a quiet level
 * of 2 (`-qq`, `-q -q`, `-q=2`, which implies `-y`), or `-o APT::Get::Assume-Yes=true`.
 */
export function aptAssumesYes(apt: AptCommand): boolean {
  let quiet = 0;
  const a = apt.args;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === '--') break;
    if (OPTIONS_WITH_VALUE.has(x) || x === '-a' || x === '-P') {
      if ((x === '-o' || x === '--option') && /^APT::Get::Assume-?Yes\s*=\s*(1|true|yes)$/i.test(a[i + 1] ?? '')) return true;
      i++;
      continue;
    }
    if (/^-o\s*APT::Get::Assume-?Yes=(1|true|yes)$/i.test(x) || /^--option=APT::Get::Assume-?Yes=(1|true|yes)$/i.test(x)) return true;
    if (x === '--yes' || x === '--assume-yes' || /^--(assume-)?yes=(1|true|yes)$/i.test(x)) return true;
    if (x === '--quiet') { quiet++; continue; }
    const level = /^(?:-q|--quiet)=(\d+)$/.exec(x);
    if (level) { quiet = Math.max(quiet, Number(level[1])); continue; }
    if (/^-[a-zA-Z]+$/.test(x)) {
      if (x.includes('y')) return true;
      quiet += (x.match(/q/g) ?? []).length;
    }
  }
  return quiet >= 2;
}

/** Subcommands of apt-get/apt that change installed packages and ask for confirmation. */
export const APT_PROMPTING = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'autopurge', 'build-dep', 'reinstall', 'satisfy']);
