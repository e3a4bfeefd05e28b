/**
 * How BuildKit's Dockerfile frontend reads a file, ported from `frontend/dockerfile/parser`
 * so that the builder-parity rules and the BuildKit checks see exactly what `docker build`
 * sees: parser directives, comments attached to an instruction, line continuations (with
 * comment and empty lines dropped), the split into keyword, `--flags` and arguments per
 * instruction, JSON form, heredocs. Every piece keeps its position in the document.
 *
 * dockerfile-ast (the model's parse) remains the source of ranges for instructions; this is a
 * second, much lighter read over the same text, computed once per model when a rule asks.
 */
import { expandWord, NO_VARIABLES } from './expand';
import type { DockerfileModel } from './model';
import { rangeOf } from './text';
import type { Range } from './types';

/** A piece of an instruction's logical line, by offsets into that line. */
export interface Span { start: number; end: number }
export interface BkWord extends Span { text: string }

/**
 * An instruction with its continuation lines joined the way BuildKit joins them: escape
 * characters at line ends removed, comment lines and empty lines inside dropped. Every
 * character maps back to the document.
 */
export class LogicalLine {
  /**
   * @param starts logical offset where each joined piece starts (ascending, first 0)
   * @param docStarts document offset of each piece's first character
   * @param end document offset just after the last character
   */
  constructor(readonly text: string, private readonly starts: number[], private readonly docStarts: number[], private readonly end: number) {}

  private piece(i: number): number {
    const starts = this.starts;
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** Document offset of logical offset `i` (the end maps to just after the last character). */
  docOffset(i: number): number {
    if (i >= this.text.length) return this.end;
    if (i <= 0) return this.docStarts[0] ?? this.end;
    const k = this.piece(i);
    return this.docStarts[k] + (i - this.starts[k]);
  }

  /** Document offset just after logical offset `i - 1` (for range ends). */
  docEnd(i: number): number {
    if (i >= this.text.length) return this.end;
    if (i <= 0) return this.docStarts[0] ?? this.end;
    return this.docOffset(i - 1) + 1;
  }
}

export interface BkFlag {
  /** As BuildKit sees it, quotes and escapes processed: `--from=build`. */
  text: string;
  /** Without the leading `--` and the value: `from`. */
  name: string;
  /** After the first `=`, or undefined when there is none. */
  value?: string;
  span: Span;
}

export interface BkKeyValue {
  key: BkWord;
  value: BkWord;
  /** `key=value` (false for the legacy `key value` form). */
  hasEquals: boolean;
}

export interface BkHeredoc {
  name: string;
  expand: boolean;
  chomp: boolean;
  fd: number;
  /** The body, as BuildKit passes it on (line endings included, terminator excluded). */
  content: string;
  /** Document offset where the body starts. */
  contentOffset: number;
}

export interface BkError {
  message: string;
  /** Document offsets. */
  start: number;
  end: number;
}

export interface BkNode {
  /** The keyword as written (`From`, `copy`). */
  keyword: string;
  /** Lower-cased keyword. */
  command: string;
  line: LogicalLine;
  keywordSpan: Span;
  flags: BkFlag[];
  /** The arguments after the flags, trimmed. */
  rest: Span;
  /**
   * The arguments as BuildKit's instruction parser receives them (`nodeArgs`): words for most
   * instructions, decoded strings for JSON form, [key, value, separator] triples for ENV/LABEL,
   * [type, command...] for HEALTHCHECK, [trigger keyword, trigger args...] for ONBUILD.
   */
  args: BkWord[];
  json: boolean;
  /** ENV and LABEL pairs. */
  kvs?: BkKeyValue[];
  heredocs: BkHeredoc[];
  /** Comment lines directly above (BuildKit's PrevComment; a bare `#` line resets them). */
  comments: string[];
  /** Zero-based document lines. */
  startLine: number;
  endLine: number;
  /** The instruction contains whitespace-only lines inside its continuation. */
  emptyContinuation: boolean;
  /** Last line of the instruction's text, before any heredoc bodies (where BuildKit reports an empty continuation). */
  textEndLine: number;
  /** ONBUILD's trigger instruction. */
  trigger?: BkNode;
  /** A parse error BuildKit stops at for this instruction. */
  error?: BkError;
}

export interface BkDirective { name: string; value: string; line: number; start: number; end: number }

export interface BkParse {
  nodes: BkNode[];
  escape: string;
  directives: BkDirective[];
  /** File-level parse errors (directives, heredocs that never end, an empty file). */
  errors: BkError[];
}

const VALID_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const WHITESPACE = /[\t\v\f\r ]+/;
const HEREDOC_COMMANDS = new Set(['add', 'copy', 'run']);
const RE_HEREDOC = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

/** BuildKit's `reWhitespace` class: `[\t\v\f\r ]`. */
function isLineSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f';
}

