/**
 * Dockerfile formatting that never changes what `docker build` reads.
 *
 * Style: keywords upper-cased (and `AS`, HEALTHCHECK's `CMD`/`NONE`), one space after the
 * keyword, no indentation before it, no trailing whitespace, continuation lines indented by
 * one step (keeping nested structure), at most `maxBlankLines` blank lines in a row, the
 * final line break as the editor's options ask. Untouched: parser directives, heredoc bodies
 * and terminators, deliberately aligned continuation lines (unless asked), and any
 * indentation inside a quoted string or where BuildKit keeps it in a value (joins.ts).
 *
 * The structure comes from builder.ts (BuildKit's own reading), so what we consider an
 * instruction, a comment or a heredoc body is exactly what the builder does; where
 * dockerfile-ast (the editor features' parse) reads it differently, we keep out (frozen.ts).
 * Edits are small and local, so undo and cursors stay where the user expects them.
 */
import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import { buildkitParse, parseText, type BkParse } from './builder';
import type { DockerfileModel } from './model';
import { LineIndex, applyEdits } from './text';
import type { Position, Range, TextEdit } from './types';
import { directiveHeaderLength, frozenLines, isDirectiveLike } from './format/frozen';
import { KEYWORDS, continuationAt, continuationPattern, isSpace, layoutOf, leadingIndent, type InstructionLayout } from './format/layout';
import { renderIndent, resolveFormatOptions, visualWidth, type FormatOptions, type ResolvedFormatOptions } from './format/options';

export { applyEdits };
export type { FormatOptions };

interface Source { text: string; lines: LineIndex; parse: BkParse; ast: () => Dockerfile }

/** An edit by document offsets, tagged with the lines of the unit it belongs to (for range formatting). */
interface Change { start: number; end: number; text: string; first: number; last: number }

function sourceOf(input: string | DockerfileModel): Source {
  if (typeof input !== 'string') return { text: input.text, lines: input.lines, parse: buildkitParse(input), ast: () => input.ast };
  let ast: Dockerfile | undefined;
  return { text: input, lines: new LineIndex(input), parse: parseText(input), ast: () => (ast ??= DockerfileParser.parse(input)) };
}

/** Lone carriage returns split lines for editors but not for BuildKit: line numbers would disagree. */
function hasLoneCarriageReturn(text: string): boolean {
  return /\r(?!\n)/.test(text);
}

/**
 * A byte order mark is invisible only at the very start of a file; anywhere else it is part of a
 * word (`\uFEFFFROM` is no instruction). Removing the lines before it would turn it into a real
 * BOM and change what the file means, so such files are left as they are.
 */
function hasInnerByteOrderMark(text: string): boolean {
  return text.indexOf('\uFEFF', 1) >= 0;
}

function lineStart(lines: LineIndex, line: number): number {
  return lines.offsetAt({ line, character: 0 });
}

/**
 * Edits that format a whole Dockerfile, or only the instructions (and comment or blank
 * lines) that intersect `range`. Pass the shared model to reuse its parse.
 */
export function formatDockerfile(input: string | DockerfileModel, options: FormatOptions, range?: Range): TextEdit[] {
  const src = sourceOf(input);
  if (hasLoneCarriageReturn(src.text) || hasInnerByteOrderMark(src.text)) return [];
  const o = resolveFormatOptions(options);
  if (!range) return toTextEdits(src.lines, new DocumentFormatter(src, o).changes());
  const first = range.start.line;
  const last = range.end.line > first && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  const touches = (c: { first: number; last: number }) => c.last >= first && c.first <= last;
  return toTextEdits(src.lines, new DocumentFormatter(src, o, touches).changes().filter(touches));
}

function toTextEdits(lines: LineIndex, changes: Change[]): TextEdit[] {
  return changes
    .sort((a, b) => a.start - b.start)
    .map(c => ({ range: { start: lines.positionAt(c.start), end: lines.positionAt(c.end) }, newText: c.text }));
}

/** Replaces `start..end` with `text`, trimmed to the part that actually differs. */
function change(src: Source, start: number, end: number, text: string, first: number, last: number): Change | undefined {
  const old = src.text.slice(start, end);
  if (old === text) return undefined;
  let p = 0;
  while (p < old.length && p < text.length && old[p] === text[p]) p++;
  let q = 0;
  while (q < old.length - p && q < text.length - p && old[old.length - 1 - q] === text[text.length - 1 - q]) q++;
  return { start: start + p, end: end - q, text: text.slice(p, text.length - q), first, last };
}

/** Trailing spaces and tabs of a line, removed. */
function trailingBlanks(src: Source, line: number, first: number, last: number): Change | undefined {
  const text = src.lines.lineText(line);
  const kept = text.replace(/[ \t]+$/, '');
  if (kept.length === text.length) return undefined;
  const start = lineStart(src.lines, line);
  return change(src, start + kept.length, start + text.length, '', first, last);
}

