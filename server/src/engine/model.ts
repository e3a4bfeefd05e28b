import { DockerfileParser, Instruction, type Dockerfile, type From, type Comment, type Flag } from 'dockerfile-ast';
import { LineIndex } from './text';
import type { Range } from './types';

/** A parsed `image[:tag][@digest]` reference after ARG substitution. */
export interface ImageRef {
  /** As written in the FROM line. */
  raw: string;
  /** With global ARG defaults substituted; undefined when a variable has no default. */
  resolved?: string;
  /** Repository without tag or digest, e.g. `python` or `ghcr.io/org/app`. */
  name?: string;
  tag?: string;
  digest?: string;
  /** `FROM scratch`. */
  isScratch: boolean;
  /** Refers to an earlier stage of this Dockerfile rather than to a registry image. */
  stage?: Stage;
  range: Range;
  tagRange?: Range;
}

export interface Stage {
  index: number;
  /** The `AS name`, lower-cased as Docker compares it. */
  name?: string;
  from: From;
  image: ImageRef;
  instructions: InstructionInfo[];
  isFinal: boolean;
}

export interface InstructionInfo {
  index: number;
  keyword: string;
  node: Instruction;
  range: Range;
  /** Undefined for global instructions (ARGs before the first FROM). */
  stage?: Stage;
  /** Absolute working directory in effect for this instruction, as far as it is known. */
  workdir: string;
}

/** Parser directives at the top of the file (`# syntax=`, `# escape=`, `# check=`). */
export interface Directive { name: string; value: string; line: number }

/**
 * One parse of one document version, shared by every rule, hover and code action.
 * Derived views are computed lazily and memoised.
 */
export class DockerfileModel {
  readonly ast: Dockerfile;
  readonly lines: LineIndex;
  private _instructions?: InstructionInfo[];
  private _stages?: Stage[];
  private _directives?: Directive[];
  private _globalArgs?: Map<string, string | undefined>;

  constructor(readonly text: string) {
    this.ast = parseOnce(text);
    this.lines = new LineIndex(text);
  }

  get comments(): Comment[] { return this.ast.getComments(); }

  get directives(): Directive[] {
    if (!this._directives) {
      this._directives = [];
      // Directives are only recognised before any other line; a blank line, comment or instruction ends them.
      for (let line = 0; line < this.lines.lineCount; line++) {
        const m = /^\s*#\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(.*?)\s*$/.exec(this.lines.lineText(line));
        if (!m) break;
        const name = m[1].toLowerCase();
        if (this._directives.some(d => d.name === name)) break;
        this._directives.push({ name, value: m[2], line });
      }
    }
    return this._directives;
  }

  get instructions(): InstructionInfo[] {
    if (!this._instructions) this.build();
    return this._instructions!;
  }

  get stages(): Stage[] {
    if (!this._stages) this.build();
    return this._stages!;
  }

  get finalStage(): Stage | undefined {
    const stages = this.stages;
    return stages[stages.length - 1];
  }

  /** ARGs declared before the first FROM, with their defaults (used to resolve FROM lines). */
  get globalArgs(): Map<string, string | undefined> {
    if (!this._globalArgs) {
      this._globalArgs = new Map();
      for (const instr of this.ast.getInstructions()) {
        const keyword = instr.getKeyword();
        if (keyword === 'FROM') break;
        if (keyword !== 'ARG') continue;
        for (const p of (instr as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
          // A default may refer to earlier ARGs (`ARG IMAGE=$REGISTRY/app`).
          const value = p.getValue();
          this._globalArgs.set(p.getName(), value === null ? this._globalArgs.get(p.getName()) : DockerfileModel.substitute(value, this._globalArgs));
        }
      }
    }
    return this._globalArgs;
  }

  /** The instruction whose range covers `line`, if any. */
  instructionAtLine(line: number): InstructionInfo | undefined {
    const list = this.instructions;
    let lo = 0, hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = list[mid].range;
      if (line < r.start.line) hi = mid - 1;
      else if (line > r.end.line) lo = mid + 1;
      else return list[mid];
    }
    return undefined;
  }