function isSpaceChar(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f' || c === '\u0085' || c === '\u00a0';
}

const cache = new WeakMap<DockerfileModel, BkParse>();

/** BuildKit's reading of the model's text, computed once per model. */
export function buildkitParse(model: DockerfileModel): BkParse {
  let parsed = cache.get(model);
  if (!parsed) {
    parsed = parseText(model.text);
    cache.set(model, parsed);
  }
  return parsed;
}

/** The document range of logical offsets `start`..`end` of a node's line. */
export function spanRange(model: DockerfileModel, line: LogicalLine, span: Span): Range {
  return rangeOf(model.lines, line.docOffset(span.start), span.end > span.start ? line.docEnd(span.end) : line.docOffset(span.start));
}

export function errorRange(model: DockerfileModel, e: BkError): Range {
  return rangeOf(model.lines, e.start, e.end);
}

interface PhysicalLine { start: number; end: number; text: string }

function physicalLines(text: string): PhysicalLine[] {
  const out: PhysicalLine[] = [];
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    // BuildKit trims trailing \r and \n from each line.
    let end = nl;
    while (end > start && (text[end - 1] === '\r' || text[end - 1] === '\n')) end--;
    out.push({ start, end, text: text.slice(start, end) });
    start = nl + 1;
  }
  return out;
}

function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isSpaceChar(s[i])) i++;
  return i;
}

function isCommentText(s: string): boolean {
  const i = leadingSpace(s);
  return i < s.length && s[i] === '#';
}

class Directives {
  escape = '\\';
  continuation = Directives.regex('\\');
  done = false;
  seen = new Set<string>();

  static regex(esc: string): RegExp {
    const e = esc === '\\' ? '\\\\' : '`';
    return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
  }

  /** DirectiveParser.ParseLine on an already newline-trimmed line. */
  parse(line: string): { name: string; value: string } | { error: string } | undefined {
    if (this.done) return undefined;
    if (!line.startsWith('#')) { this.done = true; return undefined; }
    const m = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(line.slice(1).replace(/^\s+/, ''));
    if (!m) { this.done = true; return undefined; }
    const name = m[1].toLowerCase();
    if (!VALID_DIRECTIVES.has(name)) { this.done = true; return undefined; }
    if (this.seen.has(name)) return { error: `only one ${name} parser directive can be used` };
    this.seen.add(name);
    if (name === 'escape') {
      if (m[2] !== '`' && m[2] !== '\\') return { error: `invalid escape token '${m[2]}' does not match \` or \\` };
      this.escape = m[2];
      this.continuation = Directives.regex(m[2]);
    }
    return { name, value: m[2] };
  }
}