/**
 * The instruction's keyword (and ONBUILD's trigger) upper-cased, with FROM's `AS` and
 * HEALTHCHECK's `CMD`/`NONE` to match (BuildKit's FromAsCasing check wants them alike).
 */
function keywordCasing(src: Source, layout: InstructionLayout): Change[] {
  const node = layout.node;
  const target = node.trigger ?? node;
  const words: { at: number; text: string }[] = [{ at: layout.keywordOffset!, text: node.keyword }];
  if (node.trigger) words.push({ at: node.line.docOffset(node.trigger.keywordSpan.start), text: node.trigger.keyword });
  const out: Change[] = [];
  for (const w of words) if (KEYWORDS.has(w.text.toLowerCase())) out.push(...upperCased(src, layout, w.at, w.text));
  const args = target.args;
  let sub: (typeof args)[number] | undefined;
  if (target.command === 'from' && args.length === 3 && args[1].text.toLowerCase() === 'as') sub = args[1];
  if (target.command === 'healthcheck' && args.length && /^(cmd|none)$/i.test(args[0].text)) sub = args[0];
  if (sub) out.push(...upperCased(src, layout, node.line.docOffset(sub.start), sub.text));
  return out;
}

function upperCased(src: Source, layout: InstructionLayout, at: number, word: string): Change[] {
  // Only where the word is written as BuildKit read it, within the instruction's own text.
  if (src.text.slice(at, at + word.length) !== word || src.lines.positionAt(at).line > layout.textEndLine) return [];
  const c = change(src, at, at + word.length, word.toUpperCase(), layout.firstLine, layout.endLine);
  return c ? [c] : [];
}

class DocumentFormatter {
  private readonly out: Change[] = [];
  /** Lines the formatter must not touch at all (frozen.ts). */
  private readonly frozen: Set<number>;
  private readonly openAtEnd: boolean;
  /** Lines that belong to an instruction. */
  private readonly owned = new Set<number>();

  /** `wanted`: which instructions (by their lines) to format; all when absent. */
  constructor(private readonly src: Source, private readonly o: ResolvedFormatOptions,
    private readonly wanted: (lines: { first: number; last: number }) => boolean = () => true) {
    ({ lines: this.frozen, openAtEnd: this.openAtEnd } = frozenLines(src.parse, src.lines, src.ast));
  }

  changes(): Change[] {
    const { parse, lines } = this.src;
    for (const node of parse.nodes) for (let l = node.startLine; l <= node.endLine; l++) this.owned.add(l);
    const placed = parse.nodes.filter(node => !this.frozen.has(node.startLine));
    const lastSignificant = this.lastSignificantLine();
    for (const node of placed) {
      if (!this.wanted({ first: node.startLine, last: node.endLine })) continue;
      const layout = layoutOf(node, lines, parse.escape);
      // Continuation lines after a heredoc opener may be frozen while the instruction is not.
      layout.continuations = layout.continuations.filter(c => !this.frozen.has(c.line));
      this.instruction(layout, lastSignificant);
    }
    this.looseLines(lastSignificant);
    this.blankRuns(lastSignificant);
    this.tail(lastSignificant);
    return this.out;
  }

  private push(c: Change | undefined): void { if (c) this.out.push(c); }

  private isBlank(line: number): boolean {
    return !this.frozen.has(line) && /^[ \t]*$/.test(this.src.lines.lineText(line));
  }

  /** The last line that is not blank (or that must stay as is); -1 when the file is blank. */
  private lastSignificantLine(): number {
    for (let l = this.src.lines.lineCount - 1; l >= 0; l--) if (!this.isBlank(l)) return l;
    return -1;
  }

  private trimTrailing(line: number, first: number, last: number): void {
    this.push(trailingBlanks(this.src, line, first, last));
  }

  private instruction(layout: InstructionLayout, lastSignificant: number): void {
    const { lines, text } = this.src;
    const first = layout.firstLine, last = layout.endLine;
    const plan = planIndentation(layout, lines, this.o);
    const kwAt = layout.keywordOffset!;
    const firstStart = lineStart(lines, first) + (first === 0 && text.startsWith('\uFEFF') ? 1 : 0);
    if (!plan.aligned) {
      this.push(change(this.src, firstStart, kwAt, '', first, last));
      this.singleSpaceAfter(kwAt, layout.node.keywordSpan.end - layout.node.keywordSpan.start, first, last);
    }
    keywordCasing(this.src, layout).forEach(c => this.push(c));
    const trigger = layout.node.trigger;
    if (trigger && !plan.aligned) {
      const at = layout.node.line.docOffset(trigger.keywordSpan.start);
      if (lines.positionAt(at).line === first) this.singleSpaceAfter(at, trigger.keyword.length, first, last);
    }
    for (const [line, indent] of plan.indents) {
      const start = lineStart(lines, line);
      this.push(change(this.src, start, start + leadingIndent(lines.lineText(line)).length, indent, first, last));
    }
    for (let l = first; l <= Math.min(layout.textEndLine, lastSignificant); l++) if (!this.frozen.has(l)) this.trimTrailing(l, first, last);
  }