  /** Substitutes `$NAME` / `${NAME}` (with `:-` and `-` defaults) from `vars`; undefined if any is unknown. */
  static substitute(value: string, vars: { get(name: string): string | undefined }): string | undefined {
    let unknown = false;
    const out = value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
      (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
        const name = braced ?? bare!;
        const v = vars.get(name);
        if (op === ':-' || op === '-') return v ? v : (word ?? '');
        if (op === ':+' || op === '+') return v ? (word ?? '') : '';
        if (v === undefined) { unknown = true; return ''; }
        return v;
      });
    return unknown ? undefined : out;
  }

  private build(): void {
    const instructions: InstructionInfo[] = [];
    const stages: Stage[] = [];
    let current: Stage | undefined;
    let workdir = '/';
    const all = this.ast.getInstructions();
    all.forEach(memoiseAccessors);
    all.forEach((node, index) => {
      const keyword = node.getKeyword().toUpperCase();
      if (keyword === 'FROM') {
        const from = node as From;
        const image = this.imageRef(from, stages);
        const name = from.getBuildStage()?.toLowerCase() || undefined;
        current = { index: stages.length, name, from, image, instructions: [], isFinal: false };
        stages.push(current);
        // A stage built on an earlier stage inherits its working directory.
        workdir = image.stage ? (image.stage.instructions.at(-1)?.workdir ?? '/') : '/';
      } else if (keyword === 'WORKDIR' && current) {
        const arg = node.getArgumentsContent()?.trim();
        if (arg) workdir = resolvePath(workdir, arg);
      }
      const info: InstructionInfo = { index, keyword, node, range: node.getRange(), stage: current, workdir };
      instructions.push(info);
      current?.instructions.push(info);
    });
    if (stages.length) stages[stages.length - 1].isFinal = true;
    this._instructions = instructions;
    this._stages = stages;
  }

  private imageRef(from: From, earlier: Stage[]): ImageRef {
    const raw = from.getImage() ?? '';
    const range = from.getImageRange() ?? from.getRange();
    const resolved = DockerfileModel.substitute(raw, this.globalArgs);
    const ref: ImageRef = { raw, resolved, isScratch: false, range };
    if (resolved === undefined) return ref;
    const stage = earlier.find(s => s.name !== undefined && s.name === resolved.toLowerCase());
    if (stage) { ref.stage = stage; return ref; }
    if (resolved.toLowerCase() === 'scratch') { ref.isScratch = true; return ref; }
    const parsed = parseImageReference(resolved);
    Object.assign(ref, parsed);
    // Only point at the tag when the written reference contains it literally.
    if (raw === resolved) ref.tagRange = from.getImageTagRange() ?? undefined;
    return ref;
  }
}

/** Splits `registry/repo:tag@digest`; a colon before the last slash is a registry port. */
export function parseImageReference(ref: string): { name: string; tag?: string; digest?: string } {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  return { name: rest, tag, digest };
}

