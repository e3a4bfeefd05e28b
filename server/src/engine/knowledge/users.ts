import type { Stage } from '../model';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { runSites } from './stages';
import { unwrapped } from './command-sites';

/** Short options of useradd that take a value (so the next word is not the login). */
const USERADD_SHORT_VALUE = new Set(['b', 'c', 'd', 'e', 'f', 'g', 'G', 'k', 'K', 'p', 'R', 'P', 's', 'u', 'Z', 'F']);
const USERADD_LONG_VALUE = new Set(['--base-dir', '--comment', '--home-dir', '--expiredate', '--inactive', '--gid', '--groups', '--skel', '--key', '--password', '--root', '--prefix', '--shell', '--uid', '--selinux-user', '--selinux-range']);
/** adduser (Debian and BusyBox) options that take a value. */
const ADDUSER_VALUE = new Set(['-u', '--uid', '-g', '-G', '--gid', '--ingroup', '-h', '--home', '-s', '--shell', '--gecos', '--comment', '-k', '--firstuid', '--lastuid', '--conf', '-c']);

export interface UserCreation {
  login?: string;
  uid?: string;
  /** `useradd -l` / `--no-log-init`. */
  noLogInit: boolean;
}

/** The options of `useradd` that matter here, from its arguments (short options may be clustered: `-lmu 1000`). */
export function parseUseradd(args: string[]): UserCreation {
  const out: UserCreation = { noLogInit: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { if (args[i + 1] !== undefined) out.login = args[i + 1]; break; }
    if (a === '--no-log-init') { out.noLogInit = true; continue; }
    if (a.startsWith('--uid=')) { out.uid = a.slice(6); continue; }
    if (a.startsWith('--')) {
      if (!a.includes('=') && USERADD_LONG_VALUE.has(a)) { if (a === '--uid') out.uid = args[i + 1]; i++; }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const o = a[k];
        if (o === 'l') { out.noLogInit = true; continue; }
        if (USERADD_SHORT_VALUE.has(o)) {
          const value = k + 1 < a.length ? a.slice(k + 1) : args[++i];
          if (o === 'u') out.uid = value;
          break;
        }
      }
      continue;
    }
    out.login = a;
  }
  return out;
}

/** `adduser [-u N | --uid N] login` (Debian's and BusyBox's). */
export function parseAdduser(args: string[]): UserCreation {
  const out: UserCreation = { noLogInit: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-u' || a === '--uid') { out.uid = args[++i]; continue; }
    if (a.startsWith('--uid=')) { out.uid = a.slice(6); continue; }
    if (/^-u\d+$/.test(a)) { out.uid = a.slice(2); continue; }
    if (ADDUSER_VALUE.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    if (out.login === undefined) out.login = a;
  }
  return out;
}

/** The numeric UID that `useradd`/`adduser` in these stages give `user`, when there is exactly one. */
export function knownUid(chain: Stage[], user: string): string | undefined {
  const uids = new Set<string>();
  for (const s of chain) {
    for (const site of runSites(s)) {
      if (site.onbuild) continue;
      for (const raw of runScript(site.node).commands) {
        const cmd = unwrapped(raw);
        const name = commandName({ argv: cmd.argv, assignments: [] });
        const created = name === 'useradd' ? parseUseradd(cmd.argv.slice(1)) : name === 'adduser' ? parseAdduser(cmd.argv.slice(1)) : undefined;
        if (!created || created.login !== user) continue;
        if (created.uid && /^\d+$/.test(created.uid)) uids.add(created.uid);
      }
    }
  }
  return uids.size === 1 ? [...uids][0] : undefined;
}
