/**
 * Shell scripts parsed with a real shell parser (unbash: a synchronous, dependency-free Bash
 * parser with source positions; see docs/shell-parser.md for why this one) and flattened into
 * the simple commands the rules read, with their words, positions and surroundings.
 */
import type * as Unbash from 'unbash' with { 'resolution-mode': 'import' };
import type {
  AndOr, Assignment, CommandNode, CompoundList, DoubleQuotedChild, ParsedScript, Pipeline, PipelineNode, Redirection,
  Statement, TestExpression, Word, WordPart,
} from 'unbash' with { 'resolution-mode': 'import' };

// unbash ships as ES modules; vendor/unbash.cjs is the same code bundled into one CommonJS file
// (vendor/generate.mjs), which tsx-run tests and the benchmark load without a slow transform.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseBash, parseRegion } = require('./vendor/unbash.cjs') as typeof Unbash;

/** One simple command: the shape every rule reads. */
export interface ShellCommand {
  /**
   * The words of the command, unquoted, expansions as written. Redirections stay among them as
   * written (`echo x > /f 2>&1` → `echo`, `x`, `>`, `/f`, `2>&1`; a here-document is `<<EOF`
   * followed by its body as one word), as rules have always read them;
   * `ParsedCommand.execArgv` is the argv the program receives.
   */
  argv: string[];
  /** Environment assignments written before the command name (`FOO=1 cmd`). */
  assignments: string[];
}

/** A word of the script: its value with quotes removed (expansions stay as written) and where it is. */
export interface ShellWord {
  /** Unquoted value, as in `ShellCommand.argv`. */
  text: string;
  /** As written, quotes included. */
  raw: string;
  /** Offsets of the word as written (document offsets for a RUN, script offsets otherwise). */
  start: number;
  end: number;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `2>&1` is `>&` with descriptor 2, `<<`, `<<-`, `<<<`, `&>`… */
  operator: string;
  descriptor?: number;
  /** The file, descriptor or here-string word; the delimiter of a here-document. */
  target?: string;
  /** A here-document's body, as written, and where it is. */
  body?: { text: string; start: number; end: number };
  start: number;
  end: number;
}

/** What joins a command to the next one: a list operator, a pipe, or a new line. */
export type Connector = '&&' | '||' | ';' | '&' | '|' | '|&' | 'newline';

/**
 * A simple command with its structure. `connector` is the operator between this command and the
 * next simple command in source order when they belong to the same list; the last command of a
 * subshell, group or block takes the operator that follows the whole block
 * (`(a && b) | c`: `a` has `&&`, `b` has `|`, `c` none).
 */
export interface ParsedCommand extends ShellCommand {
  /** `argv` with positions, index for index. */
  words: ShellWord[];
  /** The arguments the program receives: `argv` without the redirections. */
  execArgv: string[];
  /** `assignments` with positions. */
  assignmentWords: ShellWord[];
  redirects: ShellRedirect[];
  start: number;
  end: number;
  connector?: Connector;
  /** Position in the innermost pipeline holding it (or the block it is in). */
  pipeline?: { index: number; length: number };
  /** Inside `( … )`. */
  subshell: boolean;
  /** Inside `$( … )`, backticks or `<( … )`: runs to produce a word of another command. */
  substitution: boolean;
  /** In the test of an `if`, `elif`, `while` or `until`. */
  condition: boolean;
  /** In a `then`/`else` branch, a `case` arm or a loop body, or after `&&`/`||`: it may not run (or run many times). */
  conditional: boolean;
  /** In a function body: runs only when the function is called. */
  inFunction: boolean;
  /** Run in the background (`cmd &`). */
  background: boolean;
  /** `! cmd`. */
  negated: boolean;
  /** The body of a here-document fed to a shell (`bash <<EOF`): a script of its own. */
  heredocScript: boolean;
  /** `set -e` in effect when it runs (from SHELL flags or an earlier `set`). */
  errexit: boolean;
  /** `set -o pipefail` in effect when it runs. */
  pipefail: boolean;
  /** The commands of its own `$( … )`, backticks and `<( … )` (which run first), in source order. */
  substitutions: ParsedCommand[];
}

