/**
 * Variables as BuildKit resolves them: which ARG and ENV values are in effect at each
 * instruction, across stages, and what every `$NAME` in an expanded word refers to.
 *
 * The scoping rules, as `docker build` applies them (frontend/dockerfile/dockerfile2llb):
 * - ARGs before the first FROM ("global" or meta ARGs) are visible to FROM lines only (image
 *   and `--platform`). Inside a stage, `ARG NAME` without a value re-declares a global ARG and
 *   takes its value.
 * - The builder predefines the platform ARGs (TARGETPLATFORM, BUILDPLATFORM, TARGETOS, ...):
 *   always visible to FROM, and inside a stage once declared with `ARG NAME`.
 * - Within a stage, ARG and ENV take effect in order. ARGs with a value and ENVs are part of
 *   the stage's environment; an ARG without value (and no build argument) only declares the
 *   name. A stage built `FROM` an earlier stage inherits its environment (ENV *and* ARG values)
 *   and its declared ARG names.
 * - All words of one instruction are expanded with the environment from before it, so in
 *   `ENV A=1 B=$A`, `$A` is not yet set. ARG defaults are expanded one by one, so in
 *   `ARG A=1 B=$A` it is.
 * - Which words are expanded: ENV and LABEL keys and values; ADD and COPY sources,
 *   destination, `--chown`, `--chmod`, `--checksum` and the bodies of heredocs whose marker
 *   is not quoted; WORKDIR, USER, VOLUME, STOPSIGNAL, EXPOSE; the values in `RUN --mount`;
 *   ARG defaults; FROM image and `--platform`. RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK
 *   commands are left to the shell; RUN heredoc bodies are not expanded by the builder.
 * - The environment of a registry base image is whatever its configuration says; BuildKit
 *   knows it, we know it only for the families in `knowledge/image-env.ts`. PATH is always set.
 */
import { buildkitParse, imageReferenceError, spanRange, type BkNode, type BkParse, type BkWord, type LogicalLine } from './builder';
import { expandWord, type Expansion, type Lookup, type VarRef } from './expand';
import { imageEnvNames } from './knowledge/image-env';
import type { DockerfileModel, InstructionInfo, Stage } from './model';
import { rangeOf } from './text';
import type { Range } from './types';

export type VarSource = 'global-arg' | 'arg' | 'env' | 'predefined' | 'image' | 'build-arg' | 'default-path';

export interface VarDef {
  name: string;
  /** The value, or null when it cannot be known statically (an image's value, a build argument). */
  value: string | null;
  source: VarSource;
  /** The ARG or ENV that set it. */
  node?: BkNode;
  info?: InstructionInfo;
  /** The stage where it was set, when it was inherited from an earlier stage. */
  inheritedFrom?: StageScope;
}

export type ReferenceContext = 'from' | 'platform' | 'instruction' | 'arg-default' | 'heredoc' | 'mount';

export interface Reference {
  name: string;
  /** `$NAME` or `${NAME...}` in the document. */
  range: Range;
  nameRange: Range;
  modifier?: string;
  /** What it resolves to; undefined when the variable is not set there. */
  definition?: VarDef;
  /** Not set, but declared by an ARG without a value (BuildKit does not warn about these). */
  declared: boolean;
  /** Not set as far as we know, but the base image's environment is unknown and may set it. */
  imageMaySet: boolean;
  node: BkNode;
  info?: InstructionInfo;
  stage?: StageScope;
  context: ReferenceContext;
}

export interface ExpansionError { message: string; range: Range; node: BkNode; info?: InstructionInfo }

export interface StageScope {
  index: number;
  node: BkNode;
  /** The model's stage for the same FROM. */
  stage?: Stage;
  /** `AS name`, lower-cased. */
  name?: string;
  /** The image word as written. */
  baseWord?: BkWord;
  /** The image after substituting global ARGs (with build arguments when given). */
  base: Expansion;
  /** The same with ARG defaults only (what BuildKit's InvalidDefaultArgInFrom checks). */
  baseWithDefaults?: Expansion;
  platformWord?: { raw: string; range: Range };
  platform?: Expansion;
  /** An earlier stage this one is built on. */
  parent?: StageScope;
  /** The registry image, when not a stage or scratch. */
  image?: string;
  /** The base image's environment is not known (a registry image we have no table for). */
  openEnv: boolean;
  /** Environment at the end of the stage (what stages built on it inherit). */
  finalEnv: Map<string, VarDef>;
  /** ARG names declared in the stage (and inherited), with or without value. */
  finalDeclared: Set<string>;
  /** A WORKDIR was set in this stage or one it is built on (BuildKit's `workdirSet`). */
  workdirSet: boolean;
}

