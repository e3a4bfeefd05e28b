import type { Property } from 'dockerfile-ast';
import { isSecretName } from './knowledge/secrets';
import { DockerfileModel, flagValue, flagsOf, type InstructionInfo, type Stage } from './model';
import { parseMount } from './run';

/**
 * What building and running an image needs from the person doing it: which stage to
 * build, the build arguments that stage uses, build secrets, the environment the
 * container expects, its ports and user. Derived from the Dockerfile alone; the build
 * context's code is scanned separately (env-usage.ts). Lines are 0-based, like every
 * position in the engine.
 */
export interface ImageRequirements {
  stages: StageSummary[];
  /** Index of the stage built when no target is given: the last one. */
  defaultTarget: number;
  /** Requirements of every stage as a build target, by stage index. */
  targets: TargetRequirements[];
}

export interface StageSummary {
  index: number;
  /** `AS name`, lower-cased; undefined for unnamed stages. */
  name?: string;
  /** What `docker build --target` accepts and BuildKit prints: the name, or `stage-N`. */
  label: string;
  /** The base image as written. */
  base: string;
  line: number;
}

export interface TargetRequirements {
  target: number;
  /** Stages this target needs, in Dockerfile order (itself included). */
  stages: number[];
  args: ArgRequirement[];
  /** `RUN --mount=type=secret` declarations: values the build needs without baking them in. */
  buildSecrets: BuildSecretRequirement[];
  /** Variables the container needs at run time, as far as the Dockerfile tells. */
  env: EnvRequirement[];
  ports: PortRequirement[];
  /** The last USER in effect, substituted; undefined means root. */
  user?: string;
  /**
   * Build-context paths this target copies (COPY/ADD without --from), as written
   * relative to the context; `.` means all of it.
   */
  contextSources: string[];
}

export interface ArgRequirement {
  name: string;
  /** The effective default; undefined when none is declared (an empty `ARG X=` is a default). */
  default?: string;
  /** No default anywhere and not supplied by the builder itself. */
  required: boolean;
  /** The name looks like a credential: a value given with --build-arg ends up in the image history. */
  secret: boolean;
  /** Set by the builder (TARGETPLATFORM, ...) or a proxy variable; never worth asking for. */
  automatic: boolean;
  /** Declared before the first FROM and referenced by a FROM line of this target. */
  global: boolean;
  /** Where it is declared (0-based lines). */
  lines: number[];
}

export interface BuildSecretRequirement {
  id: string;
  /** `env=` of the mount: the variable the RUN reads it from. */
  env?: string;
  /** `required=true`: the build fails without it. */
  required: boolean;
  lines: number[];
}

export type EnvReason =
  /** `ENV X=` or `ENV X=""`: declared so the container gets it, but with no value. */
  | 'empty'
  /** A value such as `changeme` or `<your-token>` that must be replaced. */
  | 'placeholder'
  /** The value only refers to variables that are never defined, so it is empty. */
  | 'unresolved'
  /** A credential-looking name: it must come at run time, not from the image. */
  | 'secret';

export interface EnvRequirement {
  name: string;
  reason: EnvReason;
  /** The image has no usable value, so the container needs one (a baked real-looking secret still "works"). */
  required: boolean;
  secret: boolean;
  /** The value the image has (for `secret` names that bake one in); never shown as a default. */
  imageValue?: string;
  line: number;
}

export interface PortRequirement {
  port: number;
  /** Last port of a range (`EXPOSE 8000-8002`). */
  endPort?: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  line: number;
}

/** Set by BuildKit for every build, or read from the proxy settings: never prompted for. */
const AUTOMATIC_ARGS = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY',
  'http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy',
]);

const PLACEHOLDER = /^(?:change[-_ ]?me|replace[-_ ]?me|todo|tbd|fixme|x{3,}|placeholder|dummy|<[^>]*>|\.\.\.|your[-_ ].*|insert[-_ ].*)$/i;

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function imageRequirements(model: DockerfileModel): ImageRequirements {
  const stages: StageSummary[] = model.stages.map(s => ({
    index: s.index,
    name: s.name,
    label: stageLabel(s),
    base: s.image.raw,
    line: s.from.getRange().start.line,
  }));
  return {
    stages,
    defaultTarget: Math.max(0, stages.length - 1),
    targets: model.stages.map(s => targetRequirements(model, s.index)),
  };
}

/** Accepts a stage index, a stage name (any case) or `stage-N`; undefined when it matches nothing. */
export function findStage(model: DockerfileModel, target: string | number | undefined): Stage | undefined {
  if (target === undefined || target === '') return model.finalStage;
  if (typeof target === 'number') return model.stages[target];
  const lower = target.toLowerCase();
  return model.stages.find(s => s.name === lower) ?? model.stages.find(s => stageLabel(s) === lower)
    ?? (/^\d+$/.test(lower) ? model.stages[Number(lower)] : undefined);
}

export function stageLabel(stage: Stage): string {
  return stage.name ?? `stage-${stage.index}`;
}

