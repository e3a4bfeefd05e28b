/**
 * The shape of one instruction as lines: its first line, the continuation lines up to the
 * end of its text, and for each continuation line what may change without changing what
 * BuildKit reads (see joins.ts). Document formatting and on-type formatting both start here.
 */
import type { BkNode } from '../builder';
import type { LineIndex } from '../text';
import { whitespaceSeparatesAt, type JoinReading } from './joins';

export type ContinuationKind =
  /** Text that BuildKit joins to the instruction. */
  | 'content'
  /** Only whitespace before the escape character: joined, but carries no word. */
  | 'filler'
  /** A comment line: BuildKit drops it from the instruction. */
  | 'comment'
  /** Whitespace only: BuildKit drops it (an "empty continuation line"). */
  | 'blank';

export interface ContinuationLine {
  line: number;
  kind: ContinuationKind;
  /** Leading spaces and tabs. */
  indent: string;
  /**
   * Content and filler lines: the indentation may change (keeping it non-empty when `glued`)
   * without changing the instruction BuildKit and the shell read.
   */
  separable: boolean;
  /** The joined text just before this line ends with a non-space character. */
  glued: boolean;
}

export interface InstructionLayout {
  node: BkNode;
  firstLine: number;
  /** Last line of the instruction's own text (heredoc bodies follow it). */
  textEndLine: number;
  /** Last line including heredoc bodies. */
  endLine: number;
  /** Document offset of the keyword; undefined when it is not on the first line (left alone). */
  keywordOffset?: number;
  reading: JoinReading;
  /** The file's escape character. */
  escape: string;
  continuations: ContinuationLine[];
}

/** Dockerfile instruction keywords, lower-cased. */
export const KEYWORDS: ReadonlySet<string> = new Set(['add', 'arg', 'cmd', 'copy', 'entrypoint', 'env', 'expose', 'from', 'healthcheck',
  'label', 'maintainer', 'onbuild', 'run', 'shell', 'stopsignal', 'user', 'volume', 'workdir']);

/** BuildKit's whitespace class for trimming. */
export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f' || c === '\u0085' || c === '\u00a0';
}