/** Resolves a container path against a working directory, POSIX style. */
export function resolvePath(base: string, p: string): string {
  const joined = p.startsWith('/') ? p : `${base.replace(/\/+$/, '')}/${p}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop(); else parts.push(part);
  }
  return '/' + parts.join('/');
}

export function flagsOf(node: Instruction): Flag[] {
  const f = (node as unknown as { getFlags?: () => Flag[] }).getFlags;
  return f ? f.call(node) : [];
}

export function flagValue(node: Instruction, name: string): string | undefined {
  const flag = flagsOf(node).find(f => f.getName().toLowerCase() === name);
  return flag ? (flag.getValue() ?? '') : undefined;
}

/**
 * While dockerfile-ast builds an instruction, its constructors read the arguments two or three
 * times (JSON detection, flags, heredocs), and each read re-scans the instruction's text
 * character by character: most of the parse. During our parses, the scan is kept per node (a
 * node's text never changes) and each caller gets its own copy of the list, which some of them
 * shift. Other users of dockerfile-ast in the process see the library unchanged.
 */
let parsing = false;
const RAW_ARGUMENTS = Symbol('layerwise.rawArguments');
type RawArgumentsNode = { [RAW_ARGUMENTS]?: unknown[] };
const instructionPrototype = Instruction.prototype as unknown as { getRawArguments(): unknown[] };
const scanArguments = instructionPrototype.getRawArguments;
instructionPrototype.getRawArguments = function getRawArguments(this: RawArgumentsNode): unknown[] {
  let args = this[RAW_ARGUMENTS];
  if (!args) {
    args = scanArguments.call(this);
    if (!parsing) return args;
    this[RAW_ARGUMENTS] = args;
  }
  return args.slice();
};

/**
 * After a parse, dockerfile-ast hands each comment to the stages whose range holds it, and it
 * rebuilds every stage's range for every comment: comments × stages range objects, most of the
 * parse on long multi-stage files. The ranges do not change meanwhile (they come from the
 * instructions alone), so during our parses they are computed once; the comments go where
 * the library's own loop puts them.
 */
interface CommentHolder { getRange(): Range; addComment(c: Comment): void }
const dockerfilePrototype = Object.getPrototypeOf(DockerfileParser.parse('')) as { organizeComments(): void };
const organizeEveryComment = dockerfilePrototype.organizeComments;
dockerfilePrototype.organizeComments = function organizeComments(this: { getComments(): Comment[]; initialInstructions: CommentHolder; buildStages: CommentHolder[] }): void {
  if (!parsing) return organizeEveryComment.call(this);
  const initial = this.initialInstructions.getRange();
  const stages = this.buildStages.map(stage => ({ stage, range: stage.getRange() }));
  for (const comment of this.getComments()) {
    const range = comment.getRange();
    if (isInside(range.end, initial)) this.initialInstructions.addComment(comment);
    else for (const s of stages) if (isInside(range.start, s.range)) s.stage.addComment(comment);
  }
};

/** Inclusive at both ends, as dockerfile-ast decides which stage a comment belongs to. */
function isInside(p: Range['start'], r: Range): boolean {
  if (r.start.line === r.end.line) return p.line === r.start.line && r.start.character <= p.character && p.character <= r.end.character;
  if (p.line === r.start.line) return r.start.character <= p.character;
  if (p.line === r.end.line) return p.character <= r.end.character;
  return r.start.line < p.line && p.line < r.end.line;
}

function parseOnce(text: string): Dockerfile {
  parsing = true;
  try {
    return DockerfileParser.parse(text);
  } finally {
    parsing = false;
  }
}

/**
 * dockerfile-ast recomputes an instruction's arguments, flags and heredocs on every call, and
 * with a hundred rules asking, that was most of the analysis time. One parse never changes,
 * so each accessor is computed once per node. Arrays are handed out as copies, so a rule
 * that sorts or pops one cannot change what the next rule sees. An ONBUILD's trigger is parsed
 * anew on every `getTriggerInstruction()`: it is kept too (with its own accessors memoised),
 * so the rules share one trigger node and what is cached for it.
 */
const MEMOISED_ACCESSORS = [
  'getArguments', 'getArgumentsContent', 'getRawArgumentsContent', 'getArgumentsRange', 'getArgumentsRanges',
  'getFlags', 'getHeredocs', 'getJSONStrings', 'getProperties', 'getVariables', 'getExpandedArguments',
  'getTriggerInstruction',
] as const;

/** Where a node keeps its computed accessor values, by position in MEMOISED_ACCESSORS. */
const MEMO = Symbol('layerwise.memoised');
const NOT_YET = Symbol('not computed');
type MemoNode = Record<string | symbol, unknown> & { [MEMO]?: unknown[] };

/** One shared wrapper per accessor (rather than closures per node): it calls the class's method once per node. */
const MEMOISED_FUNCTIONS = MEMOISED_ACCESSORS.map((name, i) => function memoised(this: MemoNode): unknown {
  let memo = this[MEMO];
  if (!memo) memo = this[MEMO] = new Array<unknown>(MEMOISED_ACCESSORS.length).fill(NOT_YET);
  let value = memo[i];
  if (value === NOT_YET) {
    value = callAccessor(this, name);
    if (name === 'getTriggerInstruction' && value) memoiseAccessors(value);
    memo[i] = value;
  }
  return Array.isArray(value) ? value.slice() : value;
});

/**
 * dockerfile-ast's `getHeredocs` throws on some heredoc markers it half-recognises (one at the
 * start of a continuation line after an escaped comment: a fuzz find). Such a marker opens no
 * heredoc for us; every other accessor's error is a real bug and propagates.
 */
function callAccessor(node: MemoNode, name: string): unknown {
  const accessor = Object.getPrototypeOf(node)[name] as () => unknown;
  if (name !== 'getHeredocs') return accessor.call(node);
  try {
    return accessor.call(node);
  } catch {
    return [];
  }
}

function memoiseAccessors(node: object): void {
  const target = node as MemoNode;
  for (let i = 0; i < MEMOISED_ACCESSORS.length; i++) {
    const original = target[MEMOISED_ACCESSORS[i]];
    if (typeof original !== 'function' || original.length > 0) continue;
    target[MEMOISED_ACCESSORS[i]] = MEMOISED_FUNCTIONS[i];
  }
}