export interface ShellParseError { message: string; offset: number }

export interface ShellScript {
  /** The simple commands, in source order, without those inside `$( … )` (see `substitutions` of each, and `allCommands`). */
  commands: ParsedCommand[];
  /** Every simple command, substitutions included: a command comes before those of its own `$( … )`. */
  allCommands: ParsedCommand[];
  errors: ShellParseError[];
  /** `set -e` / `set -o pipefail` in effect at the end of the top-level script. */
  errexit: boolean;
  pipefail: boolean;
  /** Operators that join commands at any level, and `(` when there is a subshell. */
  operators: Set<Connector | '('>;
  /** Script offset just past the last command (trailing blanks and comments excluded). */
  lastCommandEnd: number;
  /** A comment runs to the end of the script: text appended there would be commented out. */
  endsInComment: boolean;
}

export interface ParseOptions {
  /** Shell options already on (from `SHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]`). */
  errexit?: boolean;
  pipefail?: boolean;
  /** Maps a script offset to the offset reported (e.g. the document offset of that character). */
  mapOffset?: (offset: number) => number;
  /** Maps the offset just past the character before `offset` (default: `mapOffset(offset - 1) + 1`). */
  mapEnd?: (offset: number) => number;
}

interface State { errexit: boolean; pipefail: boolean }
interface Flags {
  subshell: boolean; substitution: boolean; condition: boolean; conditional: boolean; inFunction: boolean;
  background: boolean; negated: boolean; heredocScript: boolean;
}

const NO_FLAGS: Flags = { subshell: false, substitution: false, condition: false, conditional: false, inFunction: false, background: false, negated: false, heredocScript: false };
const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh', 'busybox']);

export function parseShell(script: string, options: ParseOptions = {}): ShellScript {
  return new Walker(script, options).run();
}

class Walker {
  private readonly commands: ParsedCommand[] = [];
  private readonly errors: ShellParseError[] = [];
  private readonly operators = new Set<Connector | '('>();
  private readonly map: (offset: number) => number;

  constructor(private readonly src: string, private readonly options: ParseOptions) {
    this.map = options.mapOffset ?? (o => o);
  }

  run(): ShellScript {
    const ast = parseBash(this.src);
    const state: State = { errexit: !!this.options.errexit, pipefail: !!this.options.pipefail };
    this.script(ast, NO_FLAGS, state, this.src);
    const last = ast.commands.length ? ast.commands[ast.commands.length - 1].end : 0;
    const endsInComment = /^\s*#/.test(this.src.slice(last)) || (!ast.commands.length && /^\s*#/.test(this.src));
    return {
      commands: this.commands.filter(c => !c.substitution), allCommands: this.commands, errors: this.errors, errexit: state.errexit, pipefail: state.pipefail,
      operators: this.operators, lastCommandEnd: last, endsInComment,
    };
  }

  private start(pos: number): number { return this.map(pos); }
  private end(pos: number, end: number): number {
    if (end <= pos) return this.map(pos);
    return this.options.mapEnd ? this.options.mapEnd(end) : this.map(end - 1) + 1;
  }

  /** `source` is the text the script's positions index (escaped backticks decode into their own). */
  private script(s: ParsedScript | undefined, flags: Flags, state: State, source: string, outer?: { start: number; end: number }): ParsedCommand[] {
    if (!s) return [];
    const own = (s as { source?: string }).source;
    // Positions inside an escaped-backtick substitution index its decoded text, not ours: report the whole substitution.
    if (own !== undefined) return new Walker(own, { ...this.options, mapOffset: () => outer?.start ?? 0, mapEnd: undefined }).nested(s, flags, state, this, outer);
    for (const e of s.errors ?? []) this.errors.push({ message: e.message, offset: source === this.src ? this.start(e.pos) : outer?.start ?? 0 });
    return this.list(s.commands, flags, state);
  }

