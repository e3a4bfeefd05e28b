/**
 * BuildKit's word lexer (`frontend/dockerfile/shell/lex.go`), ported so that our results
 * match what `docker build` does with a word of a Dockerfile instruction: quotes, the escape
 * character, `$NAME` / `${NAME}` and the `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`,
 * `${NAME+word}`, `${NAME?msg}`, `${NAME:?msg}`, `${NAME#pat}`, `${NAME%pat}` and
 * `${NAME/pat/repl}` forms. Unlike BuildKit it also records *where* every reference is, so
 * that rules and hovers can point at `$NAME` itself.
 *
 * Offsets are indexes into the word that was passed in.
 */

/**
 * The value of a variable, `null` when it is set but its value cannot be known statically
 * (an ARG without default, a value from the base image), `undefined` when it is not set.
 */
export type Lookup = (name: string) => string | null | undefined;

export interface VarRef {
  name: string;
  /** The whole reference, `$` to the closing `}`. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** `-`, `:-`, `+`, `:+`, `?`, `:?`, `#`, `##`, `%`, `%%`, `/`, `//`; undefined for `$NAME` / `${NAME}`. */
  modifier?: string;
  /** Whether the variable was set when it was looked up (BuildKit's "matched"). */
  set: boolean;
}

export interface LexError { message: string; start: number; end: number }

export interface Expansion {
  /** The expanded word (quotes removed unless `rawQuotes`). */
  value: string;
  /** The expansion split into words as BuildKit's ProcessWords does (space splitting after expansion). */
  words: string[];
  refs: VarRef[];
  /** Some variable involved had a value that cannot be known statically. */
  unknown: boolean;
  /** BuildKit would fail with this error (the build stops). */
  error?: LexError;
}

export interface LexOptions {
  /** The Dockerfile's escape character (`\` unless `# escape=` says otherwise). */
  escape?: string;
  /** Keep quote characters in the output. */
  rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  rawEscapes?: boolean;
  /** Quotes are ordinary characters (BuildKit's SkipProcessQuotes, used for heredoc bodies). */
  skipProcessQuotes?: boolean;
  /** Leave unset variables as written instead of expanding them to nothing. */
  skipUnsetEnv?: boolean;
}

class LexFailure extends Error {
  constructor(message: string, readonly start: number, readonly end: number) { super(message); }
}

const SPECIAL = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f' || c === '\u0085' || c === '\u00a0';
}

function isLetterOrDigit(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return /[\p{L}\p{Nd}]/u.test(c);
}

class Words {
  words: string[] = [];
  buf = '';
  inWord = false;
  addChar(c: string): void {
    if (isSpace(c) && this.inWord) {
      if (this.buf.length) { this.words.push(this.buf); this.buf = ''; this.inWord = false; }
    } else if (!isSpace(c)) {
      this.addRawChar(c);
    }
  }
  addRawChar(c: string): void { this.buf += c; this.inWord = true; }
  addString(s: string): void { for (const c of s) this.addChar(c); }
  addRawString(s: string): void { this.buf += s; this.inWord = true; }
  get(): string[] {
    if (this.buf.length) { this.words.push(this.buf); this.buf = ''; this.inWord = false; }
    return this.words;
  }
}

/** Nesting depth of `${…}` words inside `${…}` modifiers; real files use two or three. */
const MAX_NESTING = 200;

class Lexer {
  pos = 0;
  depth = 0;
  refs: VarRef[] = [];
  unknown = false;
  readonly escape: string;
  rawEscapes: boolean;

  constructor(readonly src: string, readonly lookup: Lookup, readonly opts: LexOptions) {
    this.escape = opts.escape ?? '\\';
    this.rawEscapes = !!opts.rawEscapes;
  }

  peek(): string | undefined { return this.pos < this.src.length ? this.src[this.pos] : undefined; }
  next(): string | undefined { return this.pos < this.src.length ? this.src[this.pos++] : undefined; }

  /** processStopOn: until `stop` (consumed) or the end of the word. */
  processStopOn(stop: string | undefined, rawEscapes: boolean): { value: string; words: string[] } {
    let result = '';
    const words = new Words();
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    // BuildKit's Go stack grows; ours does not: thousands of nested `${a:-${b:-…}}` overflowed it.
    this.depth++;
    try {
      if (this.depth > MAX_NESTING) throw new LexFailure(`substitutions nested more than ${MAX_NESTING} deep`, this.pos, this.pos);
      while (this.peek() !== undefined) {
        const ch = this.peek()!;
        if (stop !== undefined && ch === stop) {
          this.next();
          return { value: result, words: words.get() };
        }
        if (ch === '$') {
          const tmp = this.processDollar();
          result += tmp;
          words.addString(tmp);
        } else if (ch === '<') {
          const tmp = this.processPossibleHeredoc();
          result += tmp;
          words.addRawString(tmp);
        } else if (!this.opts.skipProcessQuotes && (ch === "'" || ch === '"')) {
          const tmp = ch === "'" ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          words.addRawString(tmp);
        } else {
          let c = this.next()!;
          if (c === this.escape) {
            if (this.rawEscapes) { words.addRawChar(c); result += c; }
            const n = this.next();
            if (n === undefined) break;
            c = n;
            words.addRawChar(c);
          } else {
            words.addChar(c);
          }
          result += c;
        }
      }
      if (stop !== undefined) throw new LexFailure(`unexpected end of statement while looking for matching ${stop}`, this.pos, this.pos);
      return { value: result, words: words.get() };
    } finally {
      this.depth--;
      this.rawEscapes = saved;
    }
  }

