/**
 * Where an instruction's line continuations fall, seen from the readers of its joined text.
 *
 * BuildKit joins continuation lines verbatim: the leading whitespace of a continuation line
 * stays in the instruction's text. So re-indenting a line is only harmless where that
 * whitespace separates words: outside quotes for BuildKit's own word reader (ENV, ARG,
 * LABEL, flags), outside quotes for the shell that runs a shell-form command, outside JSON
 * strings for exec form. These scanners answer "is whitespace insignificant here?"; they
 * err on the side of "no" whenever the text is unusual.
 */

/** How an instruction's arguments are read after the lines are joined. */
export type JoinReading =
  /** Shell-form RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD: BuildKit's words, then a shell. */
  | 'shell'
  /** BuildKit's word reader only (ARG, ENV and LABEL with `=`, FROM, COPY, ADD, EXPOSE…). */
  | 'words'
  /** A JSON array (exec form). */
  | 'json'
  /** The rest of the line is taken as one string (WORKDIR, USER, legacy `ENV key value`…). */
  | 'literal';

type Context = 'top' | 'single' | 'double' | 'ansi' | 'command' | 'paren' | 'param' | 'backquote';

/**
 * Contexts in which a run of whitespace only separates words. Inside a command substitution
 * it would too, but the substitution is one word of the outer command, written with that
 * whitespace: we leave such lines alone rather than argue about it.
 */
const SEPARATING: ReadonlySet<Context> = new Set(['top', 'paren']);

/**
 * Follows quoting through a text and reports, for each asked offset, whether a run of
 * whitespace at that offset would only separate words.
 */
abstract class QuoteScanner {
  protected stack: Context[] = ['top'];
  protected escaped = false;

  constructor(protected readonly escape: string) {}

  /** For each offset (ascending), whether the scanner sits between words there. */
  separatingAt(text: string, offsets: readonly number[]): boolean[] {
    const out: boolean[] = [];
    let next = 0;
    for (let i = 0; i <= text.length && next < offsets.length; i++) {
      while (next < offsets.length && offsets[next] === i) {
        out.push(!this.escaped && this.stack.every(c => SEPARATING.has(c)));
        next++;
      }
      if (i === text.length) break;
      if (this.escaped) { this.escaped = false; continue; }
      i += this.step(text, i);
    }
    while (out.length < offsets.length) out.push(false);
    return out;
  }

  protected get top(): Context { return this.stack[this.stack.length - 1]; }
  protected push(c: Context): void { this.stack.push(c); }
  protected pop(): void { if (this.stack.length > 1) this.stack.pop(); }

  /** Consumes the character at `i`; returns how many extra characters it consumed. */
  protected abstract step(text: string, i: number): number;
}

/**
 * BuildKit's word reader: single quotes take everything literally, double quotes honour the
 * escape character, `${…}` is treated as opaque.
 */
class WordScanner extends QuoteScanner {
  protected step(text: string, i: number): number {
    const c = text[i];
    switch (this.top) {
      case 'single':
        if (c === "'") this.pop();
        return 0;
      case 'param':
        if (c === '}') this.pop();
        else if (c === this.escape) this.escaped = true;
        return 0;
      default:
        if (c === this.escape) { this.escaped = true; return 0; }
        if (c === '$' && text[i + 1] === '{') { this.push('param'); return 1; }
        if (this.top === 'double') { if (c === '"') this.pop(); return 0; }
        if (c === "'") this.push('single');
        else if (c === '"') this.push('double');
        return 0;
    }
  }
}

/** JSON strings: double quotes with backslash escapes. */
class JsonScanner extends QuoteScanner {
  constructor() { super('\\'); }
  protected step(text: string, i: number): number {
    const c = text[i];
    if (this.top === 'double') {
      if (c === '\\') this.escaped = true;
      else if (c === '"') this.pop();
    } else if (c === '"') this.push('double');
    return 0;
  }
}

/**
 * A POSIX-like shell (and PowerShell when the escape character is a backtick): nested
 * command substitutions, parameter expansions, `$'…'` strings and backquotes.
 */
class ShellScanner extends QuoteScanner {
  protected step(text: string, i: number): number {
    const c = text[i];
    const next = text[i + 1];
    const backquoteIsEscape = this.escape === '`';
    switch (this.top) {
      case 'single':
        if (c === "'") this.pop();
        return 0;
      case 'ansi':
        if (c === '\\') this.escaped = true;
        else if (c === "'") this.pop();
        return 0;
      case 'double':
        if (c === this.escape) this.escaped = true;
        else if (c === '"') this.pop();
        else if (c === '$' && next === '(') { this.push('command'); return 1; }
        else if (c === '$' && next === '{') { this.push('param'); return 1; }
        else if (c === '`' && !backquoteIsEscape) this.push('backquote');
        return 0;
      default: {
        if (c === this.escape) { this.escaped = true; return 0; }
        if (this.top === 'param' && c === '}') { this.pop(); return 0; }
        if (this.top === 'backquote' && c === '`') { this.pop(); return 0; }
        if (c === '$' && next === "'" && !backquoteIsEscape) { this.push('ansi'); return 1; }
        if (c === '$' && next === '(') { this.push('command'); return 1; }
        if (c === '$' && next === '{') { this.push('param'); return 1; }
        if (c === "'") this.push('single');
        else if (c === '"') this.push('double');
        else if (c === '`' && !backquoteIsEscape) this.push('backquote');
        else if (c === '(' && this.top !== 'param') this.push('paren');
        else if (c === ')' && (this.top === 'command' || this.top === 'paren')) this.pop();
        return 0;
      }
    }
  }
}

/**
 * For each offset of `text` (ascending), whether whitespace there only separates words for
 * every reader of an instruction read as `reading`. BuildKit reads the flags itself (up to
 * `argumentsStart`); a shell or a JSON decoder reads what follows.
 */
export function whitespaceSeparatesAt(text: string, offsets: readonly number[], reading: JoinReading, escape: string, argumentsStart: number): boolean[] {
  if (reading === 'literal') return offsets.map(() => false);
  if (reading === 'words') return new WordScanner(escape).separatingAt(text, offsets);
  const inFlags = offsets.filter(o => o < argumentsStart);
  const inArguments = offsets.filter(o => o >= argumentsStart).map(o => o - argumentsStart);
  const args = text.slice(argumentsStart);
  const scanner = reading === 'shell' ? new ShellScanner(escape) : new JsonScanner();
  return [...new WordScanner(escape).separatingAt(text, inFlags), ...scanner.separatingAt(args, inArguments)];
}