  /** Parses an escaped-backtick script with positions collapsed onto the substitution, into `parent`. */
  private nested(s: ParsedScript, flags: Flags, state: State, parent: Walker, outer?: { start: number; end: number }): ParsedCommand[] {
    const top = this.list(s.commands, flags, state);
    for (const c of this.commands) {
      for (const w of [...c.words, ...c.assignmentWords]) { w.start = outer?.start ?? 0; w.end = outer?.end ?? 0; }
      c.start = outer?.start ?? 0; c.end = outer?.end ?? 0;
      parent.commands.push(c);
    }
    this.operators.forEach(o => parent.operators.add(o));
    return top;
  }

  /** A list of statements; returns its commands outside substitutions, for connectors. */
  private list(statements: readonly Statement[], flags: Flags, state: State): ParsedCommand[] {
    const all: ParsedCommand[] = [];
    statements.forEach((st, i) => {
      const f = st.background ? { ...flags, background: true } : flags;
      const cmds = this.node(st.command, f, st.background ? { ...state } : state);
      const next = statements[i + 1];
      if (next) {
        const between = this.src.slice(st.end, next.pos).replace(/^[ \t]+/, '');
        const op: Connector = st.background ? '&' : between.startsWith(';') ? ';' : between.startsWith('&') ? '&' : 'newline';
        this.connect(cmds, op);
      }
      all.push(...cmds);
    });
    return all;
  }

  private connect(cmds: ParsedCommand[], op: Connector): void {
    const last = cmds[cmds.length - 1];
    if (last && !last.connector) last.connector = op;
    if (last) this.operators.add(op);
  }

  private node(n: PipelineNode | AndOr | CommandNode | CompoundList | undefined, flags: Flags, state: State): ParsedCommand[] {
    if (!n) return [];
    switch (n.type) {
      case 'AndOr': {
        const out: ParsedCommand[] = [];
        n.commands.forEach((c, i) => {
          // Everything after `&&`/`||` may not run.
          const cmds = this.node(c, i > 0 ? { ...flags, conditional: true } : flags, state);
          if (i < n.operators.length) this.connect(cmds, n.operators[i]);
          out.push(...cmds);
        });
        return out;
      }
      case 'Pipeline': return this.pipeline(n, flags, state);
      case 'Command': return this.command(n, flags, state);
      case 'Subshell': {
        this.operators.add('(');
        return this.list(n.body.commands, { ...flags, subshell: true }, { ...state });
      }
      case 'BraceGroup': return this.list(n.body.commands, flags, state);
      case 'CompoundList': return this.list(n.commands, flags, state);
      case 'If': {
        const out = this.list(n.clause.commands, { ...flags, condition: true }, state);
        out.push(...this.list(n.then.commands, { ...flags, conditional: true }, state));
        for (const e of n.elif) {
          out.push(...this.list(e.clause.commands, { ...flags, condition: true, conditional: true }, state));
          out.push(...this.list(e.then.commands, { ...flags, conditional: true }, state));
        }
        if (n.else) out.push(...this.list(n.else.commands, { ...flags, conditional: true }, state));
        return out;
      }
      case 'For': case 'Select': {
        for (const w of n.wordlist ?? []) this.wordSubstitutions(w, flags, state);
        return this.list(n.body.commands, { ...flags, conditional: true }, state);
      }
      case 'ArithmeticFor': return this.list(n.body.commands, { ...flags, conditional: true }, state);
      case 'While': {
        const out = this.list(n.clause.commands, { ...flags, condition: true }, state);
        out.push(...this.list(n.body.commands, { ...flags, conditional: true }, state));
        return out;
      }
      case 'Case': {
        this.wordSubstitutions(n.word, flags, state);
        const out: ParsedCommand[] = [];
        for (const item of n.items) out.push(...this.list(item.body.commands, { ...flags, conditional: true }, state));
        return out;
      }
      case 'Function': return this.node(n.body, { ...flags, inFunction: true }, { ...state });
      case 'Coproc': return this.node(n.body, { ...flags, background: true }, { ...state });
      case 'Redirected': {
        const out = this.node(n.command, flags, state);
        for (const r of n.redirects) this.redirectSubstitutions(r, flags, state, undefined);
        return out;
      }
      case 'TestCommand': return [this.testCommand(n.pos, n.end, n.expression, flags, state)];
      case 'ArithmeticCommand': return [];
      default: return [];
    }
  }