  processSingleQuote(): string {
    const start = this.pos;
    let result = '';
    const open = this.next()!;
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const ch = this.next();
      if (ch === undefined) throw new LexFailure('unexpected end of statement while looking for matching single-quote', start, this.pos);
      if (ch === "'") {
        if (this.opts.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  processDoubleQuote(): string {
    const start = this.pos;
    let result = '';
    const open = this.next()!;
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const p = this.peek();
      if (p === undefined) throw new LexFailure('unexpected end of statement while looking for matching double-quote', start, this.pos);
      if (p === '"') {
        const ch = this.next()!;
        if (this.opts.rawQuotes) result += ch;
        return result;
      }
      if (p === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.next()!;
      if (ch === this.escape) {
        if (this.rawEscapes) result += ch;
        const n = this.peek();
        if (n === undefined) continue;
        if (n === '"' || n === '$' || n === this.escape) ch = this.next()!;
      }
      result += ch;
    }
  }

  processName(): string {
    let name = '';
    while (this.peek() !== undefined) {
      const ch = this.peek()!;
      if (name.length === 0 && ch >= '0' && ch <= '9') {
        while (this.peek() !== undefined && this.peek()! >= '0' && this.peek()! <= '9') name += this.next();
        return name;
      }
      if (name.length === 0 && SPECIAL.has(ch)) return this.next()!;
      if (!isLetterOrDigit(ch) && ch !== '_') break;
      name += this.next();
    }
    return name;
  }

  getEnv(name: string, ref: VarRef): { value: string; set: boolean; known: boolean } {
    const v = this.lookup(name);
    ref.set = v !== undefined;
    this.refs.push(ref);
    if (v === null) { this.unknown = true; return { value: '', set: true, known: false }; }
    return v === undefined ? { value: '', set: false, known: true } : { value: v, set: true, known: true };
  }

  processDollar(): string {
    const start = this.pos;
    this.next();
    if (this.peek() !== '{') {
      const nameStart = this.pos;
      const name = this.processName();
      if (name === '') return '$';
      const ref: VarRef = { name, start, end: this.pos, nameStart, nameEnd: this.pos, set: false };
      const { value, set } = this.getEnv(name, ref);
      if (!set && this.opts.skipUnsetEnv) return '$' + name;
      return value;
    }
    this.next();
    const p = this.peek();
    if (p === undefined) throw new LexFailure("syntax error: missing '}'", start, this.pos);
    if (p === '{' || p === '}' || p === ':') throw new LexFailure('syntax error: bad substitution', start, Math.min(this.pos + 1, this.src.length));
    const nameStart = this.pos;
    const name = this.processName();
    const nameEnd = this.pos;
    let ch = this.next();
    if (ch === undefined) throw new LexFailure("syntax error: missing '}'", start, this.pos);
    let chs = ch;
    let nullIsUnset = false;
    const ref: VarRef = { name, start, end: start, nameStart, nameEnd, set: false };
    if (ch === '}') {
      ref.end = this.pos;
      const { value, set } = this.getEnv(name, ref);
      if (!set && this.opts.skipUnsetEnv) return `\${${name}}`;
      return value;
    }
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.next();
      if (ch === undefined) throw new LexFailure("syntax error: missing '}'", start, this.pos);
      chs += ch;
      if (!'+-?#%'.includes(ch)) throw new LexFailure(`unsupported modifier (${chs}) in substitution`, start, this.pos);
    }
    if ('+-?#%'.includes(ch)) {
      const raw = ch === '#' || ch === '%';
      if (nullIsUnset && raw) throw new LexFailure(`unsupported modifier (${chs}) in substitution`, start, this.pos);
      let word: string;
      try {
        word = this.processStopOn('}', raw).value;
      } catch (e) {
        if (this.peek() === undefined) throw new LexFailure("syntax error: missing '}'", start, this.pos);
        throw e;
      }
      ref.end = this.pos;
      ref.modifier = chs;
      const { value, set, known } = this.getEnv(name, ref);
      if (this.opts.skipUnsetEnv && !set) return `\${${name}${chs}${word}}`;
      const empty = !set || (nullIsUnset && value === '' && known);
      switch (ch) {
        case '-': return empty ? word : value;
        case '+': return empty ? '' : word;
        case '?':
          if (!set) throw new LexFailure(`${name}: ${word || 'is not allowed to be unset'}`, start, this.pos);
          if (nullIsUnset && value === '' && known) throw new LexFailure(`${name}: ${word || 'is not allowed to be empty'}`, start, this.pos);
          return value;
        default: {
          let greedy = false;
          if (word.length > 0 && word[0] === ch) { greedy = true; word = word.slice(1); ref.modifier = chs + ch; }
          return ch === '%' ? trimSuffix(word, value, greedy) : trimPrefix(word, value, greedy);
        }
      }
    }
    if (ch === '/') {
      const all = this.peek() === '/';
      if (all) this.next();
      let pattern: string, replacement: string;
      try {
        pattern = this.processStopOn('/', true).value;
      } catch (e) {
        if (this.peek() === undefined) throw new LexFailure("syntax error: missing '/' in ${}", start, this.pos);
        throw e;
      }
      try {
        replacement = this.processStopOn('}', true).value;
      } catch (e) {
        if (this.peek() === undefined) throw new LexFailure("syntax error: missing '}'", start, this.pos);
        throw e;
      }
      ref.end = this.pos;
      ref.modifier = all ? '//' : '/';
      const { value, set } = this.getEnv(name, ref);
      if (this.opts.skipUnsetEnv && !set) return `\${${name}/${pattern}/${replacement}}`;
      const re = shellPatternToRegex(pattern, true, false, all);
      if (!re) throw new LexFailure(`invalid pattern (${pattern}) in substitution`, start, this.pos);
      return all ? value.replace(re, () => replacement) : value.replace(re, () => replacement);
    }
    throw new LexFailure(`unsupported modifier (${chs}) in substitution`, start, this.pos);
  }

  processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\r') space += this.next();
    return '<<' + space;
  }
}

/** Expands one word as BuildKit's `ProcessWord`/`ProcessWords` do. Never throws: errors are returned. */
export function expandWord(word: string, lookup: Lookup, opts: LexOptions = {}): Expansion {
  // Most words hold nothing to expand, quote or unescape: the word itself, split at blanks.
  if (isPlain(word, opts.escape ?? '\\')) return { value: word, words: splitPlain(word), refs: [], unknown: false };
  const lexer = new Lexer(word, lookup, opts);
  try {
    const { value, words } = lexer.processStopOn(undefined, !!opts.rawEscapes);
    return { value, words, refs: lexer.refs, unknown: lexer.unknown };
  } catch (e) {
    if (e instanceof LexFailure) {
      return { value: '', words: [], refs: lexer.refs, unknown: lexer.unknown, error: { message: e.message, start: e.start, end: Math.max(e.end, e.start) } };
    }
    throw e;
  }
}

/** No `$`, quote, escape character or `<`: the lexer would copy every character unchanged. */
function isPlain(word: string, escape: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === '$' || c === "'" || c === '"' || c === '<' || c === escape) return false;
  }
  return true;
}