/** Parses a whole Dockerfile the way BuildKit's `parser.Parse` does, without stopping at the first error. */
export function parseText(text: string): BkParse {
  const lines = physicalLines(text);
  const d = new Directives();
  const nodes: BkNode[] = [];
  const directives: BkDirective[] = [];
  const errors: BkError[] = [];
  let comments: string[] = [];

  for (let i = 0; i < lines.length; i++) {
    const phys = lines[i];
    let raw = phys.text;
    let rawStart = phys.start;
    if (i === 0 && raw.startsWith('\uFEFF')) { raw = raw.slice(1); rawStart++; }
    if (isCommentText(raw)) {
      // BuildKit takes the text after the first character, whatever it is, then trims.
      const comment = raw.slice(1).trim();
      if (comment === '') comments = []; else comments.push(comment);
    }
    const lead = leadingSpace(raw);
    const trimmed = raw.slice(lead);
    const directive = d.parse(trimmed);
    if (directive) {
      if ('error' in directive) errors.push({ message: directive.error, start: rawStart + lead, end: phys.end });
      else {
        directives.push({ name: directive.name, value: directive.value, line: i, start: rawStart + lead, end: phys.end });
        comments.pop();
      }
    }
    // A comment line or an empty line: nothing to parse.
    if (trimmed === '' || isCommentText(trimmed)) continue;
    // The first line: kept text starts after leading whitespace.
    const pieces: { text: string; offset: number }[] = [];
    let first = trimmed;
    let firstOffset = rawStart + lead;
    let endOfLine = true;
    const cm = d.continuation.exec(first);
    if (cm) {
      const keep = cm.index + (cm[1] ? cm[1].length : 0);
      first = first.slice(0, keep);
      endOfLine = false;
    }
    if (endOfLine && first.length === 0) continue;
    pieces.push({ text: first, offset: firstOffset });
    const startLine = i;
    let emptyContinuation = false;
    while (!endOfLine && i + 1 < lines.length) {
      i++;
      const next = lines[i];
      if (!d.done) d.parse(next.text);
      if (isCommentText(next.text)) continue;
      if (leadingSpace(next.text) === next.text.length) { emptyContinuation = true; continue; }
      let t = next.text;
      const m = d.continuation.exec(t);
      if (m) {
        t = t.slice(0, m.index + (m[1] ? m[1].length : 0));
      } else {
        endOfLine = true;
      }
      pieces.push({ text: t, offset: next.start });
    }
    const line = joinPieces(pieces, lines[i].end);
    const node = newNode(line, d, comments, startLine, i);
    node.emptyContinuation = emptyContinuation;

    const target = node.command === 'onbuild' && node.trigger ? node.trigger : node;
    if (HEREDOC_COMMANDS.has(target.command) && !target.json && line.text.includes('<<')) {
      let docs: HeredocWord[] = [];
      try {
        docs = heredocsFromLine(line.text);
      } catch (e) {
        node.error ??= { message: (e as Error).message, start: line.docOffset(0), end: line.docEnd(line.text.length) };
      }
      for (const doc of docs) {
        const contentOffset = i + 1 < lines.length ? lines[i + 1].start : text.length;
        let terminated = false;
        let content = '';
        while (i + 1 < lines.length) {
          i++;
          const l = lines[i];
          let candidate = l.text;
          if (doc.chomp) candidate = candidate.replace(/^\t+/, '');
          if (candidate === doc.name) { terminated = true; break; }
          // The line with its line break, as BuildKit appends it.
          const lineEnd = i + 1 < lines.length ? lines[i + 1].start : text.length;
          content += text.slice(l.start, lineEnd);
        }
        if (!terminated) {
          errors.push({ message: 'unterminated heredoc', start: line.docOffset(0), end: text.length });
        }
        target.heredocs.push({ ...doc, content, contentOffset });
      }
      node.endLine = i;
    }
    nodes.push(node);
    comments = [];
  }

  if (text.length === 0) errors.push({ message: 'the Dockerfile cannot be empty', start: 0, end: 0 });
  else if (!nodes.length) errors.push({ message: 'file with no instructions', start: 0, end: text.length });
  return { nodes, escape: d.escape, directives, errors };
}

function joinPieces(pieces: { text: string; offset: number }[], endOffset: number): LogicalLine {
  let text = '';
  const starts: number[] = [];
  const docStarts: number[] = [];
  for (const p of pieces) {
    if (!p.text.length) continue;
    starts.push(text.length);
    docStarts.push(p.offset);
    text += p.text;
  }
  const last = pieces[pieces.length - 1];
  return new LogicalLine(text, starts, docStarts, last ? last.offset + last.text.length : endOffset);
}