  private pipeline(n: Pipeline, flags: Flags, state: State): ParsedCommand[] {
    const negated = n.prefixes.some(p => p.type === 'Negation');
    const out: ParsedCommand[] = [];
    n.commands.forEach((c, i) => {
      const before = this.commands.length;
      const cmds = this.node(c, negated ? { ...flags, negated: true } : flags, state);
      for (let k = before; k < this.commands.length; k++) this.commands[k].pipeline ??= { index: i, length: n.commands.length };
      if (i < n.operators.length) this.connect(cmds, n.operators[i]);
      out.push(...cmds);
    });
    return out;
  }

  private command(n: Extract<CommandNode, { type: 'Command' }>, flags: Flags, state: State): ParsedCommand[] {
    const cmd: ParsedCommand = {
      argv: [], execArgv: [], assignments: [], words: [], assignmentWords: [], redirects: [],
      start: this.start(n.pos), end: this.end(n.pos, n.end), ...flags, errexit: state.errexit, pipefail: state.pipefail, substitutions: [],
    };
    const nested: Word[] = [];
    const redirects: Redirection[] = [];
    const before: Redirection[] = [];
    for (const p of n.prefix) {
      if (p.type === 'Assignment') { this.pushAssignment(cmd.assignments, cmd.assignmentWords, p); if (p.value.type === 'Word') nested.push(p.value); else nested.push(...p.value.elements); }
      else { redirects.push(p); before.push(p); }
    }
    if (n.name) { this.pushWord(cmd, n.name); nested.push(n.name); }
    // Redirections written before the name (`2>/dev/null cmd`) follow it, so `argv[0]` stays the program.
    if (cmd.argv.length) for (const r of before) this.pushRedirectWords(cmd, r);
    for (const a of n.suffix) {
      if (a.type === 'Word') { this.pushWord(cmd, a); cmd.execArgv.push(cmd.argv[cmd.argv.length - 1]); nested.push(a); }
      else if (a.type === 'Assignment') {
        // `export A="x"`, `local B=1`: arguments of a declaration builtin, written unquoted as before.
        const texts: string[] = [], words: ShellWord[] = [];
        this.pushAssignment(texts, words, a);
        cmd.argv.push(texts[0]); cmd.execArgv.push(texts[0]); cmd.words.push(words[0]);
        if (a.value.type === 'Word') nested.push(a.value); else nested.push(...a.value.elements);
      } else { redirects.push(a); this.pushRedirectWords(cmd, a); }
    }
    if (n.name) cmd.execArgv.unshift(cmd.argv[0]);
    for (const r of redirects) cmd.redirects.push(this.redirect(r));
    const out: ParsedCommand[] = [];
    // Redirections alone (`<<EOF` with no command, `> file`) run nothing.
    if (cmd.argv.length || cmd.assignments.length) {
      this.commands.push(cmd);
      out.push(cmd);
      if (cmd.execArgv[0] === 'set') applySet(cmd.execArgv.slice(1), state);
    }
    const mark = this.commands.length;
    for (const w of nested) this.wordSubstitutions(w, flags, state);
    const feedsShell = SHELL_NAMES.has(baseName(cmd.execArgv[0] ?? '')) && cmd.execArgv.slice(1).every(a => a.startsWith('-') && a !== '-c' && !/^-[a-z]*c/.test(a));
    for (const r of redirects) this.redirectSubstitutions(r, flags, state, feedsShell ? cmd : undefined);
    cmd.substitutions = this.commands.slice(mark).filter(c => c.substitution && !c.heredocScript);
    return out;
  }