export interface InstructionScope {
  node: BkNode;
  info?: InstructionInfo;
  stage?: StageScope;
  /** The environment its words are expanded with (for global ARGs: the global ARGs so far). */
  env: ReadonlyMap<string, VarDef>;
  /** ARG names declared so far in the stage. */
  declared: ReadonlySet<string>;
  /** Expanded words, keyed by what they are: `src`, `dest`, `path`, `key`, `value`, `--chown`, ... */
  words: ExpandedWord[];
  /** Before a WORKDIR in this stage or its bases (BuildKit's `workdirSet` was false). */
  workdirSetBefore: boolean;
}

export interface ExpandedWord {
  role: string;
  word: BkWord;
  expansion: Expansion;
}

export interface ModelVariables {
  parse: BkParse;
  /** Global ARGs and the predefined platform ARGs, with build arguments applied. */
  globals: ReadonlyMap<string, VarDef>;
  /** Names declared by global ARGs (with or without a value). */
  globalDeclared: ReadonlySet<string>;
  stages: StageScope[];
  instructions: InstructionScope[];
  references: Reference[];
  errors: ExpansionError[];
  /** The scope of an instruction of the model. */
  scopeOf(info: InstructionInfo): InstructionScope | undefined;
  /**
   * What `name` resolves to on `line` (zero-based), for hovers. Inside a RUN, the proxy ARGs
   * (HTTP_PROXY, ...) are predefined too: set when given as build arguments, without an ARG line.
   */
  resolve(name: string, line: number): VarDef | undefined;
  /** The reference at a document position, for hovers and go-to-definition. */
  referenceAt(line: number, character: number): Reference | undefined;
}

export interface VariableOptions {
  /** `--build-arg` values. */
  buildArgs?: Readonly<Record<string, string>>;
}

/** The platform ARGs the builder defines, with the values of a linux/amd64 build. */
export const PREDEFINED_PLATFORM_ARGS: Readonly<Record<string, string>> = {
  BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDOSVERSION: '', BUILDARCH: 'amd64', BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETOSVERSION: '', TARGETARCH: 'amd64', TARGETVARIANT: '',
  TARGETSTAGE: 'default',
};

/** Proxy ARGs: predefined for RUN without an ARG line, and kept out of the build history. */
export const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

/** ARGs BuildKit never puts in the environment. */
const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const cache = new WeakMap<DockerfileModel, Map<string, ModelVariables>>();

/** The variable scopes of a document, computed once per model and build-argument set. */
export function variablesOf(model: DockerfileModel, options: VariableOptions = {}): ModelVariables {
  const key = options.buildArgs ? JSON.stringify(Object.entries(options.buildArgs).sort()) : '';
  let byKey = cache.get(model);
  if (!byKey) cache.set(model, (byKey = new Map()));
  let vars = byKey.get(key);
  if (!vars) {
    vars = new Resolver(model, options).run();
    byKey.set(key, vars);
  }
  return vars;
}

function lookupIn(env: ReadonlyMap<string, VarDef>): Lookup {
  return name => {
    const d = env.get(name);
    return d === undefined ? undefined : d.value;
  };
}

function parseArgWord(word: BkWord): { key: BkWord; value?: BkWord } {
  const eq = word.text.indexOf('=');
  if (eq < 0) return { key: word };
  return {
    key: { text: word.text.slice(0, eq), start: word.start, end: word.start + eq },
    value: { text: word.text.slice(eq + 1), start: word.start + eq + 1, end: word.end },
  };
}

class Resolver {
  readonly parse: BkParse;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly references: Reference[] = [];
  readonly errors: ExpansionError[] = [];
  readonly instructions: InstructionScope[] = [];
  readonly stages: StageScope[] = [];
  readonly escape: string;

  constructor(readonly model: DockerfileModel, options: VariableOptions) {
    this.parse = buildkitParse(model);
    this.buildArgs = options.buildArgs ?? {};
    this.escape = this.parse.escape;
  }

