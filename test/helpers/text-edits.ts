import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';

/**
 * A small, independent implementation of LSP text edits, so tests can apply the
 * edits the server returns exactly as an editor would (not with the server's own code).
 */

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') { starts.push(i + 2); i++; }
    else if (c === '\n' || c === '\r') starts.push(i + 1);
  }
  return starts;
}

export function offsetAt(text: string, pos: Position): number {
  const starts = lineStarts(text);
  if (pos.line >= starts.length) return text.length;
  const start = starts[pos.line];
  let end = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  // Do not step into the line break.
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return Math.min(start + pos.character, end);
}

export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** Applies edits whose ranges all refer to the original text (LSP semantics); rejects overlaps. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e, order) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error(`overlapping edits: ${JSON.stringify(edits)}`);
  }
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    if (s.end < s.start) throw new Error(`edit with end before start: ${JSON.stringify(s)}`);
    out += text.slice(cursor, s.start) + s.newText;
    cursor = s.end;
  }
  return out + text.slice(cursor);
}

/** The edits a WorkspaceEdit makes to one document, from `changes` or `documentChanges`. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const result: TextEdit[] = [];
  for (const [u, edits] of Object.entries(edit.changes ?? {})) {
    if (u === uri) result.push(...edits);
  }
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) result.push(...(change.edits as TextEdit[]));
  }
  return result;
}

/** Applies a WorkspaceEdit to one document's text; fails if it touches other documents. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  const touched = new Set<string>([
    ...Object.keys(edit.changes ?? {}),
    ...(edit.documentChanges ?? []).map(c => ('textDocument' in c ? c.textDocument.uri : `<resource operation ${c.kind}>`)),
  ]);
  for (const u of touched) {
    if (u !== uri) throw new Error(`WorkspaceEdit touches ${u}, expected only ${uri}: ${JSON.stringify(edit)}`);
  }
  return applyTextEdits(text, editsFor(edit, uri));
}

/** The smallest single ranged change turning `before` into `after` (for incremental didChange). */
export function minimalChange(before: string, after: string): { range: Range; text: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let endB = before.length, endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) { endB--; endA--; }
  return { range: { start: positionAt(before, start), end: positionAt(before, endB) }, text: after.slice(start, endA) };
}

export function lines(text: string): string[] {
  return text.split(/\r?\n/);
}