/** `newNodeFromLine`: keyword, flags, then the instruction's own argument parser. */
function newNode(line: LogicalLine, d: Directives, comments: string[], startLine: number, endLine: number): BkNode {
  const node = parseSubLine(line, 0, line.text.length, d);
  node.comments = comments;
  node.startLine = startLine;
  node.endLine = endLine;
  node.textEndLine = endLine;
  return node;
}

function parseSubLine(line: LogicalLine, from: number, to: number, d: Directives): BkNode {
  const text = line.text;
  // splitCommand: trim, then split keyword from the rest at the first run of whitespace.
  let s = from;
  while (s < to && isSpaceChar(text[s])) s++;
  let e = to;
  while (e > s && isSpaceChar(text[e - 1])) e--;
  let k = s;
  while (k < e && !isLineSpace(text[k])) k++;
  const keyword = text.slice(s, k);
  let restStart = k;
  while (restStart < e && isLineSpace(text[restStart])) restStart++;
  const node: BkNode = {
    keyword,
    command: keyword.toLowerCase(),
    line,
    keywordSpan: { start: s, end: k },
    flags: [],
    rest: { start: e, end: e },
    args: [],
    json: false,
    heredocs: [],
    comments: [],
    startLine: 0,
    endLine: 0,
    emptyContinuation: false,
    textEndLine: 0,
  };
  let argsStart = e;
  if (restStart < e) {
    const { flags, restAt } = extractBuilderFlags(text, restStart, e, d.escape);
    node.flags = flags;
    argsStart = restAt;
  }
  while (argsStart < e && isSpaceChar(text[argsStart])) argsStart++;
  node.rest = { start: argsStart, end: e };
  try {
    dispatchArgs(node, d);
  } catch (err) {
    node.error = { message: (err as Error).message, start: line.docOffset(from), end: line.docEnd(to) };
  }
  return node;
}

function extractBuilderFlags(text: string, from: number, to: number, escape: string): { flags: BkFlag[]; restAt: number } {
  const flags: BkFlag[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let wordStart = from;
  let quote = '';
  let blankOK = false;
  const push = (end: number) => {
    const eq = word.indexOf('=');
    const name = (eq >= 0 ? word.slice(0, eq) : word).replace(/^--/, '');
    flags.push({ text: word, name, value: eq >= 0 ? word.slice(eq + 1) : undefined, span: { start: wordStart, end } });
  };
  for (let pos = from; pos <= to; pos++) {
    const ch = pos < to ? text[pos] : '';
    if (phase === 'spaces') {
      if (pos === to) break;
      if (isSpaceChar(ch)) continue;
      if (ch !== '-' || pos + 1 === to || text[pos + 1] !== '-') return { flags, restAt: pos };
      phase = 'word';
      wordStart = pos;
    }
    if (pos === to) {
      if (word !== '--' && (blankOK || word.length > 0)) push(pos);
      return { flags, restAt: to };
    }
    if (phase === 'word') {
      if (isSpaceChar(ch)) {
        phase = 'spaces';
        if (word === '--') return { flags, restAt: pos };
        if (blankOK || word.length > 0) push(pos);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') { quote = ch; blankOK = true; phase = 'quote'; continue; }
      let c = ch;
      if (c === escape) {
        if (pos + 1 === to) continue;
        pos++;
        c = text[pos];
      }
      word += c;
      continue;
    }
    // in quote
    if (ch === quote) { phase = 'word'; continue; }
    let c = ch;
    if (c === escape) {
      if (pos + 1 === to) { phase = 'word'; continue; }
      pos++;
      c = text[pos];
    }
    word += c;
  }
  return { flags, restAt: to };
}

/** parseWords: space-delimited words; quotes and escapes are kept in the words. */
function parseWords(text: string, from: number, to: number, escape: string): BkWord[] {
  const words: BkWord[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  let start = from;
  let buf = '';
  for (let pos = from; pos <= to; pos++) {
    const ch = pos < to ? text[pos] : '';
    if (phase === 'spaces') {
      if (pos === to) break;
      if (isSpaceChar(ch)) continue;
      phase = 'word';
      start = pos;
    }
    if ((phase === 'word' || phase === 'quote') && pos === to) {
      if (blankOK || buf.length > 0) words.push({ text: buf, start, end: pos });
      break;
    }
    if (phase === 'word') {
      if (isSpaceChar(ch)) {
        phase = 'spaces';
        if (blankOK || buf.length > 0) words.push({ text: buf, start, end: pos });
        buf = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') { quote = ch; blankOK = true; phase = 'quote'; }
      let c = ch;
      if (c === escape) {
        if (pos + 1 === to) continue;
        buf += c;
        pos++;
        c = text[pos];
      }
      buf += c;
      continue;
    }
    // in quote
    if (ch === quote) phase = 'word';
    let c = ch;
    if (c === escape && quote !== "'") {
      if (pos + 1 === to) { phase = 'word'; continue; }
      pos++;
      buf += c;
      c = text[pos];
    }
    buf += c;
  }
  return words;
}

function splitWhitespace(text: string, from: number, to: number): BkWord[] {
  const out: BkWord[] = [];
  if (from >= to) return out;
  const re = /[\t\v\f\r ]+/g;
  re.lastIndex = from;
  let start = from;
  const slice = text.slice(0, to);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    out.push({ text: text.slice(start, m.index), start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start, to), start, end: to });
  return out;
}

class NotStringArray extends Error {
  constructor() { super('when using JSON array syntax, arrays must be comprised of strings only'); }
}

/** parseJSON: a JSON array of strings, with the span of each string; undefined when not JSON. */
function parseJsonArray(text: string, from: number, to: number): BkWord[] | undefined {
  let s = from;
  while (s < to && isSpaceChar(text[s])) s++;
  if (text[s] !== '[') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(s, to));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  if (value.some(v => typeof v !== 'string')) throw new NotStringArray();
  const out: BkWord[] = [];
  const re = /"(?:[^"\\]|\\.)*"/g;
  re.lastIndex = s;
  const slice = text.slice(0, to);
  for (const v of value as string[]) {
    const m = re.exec(slice);
    out.push(m ? { text: v, start: m.index, end: m.index + m[0].length } : { text: v, start: s, end: to });
  }
  return out;
}