  infoOf(node: BkNode): InstructionInfo | undefined {
    const info = this.model.instructionAtLine(node.startLine);
    return info && info.range.start.line === node.startLine ? info : undefined;
  }

  range(line: LogicalLine, start: number, end: number): Range {
    return spanRange(this.model, line, { start, end });
  }

  /** Expands a word of an instruction's line and records its references. */
  expand(node: BkNode, word: BkWord, env: ReadonlyMap<string, VarDef>, ctx: {
    declared: ReadonlySet<string>; openEnv: boolean; stage?: StageScope; context: ReferenceContext; info?: InstructionInfo;
    rawQuotes?: boolean; verbatim?: boolean;
  }): Expansion {
    const exp = expandWord(word.text, lookupIn(env), { escape: this.escape, rawQuotes: ctx.rawQuotes });
    // Offsets map back exactly when the word is a verbatim slice of the line.
    const exact = ctx.verbatim !== false && node.line.text.slice(word.start, word.end) === word.text;
    for (const ref of exp.refs) this.addReference(node, ref, exact ? word.start : undefined, word, env, ctx);
    if (exp.error) {
      const range = exact ? this.range(node.line, word.start + exp.error.start, word.start + Math.max(exp.error.end, exp.error.start + 1)) : this.range(node.line, word.start, word.end);
      this.errors.push({ message: exp.error.message, range, node, info: ctx.info });
    }
    return exp;
  }

  addReference(node: BkNode, ref: VarRef, base: number | undefined, word: BkWord, env: ReadonlyMap<string, VarDef>, ctx: {
    declared: ReadonlySet<string>; openEnv: boolean; stage?: StageScope; context: ReferenceContext; info?: InstructionInfo;
  }): void {
    const range = base === undefined ? this.range(node.line, word.start, word.end) : this.range(node.line, base + ref.start, base + ref.end);
    const nameRange = base === undefined ? range : this.range(node.line, base + ref.nameStart, base + ref.nameEnd);
    const definition = env.get(ref.name);
    this.references.push({
      name: ref.name, range, nameRange, modifier: ref.modifier, definition,
      declared: !definition && ctx.declared.has(ref.name),
      imageMaySet: !definition && ctx.openEnv,
      node, info: ctx.info, stage: ctx.stage, context: ctx.context,
    });
  }