  private testCommand(pos: number, end: number, expression: TestExpression, flags: Flags, state: State): ParsedCommand {
    // `[[ … ]]` is a keyword, not a command; it is listed as one (`[[`, operands, `]]`) so rules see tests.
    const cmd: ParsedCommand = {
      argv: ['[['], execArgv: [], assignments: [], words: [], assignmentWords: [], redirects: [],
      start: this.start(pos), end: this.end(pos, end), ...flags, errexit: state.errexit, pipefail: state.pipefail, substitutions: [],
    };
    cmd.words.push({ text: '[[', raw: '[[', start: cmd.start, end: this.end(pos, pos + 2) });
    const operands: Word[] = [];
    const visit = (e: TestExpression): void => {
      switch (e.type) {
        case 'TestUnary': this.pushSynthetic(cmd, e.operator, e.pos); this.pushWord(cmd, e.operand); operands.push(e.operand); break;
        case 'TestBinary': this.pushWord(cmd, e.left); this.pushSynthetic(cmd, e.operator, e.left.end); this.pushWord(cmd, e.right); operands.push(e.left, e.right); break;
        case 'TestLogical': e.operands.forEach((o, i) => { if (i) this.pushSynthetic(cmd, e.operator, e.operands[i - 1].end); visit(o); }); break;
        case 'TestNot': this.pushSynthetic(cmd, '!', e.pos); visit(e.operand); break;
        case 'TestGroup': visit(e.expression); break;
      }
    };
    visit(expression);
    cmd.argv.push(']]');
    cmd.words.push({ text: ']]', raw: ']]', start: this.start(end - 2), end: this.end(end - 2, end) });
    cmd.execArgv = cmd.argv.slice();
    this.commands.push(cmd);
    const mark = this.commands.length;
    for (const w of operands) this.wordSubstitutions(w, flags, state);
    cmd.substitutions = this.commands.slice(mark);
    return cmd;
  }

  private pushSynthetic(cmd: ParsedCommand, text: string, near: number): void {
    const at = this.src.indexOf(text, near);
    const pos = at < 0 ? near : at;
    cmd.argv.push(text);
    cmd.words.push({ text, raw: text, start: this.start(pos), end: this.end(pos, pos + text.length) });
  }

  private pushWord(cmd: ParsedCommand, w: Word): void {
    const text = wordValue(w);
    cmd.argv.push(text);
    cmd.words.push({ text, raw: w.text, start: this.start(w.pos), end: this.end(w.pos, w.end) });
  }

  private pushAssignment(texts: string[], words: ShellWord[], a: Assignment): void {
    const index = a.index ? `[${a.index.text}]` : '';
    const value = a.value.type === 'Word' ? wordValue(a.value) : this.src.slice(a.value.pos, a.value.end);
    const text = `${a.name}${index}${a.append ? '+=' : '='}${value}`;
    texts.push(text);
    words.push({ text, raw: a.text, start: this.start(a.pos), end: this.end(a.pos, a.end) });
  }

  /** A redirection as the words it is written as: `>` `/f`, `2>&1`, `>/dev/null`, `<<EOF`, `<<<` `"x"`. */
  private pushRedirectWords(cmd: ParsedCommand, r: Redirection): void {
    if (r.type === 'HereDoc') {
      const end = r.delimiter ? r.delimiter.end : r.pos + r.operator.length;
      const text = `${r.descriptor?.type === 'FileDescriptor' ? r.descriptor.value : ''}${r.operator}${r.delimiter?.value ?? ''}`;
      cmd.argv.push(text);
      cmd.words.push({ text, raw: this.src.slice(r.pos, end), start: this.start(r.pos), end: this.end(r.pos, end) });
      // The body is the redirection's data: one word, so rules that look for settings written to files see it.
      const body = this.src.slice(r.body.pos, r.body.end);
      cmd.argv.push(body);
      cmd.words.push({ text: body, raw: body, start: this.start(r.body.pos), end: this.end(r.body.pos, r.body.end) });
      return;
    }
    const target = r.target;
    const opEnd = target ? target.pos : r.end;
    const op = this.src.slice(r.pos, opEnd).replace(/\s+$/, '');
    if (!target) { cmd.argv.push(op); cmd.words.push({ text: op, raw: op, start: this.start(r.pos), end: this.end(r.pos, r.pos + op.length) }); return; }
    const value = wordValue(target);
    if (r.pos + op.length === target.pos) {
      cmd.argv.push(op + value);
      cmd.words.push({ text: op + value, raw: this.src.slice(r.pos, target.end), start: this.start(r.pos), end: this.end(r.pos, target.end) });
      return;
    }
    cmd.argv.push(op, value);
    cmd.words.push({ text: op, raw: op, start: this.start(r.pos), end: this.end(r.pos, r.pos + op.length) });
    cmd.words.push({ text: value, raw: target.text, start: this.start(target.pos), end: this.end(target.pos, target.end) });
  }