function dispatchArgs(node: BkNode, d: Directives): void {
  const text = node.line.text;
  const { start, end } = node.rest;
  switch (node.command) {
    case 'add':
    case 'copy':
    case 'volume': {
      const json = parseJsonArray(text, start, end);
      if (json) { node.args = json; node.json = true; }
      else node.args = splitWhitespace(text, start, end);
      return;
    }
    case 'cmd':
    case 'entrypoint':
    case 'run':
    case 'shell': {
      if (start >= end) return;
      const json = parseJsonArray(text, start, end);
      if (json) { node.args = json; node.json = true; }
      else node.args = [{ text: text.slice(start, end), start, end }];
      return;
    }
    case 'env':
    case 'label':
      parseNameVal(node, d, node.command === 'env' ? 'ENV' : 'LABEL');
      return;
    case 'arg':
      node.args = parseWords(text, start, end, d.escape);
      return;
    case 'expose':
    case 'from':
      node.args = splitWhitespace(text, start, end);
      return;
    case 'maintainer':
    case 'stopsignal':
    case 'user':
    case 'workdir':
      if (start < end) node.args = [{ text: text.slice(start, end), start, end }];
      return;
    case 'healthcheck': {
      let sep = start;
      while (sep < end && !isSpaceChar(text[sep])) sep++;
      if (sep === start) return;
      let next = sep;
      while (next < end && isSpaceChar(text[next])) next++;
      node.args = [{ text: text.slice(start, sep), start, end: sep }];
      if (next < end) {
        const json = parseJsonArray(text, next, end);
        if (json) { node.args.push(...json); node.json = true; }
        else node.args.push({ text: text.slice(next, end), start: next, end });
      }
      return;
    }
    case 'onbuild': {
      if (start >= end) return;
      const child = parseSubLine(node.line, start, end, d);
      node.trigger = child;
      if (child.error) throw new Error(child.error.message);
      node.args = [{ text: child.keyword, ...child.keywordSpan }, ...child.args];
      return;
    }
    default:
      // Unknown instructions: BuildKit ignores their arguments (and later fails on the keyword).
      return;
  }
}