  run(): ModelVariables {
    const nodes = this.parse.nodes;
    // Global ARGs: predefined platform ARGs, then the ARGs before the first FROM in order.
    const globals = new Map<string, VarDef>();
    const defaultsOnly = new Map<string, VarDef>();
    for (const [name, value] of Object.entries(PREDEFINED_PLATFORM_ARGS)) {
      const v = this.buildArgs[name] ?? value;
      globals.set(name, { name, value: v, source: 'predefined' });
      defaultsOnly.set(name, { name, value, source: 'predefined' });
    }
    const globalDeclared = new Set<string>();
    let i = 0;
    for (; i < nodes.length && nodes[i].command !== 'from'; i++) {
      const node = nodes[i];
      if (node.command !== 'arg') continue;
      const info = this.infoOf(node);
      this.instructions.push({ node, info, env: new Map(globals), declared: new Set(globalDeclared), words: [], workdirSetBefore: false });
      const scope = this.instructions[this.instructions.length - 1];
      for (const word of node.args) {
        const { key, value } = parseArgWord(word);
        globalDeclared.add(key.text);
        const given = this.buildArgs[key.text];
        if (value) {
          // Global ARG defaults are expanded with the global ARGs so far (BuildKit does not warn here).
          const exp = this.expand(node, value, globals, { declared: globalDeclared, openEnv: false, context: 'arg-default', info });
          scope.words.push({ role: 'value', word: value, expansion: exp });
          const withDefaults = expandWord(value.text, lookupIn(defaultsOnly), { escape: this.escape });
          defaultsOnly.set(key.text, { name: key.text, value: withDefaults.error ? null : withDefaults.value, source: 'global-arg', node, info });
          if (given === undefined) globals.set(key.text, { name: key.text, value: exp.error ? null : exp.unknown ? null : exp.value, source: 'global-arg', node, info });
        }
        if (given !== undefined) globals.set(key.text, { name: key.text, value: given, source: 'build-arg', node, info });
      }
    }

    const byName = new Map<string, StageScope>();
    let stage: StageScope | undefined;
    // Copy-on-write: instructions that change nothing share one snapshot of the environment.
    let env = new Map<string, VarDef>();
    let declared = new Set<string>();
    let shared = false;
    const writable = () => {
      if (shared) { env = new Map(env); declared = new Set(declared); shared = false; }
    };
    let workdirSet = false;
    const modelStages = this.model.stages;
    const finish = () => {
      if (stage) { stage.finalEnv = env; stage.finalDeclared = declared; stage.workdirSet = workdirSet; shared = true; }
    };
    for (; i < nodes.length; i++) {
      const node = nodes[i];
      const info = this.infoOf(node);
      if (node.command === 'from') {
        finish();
        stage = this.fromStage(node, info, globals, globalDeclared, defaultsOnly, byName, modelStages);
        this.stages.push(stage);
        // A later stage with the same name shadows the earlier one, as in BuildKit.
        if (stage.name) byName.set(stage.name, stage);
        if (stage.parent) {
          env = new Map([...stage.parent.finalEnv].map(([k, v]) => [k, v.inheritedFrom ? v : { ...v, inheritedFrom: stage!.parent }]));
          declared = new Set(stage.parent.finalDeclared);
          workdirSet = stage.parent.workdirSet;
        } else {
          env = new Map();
          if (!stage.base.error) {
            const names = stage.image ? imageEnvNames(imageRepository(stage.image)) : [];
            for (const n of names ?? []) env.set(n, { name: n, value: null, source: 'image' });
          }
          env.set('PATH', { name: 'PATH', value: stage.image ? null : DEFAULT_PATH, source: stage.image ? 'image' : 'default-path' });
          declared = new Set();
          workdirSet = false;
        }
        stage.finalEnv = env;
        stage.finalDeclared = declared;
        stage.workdirSet = workdirSet;
        shared = true;
        this.instructions.push({ node, info, stage, env: globals, declared: globalDeclared, words: [], workdirSetBefore: workdirSet });
        continue;
      }
      shared = true;
      const scope: InstructionScope = { node, info, stage, env, declared, words: [], workdirSetBefore: workdirSet };
      this.instructions.push(scope);
      if (!stage) continue;
      const ctx = { declared, openEnv: stage.openEnv, stage, context: 'instruction' as ReferenceContext, info };
      const snapshot = scope.env;
      const expand = (role: string, word: BkWord, context: ReferenceContext = 'instruction') => {
        const expansion = this.expand(node, word, snapshot, { ...ctx, declared: scope.declared, context });
        scope.words.push({ role, word, expansion });
        return expansion;
      };
      switch (node.command) {
        case 'env':
        case 'label': {
          const results: [string, Expansion][] = [];
          for (const kv of node.kvs ?? []) {
            const k = expand('key', kv.key);
            const v = expand('value', kv.value);
            results.push([k.value, v]);
          }
          if (node.command === 'env') {
            writable();
            for (const [name, v] of results) env.set(name, { name, value: v.error || v.unknown ? null : v.value, source: 'env', node, info });
          }
          break;
        }
        case 'add':
        case 'copy': {
          for (const f of node.flags) {
            if (f.value === undefined || !['chown', 'chmod', 'checksum'].includes(f.name)) continue;
            const eq = f.text.indexOf('=');
            const verbatim = node.line.text.slice(f.span.start, f.span.end) === f.text;
            const word: BkWord = verbatim ? { text: f.value, start: f.span.start + eq + 1, end: f.span.end } : { text: f.value, ...f.span };
            const exp = this.expand(node, word, snapshot, { ...ctx, declared: scope.declared, verbatim });
            scope.words.push({ role: `--${f.name}`, word, expansion: exp });
          }
          const args = node.args;
          for (let k = 0; k < args.length; k++) {
            const isDest = k === args.length - 1;
            if (!isDest && /^\d*<<-?/.test(args[k].text) && node.heredocs.length) continue;
            expand(isDest ? 'dest' : 'src', args[k]);
          }
          for (const doc of node.heredocs) {
            if (!doc.expand) continue;
            const exp = expandWord(doc.content, lookupIn(snapshot), { escape: '\\', skipProcessQuotes: true });
            for (const ref of exp.refs) {
              const start = doc.contentOffset + ref.start;
              const definition = snapshot.get(ref.name);
              this.references.push({
                name: ref.name,
                range: rangeOf(this.model.lines, start, doc.contentOffset + ref.end),
                nameRange: rangeOf(this.model.lines, doc.contentOffset + ref.nameStart, doc.contentOffset + ref.nameEnd),
                modifier: ref.modifier, definition,
                declared: !definition && scope.declared.has(ref.name),
                imageMaySet: !definition && stage.openEnv,
                node, info, stage, context: 'heredoc',
              });
            }
            if (exp.error) this.errors.push({ message: exp.error.message, range: rangeOf(this.model.lines, doc.contentOffset + exp.error.start, doc.contentOffset + exp.error.end), node, info });
          }
          break;
        }
        case 'workdir':
        case 'user':
        case 'stopsignal':
          if (node.args[0]) expand('path', node.args[0]);
          if (node.command === 'workdir') workdirSet = true;
          break;
        case 'volume':
          for (const a of node.args) expand('path', a);
          break;
        case 'expose':
          for (const a of node.args) {
            // EXPOSE is expanded too, but BuildKit does not report undefined variables there.
            const exp = expandWord(a.text, lookupIn(snapshot), { escape: this.escape });
            scope.words.push({ role: 'port', word: a, expansion: exp });
          }
          break;
        case 'run':
          for (const f of node.flags) {
            if (f.name !== 'mount' || f.value === undefined) continue;
            this.expandMount(node, f, scope, ctx);
          }
          break;
        case 'arg':
          writable();
          for (const word of node.args) {
            const { key, value } = parseArgWord(word);
            const given = this.buildArgs[key.text];
            let def: VarDef | undefined;
            if (given !== undefined) {
              // A build argument replaces the default, which is then never expanded.
              def = { name: key.text, value: given, source: 'build-arg', node, info };
            } else if (value) {
              // Each default sees the ARGs before it on the same line.
              const exp = this.expand(node, value, env, { ...ctx, declared, context: 'arg-default' });
              scope.words.push({ role: 'value', word: value, expansion: exp });
              def = { name: key.text, value: exp.error || exp.unknown ? null : exp.value, source: 'arg', node, info };
            } else {
              const g = globals.get(key.text);
              if (g) def = { ...g, source: g.source === 'predefined' ? 'predefined' : 'global-arg', node: g.node ?? node, info: g.info ?? info };
            }
            if (def && !NON_ENV_ARGS.has(key.text)) env.set(key.text, def);
            declared.add(key.text);
          }
          break;
        default:
          break;
      }
    }
    finish();
    return this.result(globals, globalDeclared);
  }