  private redirect(r: Redirection): ShellRedirect {
    const descriptor = r.descriptor?.type === 'FileDescriptor' ? r.descriptor.value : undefined;
    const target = r.type === 'HereDoc' ? r.delimiter?.value : r.target ? wordValue(r.target) : undefined;
    const body = r.type === 'HereDoc' ? { text: this.src.slice(r.body.pos, r.body.end), start: this.start(r.body.pos), end: this.end(r.body.pos, r.body.end) } : undefined;
    return { operator: r.operator, descriptor, target, body, start: this.start(r.pos), end: this.end(r.pos, r.end) };
  }

  private redirectSubstitutions(r: Redirection, flags: Flags, state: State, shell: ParsedCommand | undefined): void {
    if (r.type !== 'HereDoc') { if (r.target) this.wordSubstitutions(r.target, flags, state); return; }
    const body = r.body;
    if (shell && r.descriptor === undefined && body.end > body.pos) {
      // `bash <<EOF … EOF`: the body is the script the shell runs.
      const inner = parseRegion(this.src, body.pos, body.end);
      for (const e of inner.errors ?? []) this.errors.push({ message: e.message, offset: this.start(e.pos) });
      this.list(inner.commands, { ...flags, heredocScript: true }, { errexit: shell.errexit, pipefail: shell.pipefail });
      return;
    }
    // An unquoted here-document expands `$( … )` in its body.
    for (const p of body.parts ?? []) this.partSubstitutions(p, flags, state);
  }

  private wordSubstitutions(w: Word | undefined, flags: Flags, state: State): void {
    if (!w || !w.parts || !/[`$<>]/.test(w.text)) return;
    for (const p of w.parts) this.partSubstitutions(p, flags, state);
  }

  private partSubstitutions(p: WordPart | DoubleQuotedChild, flags: Flags, state: State): void {
    switch (p.type) {
      case 'CommandExpansion': case 'ProcessSubstitution':
        this.script(p.script, { ...flags, substitution: true }, { ...state }, this.src, { start: this.start(p.pos), end: this.end(p.pos, p.end) });
        break;
      case 'DoubleQuoted': case 'LocaleString':
        for (const c of p.parts) this.partSubstitutions(c, flags, state);
        break;
      case 'ParameterExpansion': {
        const op = p.operation as { operand?: Word; pattern?: Word; replacement?: Word } | undefined;
        this.wordSubstitutions(op?.operand, flags, state);
        break;
      }
      default: break;
    }
  }
}

/** A word's value with quotes removed; expansions and substitutions stay as written. */
function wordValue(w: Word): string {
  return w.value;
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** `set -e`, `set -euo pipefail`, `set -o errexit`, `set +e`, `set +o pipefail`. */
export function applySet(args: string[], state: State): void {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--' || a === '-') break;
    if (!/^[-+][A-Za-z]+$/.test(a)) break;
    const on = a[0] === '-';
    for (const letter of a.slice(1)) {
      if (letter === 'e') state.errexit = on;
      else if (letter === 'o') {
        const name = args[++i];
        if (name === 'pipefail') state.pipefail = on;
        else if (name === 'errexit') state.errexit = on;
      }
    }
  }
}