export function targetRequirements(model: DockerfileModel, targetIndex: number): TargetRequirements {
  const target = model.stages[targetIndex];
  if (!target) throw new RangeError(`the Dockerfile has no stage ${targetIndex}`);
  const needed = dependencies(model, target);
  const neededStages = [...needed].sort((a, b) => a - b).map(i => model.stages[i]);
  const chain = ancestry(target);

  return {
    target: targetIndex,
    stages: neededStages.map(s => s.index),
    args: argsOf(model, neededStages),
    buildSecrets: buildSecretsOf(neededStages),
    ...runtimeOf(model, chain),
    contextSources: contextSourcesOf(neededStages),
  };
}

/** The stage and every stage it builds on or copies from, transitively. */
function dependencies(model: DockerfileModel, target: Stage): Set<number> {
  const seen = new Set<number>();
  const visit = (stage: Stage) => {
    if (seen.has(stage.index)) return;
    seen.add(stage.index);
    if (stage.image.stage) visit(stage.image.stage);
    for (const info of stage.instructions) {
      for (const ref of stageReferences(info)) {
        const dep = referencedStage(model, ref, stage.index);
        if (dep) visit(dep);
      }
    }
  };
  visit(target);
  return seen;
}

/** `COPY --from=x` and `RUN --mount=from=x` values of one instruction. */
function stageReferences(info: InstructionInfo): string[] {
  const refs: string[] = [];
  if (info.keyword === 'COPY' || info.keyword === 'ADD') {
    const from = flagValue(info.node, 'from');
    if (from) refs.push(from);
  } else if (info.keyword === 'RUN') {
    for (const flag of flagsOf(info.node)) {
      if (flag.getName().toLowerCase() !== 'mount') continue;
      const from = parseMount(flag.getValue() ?? '').options.get('from');
      if (from) refs.push(from);
    }
  }
  return refs;
}

function referencedStage(model: DockerfileModel, ref: string, before: number): Stage | undefined {
  const lower = ref.toLowerCase();
  // Only earlier stages can be referenced; anything else is an image.
  if (/^\d+$/.test(lower)) return Number(lower) < before ? model.stages[Number(lower)] : undefined;
  return model.stages.find(s => s.index < before && s.name === lower);
}

/** The FROM chain from the first stage to `target`: what the final image inherits ENV, USER and EXPOSE from. */
function ancestry(target: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = target; s && !chain.includes(s); s = s.image.stage) chain.unshift(s);
  return chain;
}

function propertiesOf(info: InstructionInfo): Property[] {
  const get = (info.node as unknown as { getProperties?: () => Property[] }).getProperties;
  return get ? get.call(info.node) : [];
}

function argsOf(model: DockerfileModel, stages: Stage[]): ArgRequirement[] {
  const globalDecl = new Map<string, number[]>();
  for (const info of model.instructions) {
    if (info.stage) break;
    if (info.keyword !== 'ARG') continue;
    for (const p of propertiesOf(info)) globalDecl.set(p.getName(), [...(globalDecl.get(p.getName()) ?? []), info.range.start.line]);
  }
  const globals = model.globalArgs;
  const byName = new Map<string, ArgRequirement>();
  const add = (name: string, dflt: string | undefined, line: number, global: boolean) => {
    const automatic = AUTOMATIC_ARGS.has(name);
    let arg = byName.get(name);
    if (!arg) {
      arg = { name, default: dflt, required: false, secret: isSecretName(name), automatic, global, lines: [] };
      byName.set(name, arg);
    } else if (arg.default === undefined) {
      arg.default = dflt;
    }
    arg.global ||= global;
    if (!arg.lines.includes(line)) arg.lines.push(line);
  };

  for (const stage of stages) {
    // Global ARGs matter only where a FROM line uses them.
    const fromText = [stage.image.raw, flagValue(stage.from, 'platform') ?? ''].join(' ');
    for (const name of variableNames(fromText)) {
      if (globalDecl.has(name)) for (const line of globalDecl.get(name)!) add(name, globals.get(name), line, true);
    }
    for (const info of stage.instructions) {
      if (info.keyword !== 'ARG') continue;
      for (const p of propertiesOf(info)) {
        const name = p.getName();
        // `ARG NAME` inside a stage takes the global default when there is one.
        add(name, p.getValue() ?? globals.get(name), info.range.start.line, false);
      }
    }
  }
  const args = [...byName.values()];
  for (const a of args) a.required = a.default === undefined && !a.automatic;
  return args;
}

function buildSecretsOf(stages: Stage[]): BuildSecretRequirement[] {
  const byId = new Map<string, BuildSecretRequirement>();
  for (const stage of stages) {
    for (const info of stage.instructions) {
      if (info.keyword !== 'RUN') continue;
      for (const flag of flagsOf(info.node)) {
        if (flag.getName().toLowerCase() !== 'mount') continue;
        const mount = parseMount(flag.getValue() ?? '');
        if (mount.type !== 'secret') continue;
        const target = mount.options.get('target') ?? mount.options.get('dst') ?? mount.options.get('destination');
        // BuildKit's default id is the target's file name.
        const id = mount.options.get('id') ?? (target ? target.split('/').filter(Boolean).pop() : undefined);
        if (!id) continue;
        const line = info.range.start.line;
        const required = mount.options.get('required') === 'true';
        const existing = byId.get(id);
        if (existing) {
          existing.required ||= required;
          existing.env ??= mount.options.get('env');
          if (!existing.lines.includes(line)) existing.lines.push(line);
        } else {
          byId.set(id, { id, env: mount.options.get('env'), required, lines: [line] });
        }
      }
    }
  }
  return [...byId.values()];
}

