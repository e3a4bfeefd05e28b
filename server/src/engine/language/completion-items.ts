import type { Range } from '../types';

/** What a completion entry is, for the editor's icon. */
export type CompletionKind = 'keyword' | 'flag' | 'value' | 'variable' | 'stage' | 'image' | 'file' | 'folder' | 'snippet' | 'directive';

/**
 * One completion proposal, LSP-free. `range` is the text it replaces (the partially typed
 * word), on the cursor line, ending at the cursor.
 */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line beside the label: a resolved value, a stage's image, a tag pattern. */
  detail?: string;
  /** Markdown, in our words. */
  documentation?: string;
  sortText: string;
  filterText?: string;
  /** Plain text inserted. */
  insertText: string;
  /** Snippet syntax, used instead of `insertText` when the client supports snippets. */
  snippet?: string;
  range: Range;
  /** Ask the editor for completions again after inserting (after `--mount=`, a folder's `/`). */
  retrigger?: boolean;
  deprecated?: boolean;
}

/** Builds entries sharing one replaced range, numbering their sort order in the order they are added. */
export class EntryList {
  readonly entries: CompletionEntry[] = [];

  constructor(private readonly range: Range) {}

  add(group: number, entry: Omit<CompletionEntry, 'sortText' | 'range'> & { range?: Range }): void {
    const order = String(this.entries.length).padStart(4, '0');
    this.entries.push({ ...entry, range: entry.range ?? this.range, sortText: `${group}${order}` });
  }
}

/** The last `typed.length` characters of `range`: the part of a word a proposal replaces (a value after `=`, a name after `${`). */
export function suffixRange(range: Range, typed: string): Range {
  return { start: { line: range.end.line, character: Math.max(range.start.character, range.end.character - typed.length) }, end: range.end };
}

/** The same prefix test editors apply, so junk is not sent at all. */
export function startsWithIgnoringCase(text: string, prefix: string): boolean {
  return text.toLowerCase().startsWith(prefix.toLowerCase());
}
