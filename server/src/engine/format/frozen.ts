/**
 * Lines formatting leaves byte for byte: parser directives, heredoc bodies and terminators,
 * instructions whose keyword is not on their first line, and lines that dockerfile-ast (the
 * parse behind every other editor feature) takes as part of an instruction where BuildKit
 * does not, so neither reading of the file changes. With the shared model, dockerfile-ast's
 * parse is already there; from a plain string it is parsed once.
 */
import type { Dockerfile } from 'dockerfile-ast';
import type { BkParse } from '../builder';
import type { LineIndex } from '../text';
import { KEYWORDS, keywordOnFirstLine } from './layout';

export interface FrozenLines {
  lines: Set<number>;
  /** An instruction or heredoc body runs to the end of the file for one of the parsers: the final line breaks are part of it. */
  openAtEnd: boolean;
}

export function frozenLines(parse: BkParse, lines: LineIndex, ast: () => Dockerfile): FrozenLines {
  const frozen = new Set<number>(parse.directives.map(d => d.line));
  // Every `# name=value` line at the top, valid directive or not: other readers may take it as one.
  for (let l = 0; l < directiveHeaderLength(lines); l++) frozen.add(l);
  let openAtEnd = parse.errors.some(e => /unterminated heredoc/.test(e.message));
  const freeze = (from: number, to: number) => { for (let l = from; l <= to; l++) frozen.add(l); };
  for (const node of parse.nodes) {
    // Unknown or half-typed keywords and instructions we cannot place: as written.
    if (!KEYWORDS.has(node.command) || !keywordOnFirstLine(node, lines)) freeze(node.startLine, node.endLine);
    else freeze(node.textEndLine + 1, node.endLine);
  }
  // Continuation lines after a `<<` opener: dockerfile-ast may already read them as the body.
  for (const node of parse.nodes) {
    if (!node.line.text.includes('<<')) continue;
    let opener = node.startLine;
    while (opener < node.textEndLine && !lines.lineText(opener).includes('<<')) opener++;
    freeze(opener + 1, node.textEndLine);
  }
  // Lines dockerfile-ast reads as part of an instruction that BuildKit has already ended
  // (heredocs it reads differently, escaped escapes at a line end, broken escape directives).
  const astRanges = ast().getInstructions().map(i => i.getRange());
  let k = 0;
  for (const node of parse.nodes) {
    while (k < astRanges.length && astRanges[k].start.line < node.startLine) k++;
    let astEnd = -1;
    for (let j = k; j < astRanges.length && astRanges[j].start.line <= node.textEndLine; j++) astEnd = Math.max(astEnd, astRanges[j].end.line);
    // Blank lines at the end are blank in both readings.
    while (astEnd > node.endLine && /^[ \t]*$/.test(lines.lineText(astEnd))) astEnd--;
    if (astEnd > node.endLine) {
      // The two readings disagree about this instruction: all of it stays as written.
      freeze(node.startLine, astEnd);
      if (astEnd >= lines.lineCount - 1) openAtEnd = true;
    }
  }
  return { lines: frozen, openAtEnd };
}

/** Loose on purpose: parsers differ in what they accept as a directive (dockerfile-ast more than BuildKit). */
const DIRECTIVE_LIKE = /^\uFEFF?[ \t]*#.*=/;

export function isDirectiveLike(text: string): boolean {
  return DIRECTIVE_LIKE.test(text);
}

/** How many lines at the top of the file look like parser directives. */
export function directiveHeaderLength(lines: LineIndex): number {
  let l = 0;
  while (l < lines.lineCount && isDirectiveLike(lines.lineText(l))) l++;
  return l;
}