  expandMount(node: BkNode, flag: import('./builder').BkFlag, scope: InstructionScope, ctx: {
    declared: ReadonlySet<string>; openEnv: boolean; stage?: StageScope; info?: InstructionInfo;
  }): void {
    const verbatim = node.line.text.slice(flag.span.start, flag.span.end) === flag.text;
    const valueStart = flag.span.start + flag.text.indexOf('=') + 1;
    // CSV fields `key=value`; only plain (unquoted) fields map back exactly.
    let offset = 0;
    for (const field of flag.value!.split(',')) {
      const eq = field.indexOf('=');
      if (eq > 0) {
        const text = field.slice(eq + 1);
        const start = valueStart + offset + eq + 1;
        const word: BkWord = verbatim ? { text, start, end: start + text.length } : { text, ...flag.span };
        const exp = this.expand(node, word, scope.env, { ...ctx, declared: scope.declared, context: 'mount', verbatim });
        scope.words.push({ role: `mount:${field.slice(0, eq).toLowerCase()}`, word, expansion: exp });
      }
      offset += field.length + 1;
    }
  }

  fromStage(node: BkNode, info: InstructionInfo | undefined, globals: Map<string, VarDef>, globalDeclared: Set<string>,
    defaultsOnly: Map<string, VarDef>, byName: Map<string, StageScope>, modelStages: Stage[]): StageScope {
    const ctx = { declared: globalDeclared, openEnv: false, context: 'from' as ReferenceContext, info };
    const baseWord = node.args[0];
    const base = baseWord ? this.expand(node, baseWord, globals, ctx) : expandWord('', () => undefined);
    const baseWithDefaults = baseWord ? expandWord(baseWord.text, lookupIn(defaultsOnly), { escape: this.escape }) : undefined;
    const name = node.args.length === 3 && node.args[1].text.toLowerCase() === 'as' ? node.args[2].text.toLowerCase() : undefined;
    const modelStage = modelStages.find(s => s.from.getRange().start.line === node.startLine);
    const scope: StageScope = {
      index: this.stages.length, node, stage: modelStage, name, baseWord, base, baseWithDefaults,
      openEnv: false, finalEnv: new Map(), finalDeclared: new Set(), workdirSet: false,
    };
    const platformFlag = node.flags.find(f => f.name === 'platform');
    if (platformFlag?.value !== undefined) {
      const eq = platformFlag.text.indexOf('=');
      const verbatim = node.line.text.slice(platformFlag.span.start, platformFlag.span.end) === platformFlag.text;
      const word: BkWord = verbatim ? { text: platformFlag.value, start: platformFlag.span.start + eq + 1, end: platformFlag.span.end } : { text: platformFlag.value, ...platformFlag.span };
      scope.platformWord = { raw: platformFlag.value, range: this.range(node.line, word.start, word.end) };
      scope.platform = this.expand(node, word, globals, { ...ctx, context: 'platform', verbatim });
    }
    const resolved = base.value;
    const parent = !base.error && !base.unknown ? byName.get(resolved) : undefined;
    if (parent) scope.parent = parent;
    else if (!base.error && resolved.toLowerCase() !== 'scratch' && resolved !== '') {
      scope.image = resolved;
      scope.openEnv = base.unknown || imageReferenceError(resolved) !== undefined || imageEnvNames(imageRepository(resolved)) === undefined;
    }
    return scope;
  }

