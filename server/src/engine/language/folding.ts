/**
 * Folding ranges: whole stages, instructions continued over several lines, heredoc bodies and
 * blocks of consecutive comment lines. Line-based (every client can show them), at most one
 * range per start line (what editors keep).
 */
import type { Heredoc } from 'dockerfile-ast';
import type { DockerfileModel } from '../model';

export type FoldKind = 'region' | 'comment';

export interface Fold { startLine: number; endLine: number; kind: FoldKind }

export function foldingRanges(model: DockerfileModel): Fold[] {
  const folds: Fold[] = [];
  for (const stage of model.stages) {
    const startLine = stage.from.getRange().start.line;
    const endLine = stage.instructions[stage.instructions.length - 1].range.end.line;
    if (endLine > startLine) folds.push({ startLine, endLine, kind: 'region' });
  }
  for (const info of model.instructions) {
    const { start, end } = info.range;
    if (end.line > start.line) folds.push({ startLine: start.line, endLine: end.line, kind: 'region' });
    const heredocs = (info.node as unknown as { getHeredocs?(): Heredoc[] }).getHeredocs?.() ?? [];
    for (const doc of heredocs) {
      const body = doc.getContentRange();
      const delimiter = doc.getDelimiterRange();
      if (!body) continue;
      // From the line above the body (the `<<EOF` line, or the previous heredoc's terminator) to this terminator.
      const startLine = Math.max(doc.getStartRange().start.line, body.start.line - 1);
      const endLine = delimiter?.start.line ?? body.end.line;
      if (endLine > startLine) folds.push({ startLine, endLine, kind: 'region' });
    }
  }
  folds.push(...commentBlocks(model));
  return dedupe(folds);
}

function commentBlocks(model: DockerfileModel): Fold[] {
  const blocks: Fold[] = [];
  let start = -1, previous = -2;
  for (const comment of model.comments) {
    const line = comment.getRange().start.line;
    if (line !== previous + 1) {
      if (start >= 0 && previous > start) blocks.push({ startLine: start, endLine: previous, kind: 'comment' });
      start = line;
    }
    previous = line;
  }
  if (start >= 0 && previous > start) blocks.push({ startLine: start, endLine: previous, kind: 'comment' });
  return blocks;
}

/** One fold per start line, the widest; sorted by line. */
function dedupe(folds: Fold[]): Fold[] {
  const byStart = new Map<number, Fold>();
  for (const f of folds) {
    const kept = byStart.get(f.startLine);
    if (!kept || f.endLine > kept.endLine) byStart.set(f.startLine, f);
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