function parseNameVal(node: BkNode, d: Directives, key: string): void {
  const text = node.line.text;
  const { start, end } = node.rest;
  const words = parseWords(text, start, end, d.escape);
  if (!words.length) return;
  node.kvs = [];
  if (!words[0].text.includes('=')) {
    // Legacy `KEY name value`: the name is the first run of non-space, the value everything after.
    const m = WHITESPACE.exec(text.slice(start, end));
    if (!m) throw new Error(`${key} must have two arguments`);
    const keyEnd = start + m.index;
    const valueStart = keyEnd + m[0].length;
    const k = { text: text.slice(start, keyEnd), start, end: keyEnd };
    const v = { text: text.slice(valueStart, end), start: valueStart, end };
    node.kvs.push({ key: k, value: v, hasEquals: false });
    node.args = [k, v, { text: '', start: end, end }];
    return;
  }
  for (const w of words) {
    const eq = w.text.indexOf('=');
    if (eq < 0) throw new Error(`Syntax error - can't find = in "${w.text}". Must be of the form: name=value`);
    // Words are verbatim slices of the line, except an escape dropped at the very end.
    const k = { text: w.text.slice(0, eq), start: w.start, end: w.start + eq };
    const v = { text: w.text.slice(eq + 1), start: w.start + eq + 1, end: w.end };
    node.kvs.push({ key: k, value: v, hasEquals: true });
    node.args.push(k, v, { text: '=', start: w.start + eq, end: w.start + eq + 1 });
  }
}

interface HeredocWord { name: string; expand: boolean; chomp: boolean; fd: number }

/** heredocsFromLine: the `<<WORD` markers of an instruction. */
export function heredocsFromLine(line: string): HeredocWord[] {
  const words = expandWord(line, NO_VARIABLES, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true }).words;
  const docs: HeredocWord[] = [];
  for (const word of words) {
    const doc = parseHeredoc(word);
    if (doc) docs.push(doc);
  }
  return docs;
}