  /** One space between a keyword and what follows it on the same line. */
  private singleSpaceAfter(keywordAt: number, keywordLength: number, first: number, last: number): void {
    const { text, lines } = this.src;
    const from = keywordAt + keywordLength;
    const lineEnd = lines.lineEnd(lines.positionAt(from).line);
    let to = from;
    while (to < lineEnd && (text[to] === ' ' || text[to] === '\t')) to++;
    if (to > from && to < lineEnd) this.push(change(this.src, from, to, ' ', first, last));
  }

  /** Comment lines outside instructions: trailing whitespace goes (blank lines are blankRuns' business). */
  private looseLines(lastSignificant: number): void {
    for (let l = 0; l <= lastSignificant; l++) {
      if (this.owned.has(l) || this.frozen.has(l) || this.isBlank(l)) continue;
      this.trimTrailing(l, l, l);
    }
  }

  /** Runs of blank lines between instructions, shortened to `maxBlankLines`. */
  private blankRuns(lastSignificant: number): void {
    const { lines } = this.src;
    const headerLength = directiveHeaderLength(lines);
    let l = 0;
    while (l < lastSignificant) {
      if (this.owned.has(l) || !this.isBlank(l)) { l++; continue; }
      const a = l;
      while (l < lastSignificant && !this.owned.has(l) && this.isBlank(l)) l++;
      const b = l - 1;
      let keep: number;
      if (a === 0) {
        // A blank line before a `# name=value` comment keeps it from being read as a parser directive.
        keep = isDirectiveLike(lines.lineText(b + 1)) ? 1 : 0;
      } else {
        keep = Math.min(b - a + 1, this.o.maxBlankLines);
        // After the directives, a blank line ends them: dropping it could turn a comment into one.
        if (a <= headerLength) keep = Math.max(keep, 1);
      }
      for (let k = a; k < a + keep; k++) this.trimTrailing(k, a, b);
      if (a + keep <= b) this.push(change(this.src, lineStart(lines, a + keep), lineStart(lines, b + 1), '', a, b));
    }
  }