function runtimeOf(model: DockerfileModel, chain: Stage[]): Pick<TargetRequirements, 'env' | 'ports' | 'user'> {
  // Values known while walking the chain: ARG defaults and ENV values, in order.
  const vars = new Map<string, string | undefined>();
  const argNames = new Set<string>();
  const envs = new Map<string, { value: string; unresolved: boolean; fromBuildArg: boolean; line: number }>();
  const ports: PortRequirement[] = [];
  let user: string | undefined;
  for (const stage of chain) {
    for (const info of stage.instructions) {
      const line = info.range.start.line;
      if (info.keyword === 'ARG') {
        for (const p of propertiesOf(info)) {
          vars.set(p.getName(), p.getValue() ?? model.globalArgs.get(p.getName()) ?? '');
          argNames.add(p.getName());
        }
      } else if (info.keyword === 'ENV') {
        for (const p of propertiesOf(info)) {
          const raw = p.getValue() ?? '';
          const known = (name: string) => vars.has(name);
          const refs = variableNames(raw);
          const value = expand(raw, vars);
          // Referring only to variables that exist nowhere leaves the value empty at run time.
          const unresolved = refs.length > 0 && refs.every(r => !known(r)) && value.trim() === '';
          // `ENV X=$X` with `ARG X` gets its value from the build argument, which is asked for at build time.
          const fromBuildArg = refs.some(r => argNames.has(r));
          envs.set(p.getName(), { value, unresolved, fromBuildArg, line });
          vars.set(p.getName(), value);
        }
      } else if (info.keyword === 'EXPOSE') {
        for (const a of info.node.getArguments()) {
          const port = parsePort(expand(a.getValue(), vars), line);
          if (port && !ports.some(q => q.port === port.port && q.protocol === port.protocol)) ports.push(port);
        }
      } else if (info.keyword === 'USER') {
        const raw = info.node.getArgumentsContent()?.trim();
        if (raw) user = expand(raw, vars) || raw;
      }
    }
  }
  const env: EnvRequirement[] = [];
  for (const [name, { value, unresolved, fromBuildArg, line }] of envs) {
    const secret = isSecretName(name);
    const trimmed = value.trim().replace(/^(["'])(.*)\1$/, '$2');
    let reason: EnvReason | undefined;
    if (secret) reason = 'secret';
    else if (unresolved) reason = 'unresolved';
    else if (trimmed === '' && !fromBuildArg) reason = 'empty';
    else if (PLACEHOLDER.test(trimmed)) reason = 'placeholder';
    if (!reason) continue;
    const required = trimmed === '' || unresolved || PLACEHOLDER.test(trimmed);
    env.push({ name, reason, required, secret, imageValue: secret && trimmed ? value : undefined, line });
  }
  return { env, ports, user };
}

/** Substitutes like Docker does at build time: names never defined expand to empty. */
function expand(text: string, vars: ReadonlyMap<string, string | undefined>): string {
  const lookup = { get: (name: string) => vars.get(name) ?? '' } as unknown as ReadonlyMap<string, string | undefined>;
  return DockerfileModel.substitute(text, lookup) ?? '';
}

function variableNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(VARIABLE)) names.push(m[1] ?? m[2]);
  return names;
}

export function parsePort(text: string, line: number): PortRequirement | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i.exec(text.trim());
  if (!m) return undefined;
  const port = Number(m[1]);
  const endPort = m[2] ? Number(m[2]) : undefined;
  if (port < 1 || port > 65535 || (endPort !== undefined && (endPort < port || endPort > 65535))) return undefined;
  return { port, endPort: endPort !== port ? endPort : undefined, protocol: (m[3]?.toLowerCase() ?? 'tcp') as PortRequirement['protocol'], line };
}

function contextSourcesOf(stages: Stage[]): string[] {
  const sources = new Set<string>();
  for (const stage of stages) {
    for (const info of stage.instructions) {
      if (info.keyword !== 'COPY' && info.keyword !== 'ADD') continue;
      if (flagValue(info.node, 'from') !== undefined) continue;
      const json = (info.node as unknown as { getJSONStrings?: () => { getJSONValue(): string }[] }).getJSONStrings?.() ?? [];
      const args = json.length ? json.map(j => j.getJSONValue()) : info.node.getArguments().map(a => a.getValue());
      for (const src of args.slice(0, -1)) {
        if (src.startsWith('<<') || /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || src.startsWith('git@')) continue;
        sources.add(normaliseSource(src));
      }
    }
  }
  return [...sources];
}

function normaliseSource(src: string): string {
  const p = src.replace(/^\.\/+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return p === '' || p === '.' ? '.' : p;
}
