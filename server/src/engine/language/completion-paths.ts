import type { Range } from '../types';
import { EntryList, startsWithIgnoringCase, suffixRange } from './completion-items';

/** What the build context holds, one folder at a time. */
export interface ContextLister {
  /** Entries of a folder relative to the context root (`''` is the root); undefined when unreadable. */
  list(relDir: string): { name: string; isDir: boolean }[] | undefined;
  /** `.dockerignore` excludes it: the build cannot see it, so it is not offered. */
  isIgnored(relPath: string): boolean;
}

/** Enough for any sane folder; a huge one is cut rather than sent whole on a keystroke. */
const MAX_ENTRIES = 300;

/**
 * COPY/ADD sources: the entries of the folder typed so far, minus what `.dockerignore`
 * excludes. Absolute paths, URLs, variables and globs are left alone.
 */
export function contextPathEntries(context: ContextLister, word: string, list: EntryList, range: Range): void {
  const typed = word.replace(/^["']/, '');
  if (typed.startsWith('/') || typed.includes('$') || typed.includes('://') || /[*?[]/.test(typed) || typed.includes('..')) return;
  const slash = typed.lastIndexOf('/');
  const dir = slash < 0 ? '' : typed.slice(0, slash + 1);
  const namePrefix = typed.slice(slash + 1);
  const relDir = dir.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const entries = context.list(relDir);
  if (!entries) return;
  const nameRange = suffixRange(range, namePrefix);
  const sorted = [...entries].sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.name.localeCompare(b.name));
  let count = 0;
  for (const e of sorted) {
    if (count >= MAX_ENTRIES) break;
    if (!startsWithIgnoringCase(e.name, namePrefix)) continue;
    // Dot files only when asked for, as shells do.
    if (e.name.startsWith('.') && !namePrefix.startsWith('.')) continue;
    const rel = relDir ? `${relDir}/${e.name}` : e.name;
    if (context.isIgnored(rel)) continue;
    count++;
    list.add(e.isDir ? 2 : 3, {
      label: e.isDir ? `${e.name}/` : e.name, kind: e.isDir ? 'folder' : 'file', range: nameRange,
      detail: e.isDir ? 'folder in the build context' : 'file in the build context',
      insertText: e.isDir ? `${e.name}/` : e.name, retrigger: e.isDir,
    });
  }
}