  /** The end of the file: blank lines and the final line break, per the editor's options. */
  private tail(lastSignificant: number): void {
    const { lines, text } = this.src;
    if (lastSignificant < 0 || this.openAtEnd) return;
    // A file that ends in a dangling escape character is being typed; parsers disagree on what it means at the very end.
    if (/[\\`][ \t]*$/.test(lines.lineText(lastSignificant))) return;
    const start = lines.lineEnd(lastSignificant);
    const breaks = (text.slice(start).match(/\r\n|\n/g) ?? []).length;
    let blanks = 0;
    if (breaks > 0) blanks = this.o.trimFinalNewlines ? 0 : Math.min(breaks - 1, this.o.maxBlankLines);
    const wanted = breaks > 0 || this.o.insertFinalNewline ? lines.eol.repeat(blanks + 1) : '';
    this.push(change(this.src, start, text.length, wanted, lastSignificant, lines.lineCount - 1));
  }
}

interface IndentPlan {
  /** The instruction is deliberately aligned: its columns stay as they are. */
  aligned: boolean;
  /** New leading whitespace per line. */
  indents: Map<number, string>;
}

/**
 * How the continuation lines of one instruction are indented. Lines keep their nesting
 * relative to the least indented one, which moves to one indent step; a deliberately aligned
 * instruction keeps its columns unless `keepAligned` is off, in which case every line gets
 * exactly one step.
 */
export function planIndentation(layout: InstructionLayout, lines: LineIndex, o: ResolvedFormatOptions): IndentPlan {
  const indents = new Map<number, string>();
  const step = o.indentWidth;
  const movable = layout.continuations.filter(c => (c.kind === 'content' || c.kind === 'filler') && c.separable && !(step === 0 && c.glued));
  const comments = layout.continuations.filter(c => c.kind === 'comment');
  if (!movable.length && !(comments.length && !o.keepAligned)) return { aligned: false, indents };
  const widths = movable.map(c => visualWidth(c.indent, o.tabSize));
  const least = widths.length ? Math.min(...widths) : step;
  if (o.keepAligned && isAligned(layout, lines, least, o)) return { aligned: true, indents };
  const shift = step - least;
  movable.forEach((c, k) => indents.set(c.line, renderIndent(o.keepAligned ? widths[k] + shift : step, o)));
  if (layout.reading !== 'literal') {
    for (const c of comments) indents.set(c.line, renderIndent(o.keepAligned ? Math.max(0, visualWidth(c.indent, o.tabSize) + shift) : step, o));
  }
  return { aligned: false, indents };
}

/**
 * Deliberate alignment: escape characters lined up in one column with padding before them,
 * or continuation lines lined up under a word of the first line (other than one step).
 */
function isAligned(layout: InstructionLayout, lines: LineIndex, least: number, o: ResolvedFormatOptions): boolean {
  const pattern = continuationPattern(layout.escape);
  const escapeColumns = new Map<number, { count: number; padded: boolean }>();
  const candidates = [layout.firstLine, ...layout.continuations.filter(c => c.kind === 'content').map(c => c.line)];
  for (const line of candidates) {
    const text = lines.lineText(line);
    const at = continuationAt(text, pattern);
    if (at < 0) continue;
    const before = /[ \t]*$/.exec(text.slice(0, at))![0];
    const column = visualWidth(text.slice(0, at), o.tabSize);
    const entry = escapeColumns.get(column) ?? { count: 0, padded: false };
    entry.count++;
    entry.padded ||= before.length >= 2 || before.includes('\t');
    escapeColumns.set(column, entry);
  }
  for (const e of escapeColumns.values()) if (e.count >= 2 && e.padded) return true;
  if (least === o.indentWidth) return false;
  const firstText = lines.lineText(layout.firstLine);
  const keywordColumn = lines.positionAt(layout.keywordOffset!).character;
  for (let i = keywordColumn + 1; i < firstText.length; i++) {
    if (!isSpace(firstText[i]) && isSpace(firstText[i - 1]) && visualWidth(firstText.slice(0, i), o.tabSize) === least) return true;
  }
  return false;
}

/**
 * Edits after the user typed `ch` ending at `position` (on-type formatting). After a line
 * break: a continuation line is indented (one step after the first line, as the line above
 * otherwise), a line that starts a new instruction loses the indentation the editor carried
 * over, and the line just finished gets its keyword upper-cased and trailing blanks removed.
 */
export function formatOnType(input: string | DockerfileModel, position: Position, ch: string, options: FormatOptions): TextEdit[] {
  if (ch !== '\n') return [];
  const src = sourceOf(input);
  if (hasLoneCarriageReturn(src.text)) return [];
  const { lines, parse } = src;
  const line = position.line;
  const above = line - 1;
  if (above < 0 || line >= lines.lineCount) return [];
  const node = parse.nodes.find(n => n.startLine <= above && above <= n.endLine);
  // Directives, heredoc bodies (every character is the user's) and lines we do not place: nothing to do.
  const frozen = frozenLines(parse, lines, src.ast).lines;
  if (!node || frozen.has(above) || frozen.has(node.startLine)) return [];
  const layout = layoutOf(node, lines, parse.escape);
  const o = resolveFormatOptions(options);
  const first = node.startLine, last = node.endLine;
  const changes = keywordCasing(src, layout);
  const add = (c: Change | undefined) => { if (c) changes.push(c); };
  add(trailingBlanks(src, above, first, last));

  const here = lines.lineText(line);
  const indent = leadingIndent(here);
  const hereStart = lineStart(lines, line);
  const emptyLine = [...here].every(isSpace);
  const aboveEntry = layout.continuations.find(c => c.line === above);
  const aboveContinues = aboveEntry?.kind !== 'comment' && continuationAt(lines.lineText(above), continuationPattern(parse.escape)) >= 0;
  // A new line inside a heredoc body is the user's.
  if (frozen.has(line)) return toTextEdits(lines, changes);
  if (aboveContinues) {
    const wanted = continuationIndentBelow(layout, above, o);
    const entry = layout.continuations.find(c => c.line === line);
    // Text moved down by the line break is joined to the instruction: only re-indent it where that is harmless.
    const safe = emptyLine || (entry?.separable === true && layout.reading !== 'literal' && !(entry.glued && wanted === ''));
    if (safe) add(change(src, hereStart, hereStart + indent.length, wanted, first, last));
  } else if (emptyLine && line > node.endLine) {
    add(change(src, hereStart, hereStart + indent.length, '', line, line));
  }
  return toTextEdits(lines, changes);
}

/** The indentation for a continuation line right below `above`. */
function continuationIndentBelow(layout: InstructionLayout, above: number, o: ResolvedFormatOptions): string {
  for (let l = above; l > layout.firstLine; l--) {
    const entry = layout.continuations.find(c => c.line === l);
    if (entry && (entry.kind === 'content' || entry.kind === 'filler')) return entry.indent;
  }
  return renderIndent(o.indentWidth, o);
}