  result(globals: Map<string, VarDef>, globalDeclared: Set<string>): ModelVariables {
    const byLine = new Map<number, InstructionScope>();
    for (const s of this.instructions) if (s.info) byLine.set(s.info.range.start.line, s);
    const instructions = this.instructions;
    const references = this.references;
    const buildArgs = this.buildArgs;
    return {
      parse: this.parse,
      globals,
      globalDeclared,
      stages: this.stages,
      instructions,
      references,
      errors: this.errors,
      scopeOf: info => byLine.get(info.range.start.line),
      resolve(name, line) {
        // Within an instruction, the environment it is expanded with; between instructions,
        // the environment after the one above (the next one's, within a stage).
        let k = -1;
        for (let i = 0; i < instructions.length && instructions[i].node.startLine <= line; i++) k = i;
        if (k < 0) return undefined;
        const here = instructions[k];
        if (line <= here.node.endLine) {
          const found = here.env.get(name);
          if (!found && here.node.command === 'run' && PROXY_ARGS.includes(name)) return { name, value: buildArgs[name] ?? null, source: 'predefined' };
          return found;
        }
        const next = instructions[k + 1];
        if (next && next.stage === here.stage && next.node.command !== 'from') return next.env.get(name);
        return here.stage ? here.stage.finalEnv.get(name) : here.env.get(name);
      },
      referenceAt(line, character) {
        return references.find(r => {
          const { start, end } = r.range;
          if (line < start.line || line > end.line) return false;
          if (line === start.line && character < start.character) return false;
          if (line === end.line && character > end.character) return false;
          return true;
        });
      },
    };
  }
}

/** `registry/repo:tag@digest` → `registry/repo`. */
export function imageRepository(ref: string): string {
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) rest = rest.slice(0, at);
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) rest = rest.slice(0, colon);
  return rest;
}