/** The words of a plain word as `Words` collects them: runs of characters other than `isSpace`. */
function splitPlain(word: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < word.length; i++) {
    if (isSpace(word[i])) {
      if (start >= 0) { words.push(word.slice(start, i)); start = -1; }
    } else if (start < 0) start = i;
  }
  if (start >= 0) words.push(word.slice(start));
  return words;
}

/** No variables at all: for lexing that only needs quotes and escapes. */
export const NO_VARIABLES: Lookup = () => undefined;

function shellPatternToRegex(pattern: string, greedy: boolean, anchored: boolean, global = false): RegExp | undefined {
  let out = anchored ? '^' : '';
  const star = greedy ? '.*' : '.*?';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') { out += star; continue; }
    if (c === '?') { out += '.'; continue; }
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === '}' || n === '/') continue;
      if (n !== '*' && n !== '?' && n !== '\\') return undefined;
      out += '\\' + n;
      i++;
      continue;
    }
    out += /[[\]{}.+()|^$]/.test(c) ? '\\' + c : c;
  }
  try {
    return new RegExp(out, global ? 'gs' : 's');
  } catch {
    return undefined;
  }
}

function trimPrefix(word: string, value: string, greedy: boolean): string {
  const re = shellPatternToRegex(word, greedy, true);
  if (!re) return value;
  const m = re.exec(value);
  return m ? value.slice(m.index + m[0].length) : value;
}

function trimSuffix(pattern: string, word: string, greedy: boolean): string {
  const reversed = reversePattern(pattern);
  const rev = [...word].reverse().join('');
  return [...trimPrefix(reversed, rev, greedy)].reverse().join('');
}

function reversePattern(pattern: string): string {
  const chars = [...pattern];
  const out: string[] = new Array(chars.length);
  const last = chars.length - 1;
  for (let i = 0; i <= last;) {
    const t = chars[i];
    const o = last - i;
    if (t === '\\' && i !== last) {
      out[o - 1] = t;
      out[o] = chars[i + 1];
      i += 2;
    } else {
      out[o] = t;
      i++;
    }
  }
  return out.join('');
}