/** BuildKit's line-continuation test for an escape character: the escape at the end, not itself escaped. */
const BACKSLASH_CONTINUATION = /([^\\])\\[ \t]*$|^\\[ \t]*$/;
const BACKTICK_CONTINUATION = /([^`])`[ \t]*$|^`[ \t]*$/;

export function continuationPattern(escape: string): RegExp {
  return escape === '`' ? BACKTICK_CONTINUATION : BACKSLASH_CONTINUATION;
}

/** Where the escape character of a continuation sits in a line, or -1. */
export function continuationAt(text: string, pattern: RegExp): number {
  const m = pattern.exec(text);
  return m ? m.index + (m[1] ? m[1].length : 0) : -1;
}

export function leadingIndent(text: string): string {
  return /^[ \t]*/.exec(text)![0];
}

/** An escape character before a blank or at the end (`\ `): dockerfile-ast joins those unlike BuildKit. */
function hasEscapedBlank(text: string, escape: string, atStart = false): boolean {
  const re = escape === '`' ? /`(?:[ \t]|$)/ : /\\(?:[ \t]|$)/;
  const m = re.exec(text);
  return !!m && (!atStart || m.index === 0);
}

/** The text ends with whitespace that separates (an escaped space belongs to the word before it). */
function endsWithSeparator(text: string, escape: string): boolean {
  if (!isSpace(text[text.length - 1])) return false;
  let escapes = 0;
  for (let i = text.length - 2; i >= 0 && text[i] === escape; i--) escapes++;
  return escapes % 2 === 0;
}

function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text[i])) return false;
  return true;
}

function isCommentLine(text: string): boolean {
  let i = 0;
  while (i < text.length && isSpace(text[i])) i++;
  return text[i] === '#';
}

function readingOf(node: BkNode): JoinReading {
  const target = node.command === 'onbuild' ? node.trigger : node;
  if (!target || node.error || target.error) return 'literal';
  switch (target.command) {
    case 'run':
    case 'cmd':
    case 'entrypoint':
      return target.json ? 'json' : 'shell';
    case 'healthcheck':
      // Only `HEALTHCHECK CMD …` carries a command; anything else is an error left as written.
      return /^cmd$/i.test(target.args[0]?.text ?? '') && target.args.length > 1 ? (target.json ? 'json' : 'shell') : 'literal';
    case 'copy':
    case 'add':
    case 'volume':
      return target.json ? 'json' : 'words';
    case 'arg':
    case 'from':
    case 'expose':
      return 'words';
    case 'env':
    case 'label':
      return target.kvs?.every(kv => kv.hasEquals) ? 'words' : 'literal';
    default:
      return 'literal';
  }
}

/** Whether the keyword sits on the instruction's first line (not after a lone escape line): only then do we touch it. */
export function keywordOnFirstLine(node: BkNode, lines: LineIndex): boolean {
  return lines.positionAt(node.line.docOffset(node.keywordSpan.start)).line === node.startLine;
}

/** Lines of one instruction and what its continuation lines allow. */
export function layoutOf(node: BkNode, lines: LineIndex, escape: string): InstructionLayout {
  const pattern = continuationPattern(escape);
  const keywordOffset = node.line.docOffset(node.keywordSpan.start);
  const onFirstLine = keywordOnFirstLine(node, lines);
  const layout: InstructionLayout = {
    node,
    firstLine: node.startLine,
    textEndLine: node.textEndLine,
    endLine: node.endLine,
    keywordOffset: onFirstLine ? keywordOffset : undefined,
    reading: readingOf(node),
    escape,
    continuations: [],
  };
  if (!onFirstLine) return layout;

  // Rebuild the joined text piece by piece, the way BuildKit joins it, to know where each line lands.
  const first = lines.lineText(node.startLine).slice(lines.positionAt(keywordOffset).character);
  const firstCut = continuationAt(first, pattern);
  let joined = firstCut >= 0 ? first.slice(0, firstCut) : first;
  const joinOffsets: number[] = [];
  const joinedLines: ContinuationLine[] = [];
  const pinned = new Set<ContinuationLine>();
  const pieces: string[] = [];
  let afterEscapingComment = false;
  let escapedBlankBefore = hasEscapedBlank(joined, escape);
  for (let line = node.startLine + 1; line <= node.textEndLine; line++) {
    const text = lines.lineText(line);
    const indent = leadingIndent(text);
    const entry: ContinuationLine = { line, kind: 'content', indent, separable: false, glued: false };
    layout.continuations.push(entry);
    if (isCommentLine(text)) {
      entry.kind = 'comment';
      // dockerfile-ast reads escape characters inside such a comment into the next line's words.
      if (hasEscapedBlank(text, escape)) afterEscapingComment = true;
      continue;
    }
    if (isBlankText(text)) { entry.kind = 'blank'; continue; }
    const cut = continuationAt(text, pattern);
    const piece = cut >= 0 ? text.slice(0, cut) : text;
    if (piece.length === indent.length) entry.kind = 'filler';
    entry.glued = joined.length > 0 && !endsWithSeparator(joined, escape);
    if (afterEscapingComment || escapedBlankBefore) pinned.add(entry);
    afterEscapingComment = false;
    // dockerfile-ast joins an escaped blank differently: keep the line after one as it is.
    escapedBlankBefore = hasEscapedBlank(piece, escape);
    joinOffsets.push(joined.length);
    joinedLines.push(entry);
    pieces.push(piece);
    joined += piece;
  }
  // Our join must be BuildKit's; if not, this instruction is something we do not understand: hands off.
  const consistent = joined === node.line.text;
  if (!consistent) layout.reading = 'literal';
  const target = node.trigger ?? node;
  // HEALTHCHECK's command starts after its CMD word.
  const argumentsStart = target.command === 'healthcheck' && target.args.length > 1 ? target.args[1].start : target.rest.start;
  const separates = whitespaceSeparatesAt(joined, joinOffsets, layout.reading, escape, argumentsStart);
  joinedLines.forEach((entry, k) => {
    // A line starting with an escaped blank: parsers disagree on the word it starts; leave it.
    const startsEscaped = hasEscapedBlank(pieces[k].slice(entry.indent.length, entry.indent.length + 2), escape, true);
    entry.separable = separates[k] && !(entry.glued && entry.indent === '') && !startsEscaped && !pinned.has(entry);
  });
  return layout;
}