/** Levenshtein distance, for "did you mean" suggestions (BuildKit's `suggest.Search`). */
export function levenshtein(a: string, b: string): number {
  const prev = new Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest option within two edits, as BuildKit suggests; undefined on an exact match or none. */
export function suggest(value: string, options: Iterable<string>, caseSensitive = true): string | undefined {
  const v = caseSensitive ? value : value.toLowerCase();
  let match: string | undefined;
  let best = 3;
  for (const option of options) {
    const o = caseSensitive ? option : option.toLowerCase();
    if (o === v) return undefined;
    const d = levenshtein(v, o);
    if (d < best) { best = d; match = option; }
  }
  return match;
}

export interface ExposedPort {
  node: BkNode;
  info?: InstructionInfo;
  /** The word as written in EXPOSE. */
  word: BkWord;
  /** One port spec after substitution (a word can hold several: `EXPOSE $PORTS`). */
  spec: string;
  ip: string;
  hostPort: string;
  containerPort: string;
  /** As written, `''` when none. */
  proto: string;
  /** Why Docker rejects it, when it does. */
  error?: string;
  /** Out of the 0–65535 range or a backwards range (reported by `expose-invalid-port`). */
  outOfRange?: boolean;
  /** The spec involves a variable whose value is unknown: not checked. */
  unknown: boolean;
}

const exposeCache = new WeakMap<ModelVariables, ExposedPort[]>();

/** The ports of every EXPOSE in the stages, split and checked as BuildKit's `parsePorts` does. */
export function exposedPorts(model: DockerfileModel, buildArgs?: Readonly<Record<string, string>>): ExposedPort[] {
  const vars = variablesOf(model, { buildArgs });
  let out = exposeCache.get(vars);
  if (out) return out;
  out = [];
  for (const scope of vars.instructions) {
    if (scope.node.command !== 'expose') continue;
    for (const w of scope.words) {
      if (w.role !== 'port' || w.expansion.error) continue;
      for (const spec of w.expansion.words) out.push(parsePortSpec(scope, w.word, spec, w.expansion.unknown));
    }
  }
  exposeCache.set(vars, out);
  return out;
}

function parsePortSpec(scope: InstructionScope, word: BkWord, spec: string, unknown: boolean): ExposedPort {
  const parts = spec.split(':');
  let ip = '', hostPort = '', containerPort = '';
  if (parts.length === 1) containerPort = parts[0];
  else if (parts.length === 2) [hostPort, containerPort] = parts;
  else if (parts.length === 3) [ip, hostPort, containerPort] = parts;
  else { ip = parts.slice(0, -2).join(':'); hostPort = parts[parts.length - 2]; containerPort = parts[parts.length - 1]; }
  const slash = containerPort.indexOf('/');
  const proto = slash >= 0 ? containerPort.slice(slash + 1) : '';
  const port = slash >= 0 ? containerPort.slice(0, slash) : containerPort;
  const result: ExposedPort = { node: scope.node, info: scope.info, word, spec, ip, hostPort, containerPort: port, proto, unknown };
  if (unknown) return result;
  if (port === '') { result.error = `invalid port: "${spec}": no port specified`; return result; }
  if (!['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) { result.error = `invalid port: "${spec}": invalid proto: ${proto}`; return result; }
  let rawIp = ip;
  if (rawIp.startsWith('[')) rawIp = rawIp.endsWith(']') ? rawIp.slice(1, -1) : '\0';
  if (ip !== '' && !isIp(rawIp)) { result.error = `invalid IP address: ${ip}`; return result; }
  const range = (s: string): [number, number] | string => {
    if (s === '') return 'empty string specified for ports';
    const dash = s.indexOf('-');
    const a = dash >= 0 ? s.slice(0, dash) : s;
    const b = dash >= 0 ? s.slice(dash + 1) : s;
    const num = (x: string): number | string => {
      if (x === '') return 'value is empty';
      if (!/^[+-]?[0-9]+$/.test(x)) return 'invalid syntax';
      const n = Number(x);
      return n < 0 || n > 65535 ? 'out of range' : n;
    };
    const lo = num(a);
    if (typeof lo === 'string') return lo;
    if (dash < 0 || a === b) return [lo, lo];
    const hi = num(b);
    if (typeof hi === 'string') return hi;
    if (hi < lo) return 'backwards';
    return [lo, hi];
  };
  const c = range(port);
  if (typeof c === 'string') {
    result.error = `invalid containerPort: ${port}`;
    result.outOfRange = c === 'out of range' || c === 'backwards';
    return result;
  }
  if (hostPort !== '') {
    const h = range(hostPort);
    if (typeof h === 'string') { result.error = `invalid hostPort: ${hostPort}`; result.outOfRange = h === 'out of range' || h === 'backwards'; return result; }
    if (c[1] - c[0] !== h[1] - h[0] && c[1] !== c[0]) result.error = `invalid ranges specified for container and host Ports: ${port} and ${hostPort}`;
  }
  return result;
}

function isIp(s: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s)) return true;
  return s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s) && (s.match(/::/g) ?? []).length <= 1;
}