/** ParseHeredoc: a `<<[-]WORD` word, or undefined. Throws on words BuildKit cannot lex. */
export function parseHeredoc(src: string): HeredocWord | undefined {
  const m = RE_HEREDOC.exec(src);
  if (!m || !m[3]) return undefined;
  const plain = expandWord(m[3], NO_VARIABLES, { skipUnsetEnv: true });
  if (plain.error) throw new Error(plain.error.message);
  if (plain.words.length !== 1) return undefined;
  const raw = expandWord(m[3], NO_VARIABLES, { skipUnsetEnv: true, rawQuotes: true });
  if (raw.error) throw new Error(raw.error.message);
  if (raw.words.length !== plain.words.length) throw new Error(`internal lexing of heredoc produced inconsistent results: ${m[3]}`);
  const count = (s: string) => (s.match(/['"]/g) ?? []).length;
  return { name: plain.words[0], expand: count(plain.words[0]) === count(raw.words[0]), chomp: m[2] === '-', fd: Number(m[1] || 0) };
}

// ---------------------------------------------------------------------------------------
// Value grammars BuildKit checks: image references, platforms, durations, signals.

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/**
 * Why `reference.ParseNormalizedNamed` (distribution/reference) rejects an image reference,
 * or undefined when it accepts it. This is what `docker build` applies to a FROM image.
 */
export function imageReferenceError(s: string): string | undefined {
  if (/^[a-f0-9]{64}$/.test(s)) return `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`;
  const slash = s.indexOf('/');
  let domain = 'docker.io';
  let remainder = s;
  if (slash >= 0) {
    const maybe = s.slice(0, slash);
    if (maybe === 'localhost' || /[.:]/.test(maybe) || maybe.toLowerCase() !== maybe) { domain = maybe; remainder = s.slice(slash + 1); }
    else if (maybe === 'index.docker.io') remainder = s.slice(slash + 1);
  }
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = 'library/' + remainder;
  const colon = remainder.indexOf(':');
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) return `invalid reference format: repository name (${remote}) must be lowercase`;
  const full = `${domain}/${remainder}`;
  const m = REFERENCE.exec(full);
  if (!m) {
    if (full === '') return 'invalid reference format';
    if (REFERENCE.test(full.toLowerCase())) return 'invalid reference format: repository name must be lowercase';
    return 'invalid reference format';
  }
  if (m[1].length > 255) return 'invalid reference format: repository name must not be more than 255 characters';
  return undefined;
}

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos', 'wasip1']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);

export interface Platform { os: string; architecture: string; variant?: string }

function normalizeArch(arch: string, variant = ''): { arch: string; variant: string } {
  switch (arch.toLowerCase()) {
    case 'i386': return { arch: '386', variant: '' };
    case 'x86_64': case 'x86-64': case 'amd64': return { arch: 'amd64', variant: variant === 'v1' ? '' : variant };
    case 'aarch64': case 'arm64': return { arch: 'arm64', variant: variant === '8' || variant === 'v8' ? '' : variant };
    case 'armhf': return { arch: 'arm', variant: 'v7' };
    case 'armel': return { arch: 'arm', variant: 'v6' };
    case 'arm': return { arch: 'arm', variant: variant === '' || variant === '7' ? 'v7' : /^[5-8]$/.test(variant) ? 'v' + variant : variant };
    default: return { arch: arch.toLowerCase(), variant };
  }
}

/** containerd's `platforms.Parse`: `os[/arch[/variant]]` or a bare architecture. Throws with BuildKit's message. */
export function parsePlatform(specifier: string): Platform {
  if (specifier.includes('*')) throw new Error(`"${specifier}": wildcards not yet supported: invalid argument`);
  // An optional OS version in parentheses is allowed after the OS.
  const parts = specifier.replace(/\([^)]*\)/, '').split('/');
  for (const p of parts) {
    if (!/^[A-Za-z0-9_.-]+$/.test(p)) throw new Error(`"${p}" is an invalid component of "${specifier}": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument`);
  }
  const lower = parts.map(p => p.toLowerCase());
  if (lower.length === 1) {
    if (KNOWN_OS.has(lower[0])) return { os: lower[0], architecture: 'amd64' };
    const a = normalizeArch(lower[0]);
    if (KNOWN_ARCH.has(a.arch)) return { os: 'linux', architecture: a.arch, variant: a.variant || undefined };
    throw new Error(`"${specifier}": unknown operating system or architecture: invalid argument`);
  }
  if (lower.length === 2) {
    const a = normalizeArch(lower[1]);
    return { os: lower[0] === 'macos' ? 'darwin' : lower[0], architecture: a.arch, variant: a.variant || undefined };
  }
  if (lower.length === 3) {
    const a = normalizeArch(lower[1], lower[2]);
    return { os: lower[0] === 'macos' ? 'darwin' : lower[0], architecture: a.arch, variant: a.variant || undefined };
  }
  throw new Error(`"${specifier}": cannot parse platform specifier: invalid argument`);
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's `time.ParseDuration`, in milliseconds; throws with Go's message. */
export function parseGoDuration(s: string): number {
  const orig = s;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration "${orig}"`);
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(\.[0-9]*)?/.exec(s)!;
    if (!m[0] || m[0] === '.') throw new Error(`time: invalid duration "${orig}"`);
    const value = Number((m[1] || '0') + (m[2] && m[2] !== '.' ? m[2] : ''));
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (!u) throw new Error(`time: missing unit in duration "${orig}"`);
    const unit = DURATION_UNITS[u];
    if (unit === undefined) throw new Error(`time: unknown unit "${u}" in duration "${orig}"`);
    total += value * unit;
    s = s.slice(u.length);
  }
  return neg ? -total : total;
}

const SIGNALS = new Set(['ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM', 'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`), ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`)]);

/** moby's `signal.ParseSignal` on Linux: a non-zero number or a signal name with or without `SIG`. */
export function isValidSignal(raw: string): boolean {
  if (/^[+-]?[0-9]+$/.test(raw)) return Number(raw) !== 0;
  return SIGNALS.has(raw.toUpperCase().replace(/^SIG/, ''));
}
