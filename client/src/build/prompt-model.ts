/**
 * What Build / Run / Build and Run ask, in which order, with which defaults, and what
 * the answers turn into. Pure: the VS Code prompts (prompts.ts), the scripted answers of
 * tasks and tests, and the unit tests all drive these same questions.
 *
 * A flow is a list of questions computed from the requirements and the answers so far,
 * so going back and changing an answer (the target, a secret's handling, which
 * variables to set) recomputes what comes after it.
 */
import type { EnvFileInfo, ImageRequirementsResult, TargetWithEnv } from '../../../server/src/lsp/requests';
import { affectsDockerCli, defaultTag, invalidEnvName, invalidPortSpec, invalidTag, type Builder, type BuildPlan, type Hardening, type RunPlan } from './argv';

export type Mode = 'build' | 'run' | 'buildAndRun';
export const MODE_TITLES: Record<Mode, string> = { build: 'Build', run: 'Run', buildAndRun: 'Build and Run' };

/** Non-secret answers remembered per Dockerfile (workspace state). Never holds a secret value. */
export interface Remembered {
  tag?: string;
  /** Stage label. */
  target?: string;
  contextDir?: string;
  args?: Record<string, string>;
  argModes?: Record<string, SecretArgMode>;
  env?: Record<string, string>;
  /** Variables the user chose not to set. */
  envSkipped?: string[];
  envExtra?: string[];
  envFiles?: string[];
  /** The user's own verdict on whether a variable is secret, where it differs from the name's look. */
  secretOverrides?: Record<string, boolean>;
  /** Keyed like `8000/tcp`; an empty string means "do not publish". */
  ports?: Record<string, string>;
  hardening?: string[];
}

export type SecretArgMode = 'secret' | 'build-arg' | 'skip';

export interface PromptContext {
  mode: Mode;
  requirements: ImageRequirementsResult;
  remembered: Remembered;
  /** Stored secret values, keyed like the questions (`env:NAME`, `arg:NAME`, `buildSecret:ID`). */
  storedSecrets: Record<string, string>;
  builder: Builder;
  /** Why BuildKit is not used, when it is not (shown next to secret choices). */
  buildkitUnavailable?: string;
  hardening: { enabled: boolean; memory: string; cpus: string };
  /** The Dockerfile's folder name, for the default tag. */
  folderName: string;
}

export interface EnvValue { value: string; secret: boolean }
export type Answer = string | string[] | EnvValue;
export type Answers = Record<string, Answer>;

export interface Validation { severity: 'error' | 'warning'; message: string }

export interface PickItem { id: string; label: string; description?: string; detail?: string }

interface QuestionBase {
  id: string;
  /** What is being asked, shown as the prompt or placeholder. */
  prompt: string;
}
export interface PickQuestion extends QuestionBase { kind: 'pick'; items: PickItem[]; defaultId: string }
export interface MultiQuestion extends QuestionBase { kind: 'multi'; items: PickItem[]; defaultIds: string[] }
export interface TextQuestion extends QuestionBase {
  kind: 'text';
  default: string;
  /** Masked input; the answer is an EnvValue when `canToggleSecret`. */
  secret: boolean;
  /** The user may mark the value as secret (or not) from the input itself. */
  canToggleSecret?: boolean;
  placeholder?: string;
  validate(value: string, secret: boolean): Validation | undefined;
}
export type Question = PickQuestion | MultiQuestion | TextQuestion;

export interface EnvCandidate {
  name: string;
  required: boolean;
  secret: boolean;
  /** Where the name was found, one entry per place, e.g. `main.py:12 os.environ.get without a default`. */
  sources: string[];
  /** Env files that define it. */
  definedIn: string[];
}

export const HARDENING_IDS = ['readOnly', 'capDropAll', 'noNewPrivileges', 'memory', 'cpus'] as const;

export function chosenTarget(ctx: PromptContext, answers: Answers): TargetWithEnv {
  const { requirements: req } = ctx;
  // The target is answered by stage label (`builder`, `stage-1`), which is what --target takes.
  const label = typeof answers.target === 'string' ? answers.target.toLowerCase() : ctx.remembered.target;
  const stage = req.stages.find(s => s.label === label);
  return req.targets[stage?.index ?? req.target];
}

function wantsBuild(mode: Mode): boolean { return mode !== 'run'; }
function wantsRun(mode: Mode): boolean { return mode !== 'build'; }

export function envCandidates(target: TargetWithEnv, envFiles: EnvFileInfo[], remembered: Remembered, extra: string[] = []): EnvCandidate[] {
  const byName = new Map<string, EnvCandidate>();
  const get = (name: string, secret: boolean) => {
    let c = byName.get(name);
    if (!c) {
      const override = remembered.secretOverrides?.[name];
      byName.set(name, (c = { name, required: false, secret: override ?? secret, sources: [], definedIn: [] }));
    }
    return c;
  };
  for (const e of target.env) {
    const c = get(e.name, e.secret);
    const at = `Dockerfile:${e.line + 1}`;
    if (e.reason === 'secret') {
      c.sources.push(e.imageValue !== undefined
        ? `${at} ENV ${e.name} bakes a credential into the image; give it at run time instead`
        : `${at} ENV ${e.name} is a credential the image must not contain`);
    } else {
      c.sources.push(`${at} ENV ${e.name} ${e.reason === 'empty' ? 'has no value' : e.reason === 'placeholder' ? 'has a placeholder value' : 'refers only to undefined variables'}`);
    }
    c.required ||= e.required;
  }
  for (const u of target.envUsage) {
    const c = get(u.name, u.secret);
    c.required ||= u.required;
    for (const f of u.findings) c.sources.push(`${f.file}:${f.line + 1} ${f.via} ${f.required ? 'without a default' : 'with a default'}`);
  }
  for (const name of extra) {
    const c = get(name, false);
    if (!c.sources.length) c.sources.push('added by you');
  }
  for (const c of byName.values()) c.definedIn = envFiles.filter(f => f.names.includes(c.name)).map(f => f.path);
  return [...byName.values()].sort((a, b) => Number(b.required) - Number(a.required) || a.name.localeCompare(b.name));
}

/**
 * Variables to set beyond those found: typed into "Set other variables…", remembered from
 * last time, or given a value by a script (tasks.json, tests) without having been found.
 */
function extraNames(ctx: PromptContext, answers: Answers, target: TargetWithEnv): string[] {
  const typed = str(answers.envExtra);
  const base = typed !== undefined ? parseNameList(typed) : ctx.remembered.envExtra ?? [];
  const found = new Set(envCandidates(target, [], {}, []).map(c => c.name));
  const scripted = Object.keys(answers).filter(k => k.startsWith('env:')).map(k => k.slice(4)).filter(n => !found.has(n));
  return [...new Set([...base, ...scripted])];
}

/** Whether a variable is to be set: checked in the list, or typed into "Set other variables…". */
function isSelected(name: string, answers: Answers, selected: string[]): boolean {
  if (selected.includes(`env:${name}`)) return true;
  const typed = str(answers.envExtra);
  return selected.includes('extra') && typed !== undefined && parseNameList(typed).includes(name);
}

function envAnswer(a: Answer | undefined, secret: boolean): EnvValue | undefined {
  if (typeof a === 'string') return { value: a, secret };
  if (a && typeof a === 'object' && !Array.isArray(a)) return a;
  return undefined;
}

export function parseNameList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

function portKey(p: TargetWithEnv['ports'][number]): string {
  return `${p.port}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol}`;
}

function defaultPortSpec(p: TargetWithEnv['ports'][number]): string {
  const range = `${p.port}${p.endPort ? `-${p.endPort}` : ''}`;
  return `${range}:${range}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
}

function str(a: Answer | undefined): string | undefined {
  return typeof a === 'string' ? a : undefined;
}

/** Every question of the flow, given the answers so far. */
export function questions(ctx: PromptContext, answers: Answers): Question[] {
  const qs: Question[] = [];
  const req = ctx.requirements;
  const rem = ctx.remembered;
  const target = chosenTarget(ctx, answers);

  if (wantsBuild(ctx.mode) && req.stages.length > 1) {
    const defaultStage = req.stages[chosenTarget(ctx, {}).target];
    qs.push({
      kind: 'pick', id: 'target', prompt: 'Which stage to build (--target)',
      items: req.stages.map(s => ({
        id: s.label, label: s.label,
        description: `FROM ${s.base}${s.index === req.defaultTarget ? ' · last stage (what docker build builds by default)' : ''}`,
        detail: `Dockerfile line ${s.line + 1}`,
      })),
      defaultId: str(answers.target)?.toLowerCase() ?? defaultStage.label,
    });
  }

  qs.push({
    kind: 'text', id: 'tag', secret: false,
    prompt: wantsBuild(ctx.mode) ? 'Image tag (docker build --tag)' : 'Image to run',
    default: str(answers.tag) ?? rem.tag ?? defaultTag(ctx.folderName),
    validate: v => { const m = invalidTag(v.trim()); return m ? { severity: 'error', message: m } : undefined; },
  });

  if (wantsBuild(ctx.mode)) {
    /** Secret ARGs the user sends as BuildKit secrets: their id is not asked for again below. */
    const sentAsSecret = new Set<string>();
    for (const arg of target.args) {
      if (arg.automatic) continue;
      const where = `Dockerfile line ${arg.lines.map(l => l + 1).join(', ')}`;
      let mode: SecretArgMode | undefined;
      if (arg.secret) {
        const modes: PickItem[] = [];
        if (ctx.builder === 'buildkit') {
          modes.push({
            id: 'secret', label: `Pass as a BuildKit secret (--secret id=${arg.name},env=${arg.name})`,
            description: 'not stored in the image',
            detail: `The Dockerfile has to read it with RUN --mount=type=secret,id=${arg.name},env=${arg.name} …; ARG ${arg.name} itself stays empty.`,
          });
        }
        modes.push(
          { id: 'build-arg', label: `Pass as --build-arg ${arg.name} anyway`, description: 'recorded in the image history', detail: 'Anyone who can pull the image can read it with docker history.' },
          { id: 'skip', label: 'Leave it unset', description: arg.default !== undefined ? 'the Dockerfile default applies' : undefined },
        );
        const remembered = rem.argModes?.[arg.name];
        const answered = str(answers[`argMode:${arg.name}`]);
        const defaultId = answered ?? (remembered && modes.some(m => m.id === remembered) ? remembered : modes[0].id === 'secret' ? 'secret' : 'skip');
        qs.push({
          kind: 'pick', id: `argMode:${arg.name}`, items: modes, defaultId,
          prompt: `ARG ${arg.name} (${where}) looks like a credential: a value passed with --build-arg is kept in the image history.`
            + (ctx.builder === 'buildkit' ? '' : ` BuildKit is not available${ctx.buildkitUnavailable ? ` (${ctx.buildkitUnavailable})` : ''}, so it cannot be passed as a build secret.`),
        });
        mode = defaultId as SecretArgMode;
        if (mode === 'secret') sentAsSecret.add(arg.name);
        if (mode === 'skip') continue;
      }
      const required = arg.required || mode === 'secret';
      const stored = arg.secret ? ctx.storedSecrets[`arg:${arg.name}`] : rem.args?.[arg.name];
      qs.push({
        kind: 'text', id: `arg:${arg.name}`, secret: arg.secret,
        prompt: `Build argument ${arg.name} (${where}): ${arg.default !== undefined ? `default "${arg.default}"` : 'no default, a value is required'}`,
        default: str(answers[`arg:${arg.name}`]) ?? stored ?? arg.default ?? '',
        validate: v => {
          if (v.includes('\0')) return { severity: 'error', message: 'The value contains a NUL character.' };
          if (required && v === '') {
            return { severity: 'error', message: mode === 'secret' ? `Enter the value of ${arg.name}, or go back and choose "Leave it unset".` : `ARG ${arg.name} has no default in the Dockerfile; enter a value.` };
          }
          return undefined;
        },
      });
    }
    if (ctx.builder === 'buildkit') {
      for (const s of target.buildSecrets) {
        if (sentAsSecret.has(s.id)) continue;
        qs.push({
          kind: 'text', id: `buildSecret:${s.id}`, secret: true,
          prompt: `Build secret "${s.id}" (RUN --mount=type=secret, Dockerfile line ${s.lines.map(l => l + 1).join(', ')})${s.required ? ', required' : ''}`,
          default: str(answers[`buildSecret:${s.id}`]) ?? ctx.storedSecrets[`buildSecret:${s.id}`] ?? '',
          validate: v => v === ''
            ? (s.required ? { severity: 'error', message: `The Dockerfile mounts "${s.id}" with required=true; the build fails without it.` } : { severity: 'warning', message: `Left empty, "${s.id}" is not passed and the RUN lines that mount it see no file.` })
            : undefined,
        });
      }
    }
  }

  if (wantsRun(ctx.mode)) {
    const extraAnswer = str(answers.envExtra);
    const extra = extraNames(ctx, answers, target);
    const candidates = envCandidates(target, req.envFiles, rem, extra);
    const items: PickItem[] = candidates.map(c => ({
      id: `env:${c.name}`,
      label: c.name,
      description: [c.required ? 'required' : 'optional', c.secret ? 'secret' : undefined, c.definedIn.length ? 'in .env' : undefined].filter(Boolean).join(' · '),
      detail: c.sources.join('; '),
    }));
    for (const f of req.envFiles) {
      items.push({
        id: `file:${f.path}`, label: `Use ${f.where === 'context' ? 'the build context’s' : 'the workspace’s'} .env (--env-file)`,
        description: f.path, detail: f.names.length ? `Defines ${f.names.join(', ')}` : 'Defines no variables',
      });
    }
    items.push({ id: 'extra', label: 'Set other variables…', description: 'names the scan did not find' });
    const skipped = new Set(rem.envSkipped ?? []);
    const defaultIds = [
      ...candidates.filter(c => answers[`env:${c.name}`] !== undefined || (!skipped.has(c.name) && (c.required || rem.env?.[c.name] !== undefined || ctx.storedSecrets[`env:${c.name}`] !== undefined || extra.includes(c.name)))).map(c => `env:${c.name}`),
      ...req.envFiles.filter(f => Array.isArray(answers.envFiles) ? answers.envFiles.includes(f.path)
        : rem.envFiles ? rem.envFiles.includes(f.path) : candidates.some(c => c.required && c.definedIn.includes(f.path))).map(f => `file:${f.path}`),
    ];
    const selectAnswer = answers.envSelect;
    const selected = Array.isArray(selectAnswer) ? selectAnswer : defaultIds;
    qs.push({
      kind: 'multi', id: 'envSelect', items, defaultIds: selected,
      prompt: candidates.length
        ? `Environment for docker run: ${candidates.length} variable${candidates.length === 1 ? '' : 's'} found in the Dockerfile and the code it copies (${req.scan.filesScanned} file${req.scan.filesScanned === 1 ? '' : 's'} scanned${req.scan.truncated ? `, stopped early: ${req.scan.truncated} limit` : ''}). Check the ones to set.`
        : `Environment for docker run: no variables found in the Dockerfile or the code it copies (${req.scan.filesScanned} files scanned).`,
    });
    if (selected.includes('extra')) {
      qs.push({
        kind: 'text', id: 'envExtra', secret: false,
        prompt: 'Other variables to set, separated by spaces', placeholder: 'LOG_LEVEL FEATURE_FLAG',
        default: extraAnswer ?? (rem.envExtra ?? []).join(' '),
        validate: v => {
          for (const n of parseNameList(v)) { const m = invalidEnvName(n); if (m) return { severity: 'error', message: m }; }
          return undefined;
        },
      });
    }
    for (const c of candidates) {
      if (!isSelected(c.name, answers, selected)) continue;
      const id = `env:${c.name}`;
      const prior = envAnswer(answers[id], c.secret);
      const secret = prior ? prior.secret : c.secret;
      const stored = secret ? ctx.storedSecrets[id] : rem.env?.[c.name];
      const fromFile = c.definedIn.length ? ` Also defined in ${c.definedIn.join(', ')}.` : '';
      qs.push({
        kind: 'text', id, secret, canToggleSecret: true,
        prompt: `${c.name} (${c.required ? 'required' : 'optional'}${secret ? ', secret: hidden and kept only in VS Code’s secret storage' : ''}) — ${c.sources.join('; ')}.${fromFile}`,
        default: prior ? prior.value : stored ?? '',
        validate: (v, isSecret) => {
          const bad = invalidEnvName(c.name);
          if (bad) return { severity: 'error', message: bad };
          if (v.includes('\0')) return { severity: 'error', message: 'The value contains a NUL character.' };
          if (isSecret && affectsDockerCli(c.name) && /[\r\n]/.test(v)) {
            return { severity: 'error', message: `${c.name} is also read by the docker CLI, so its secret value goes through a private env file, which cannot hold line breaks.` };
          }
          if (v === '' && c.required) {
            return { severity: 'warning', message: `Left empty, ${c.name} is not passed; ${c.sources[0]}, so the container will probably refuse to start.` };
          }
          return undefined;
        },
      });
    }
    for (const p of target.ports) {
      const key = portKey(p);
      qs.push({
        kind: 'text', id: `port:${key}`, secret: false,
        prompt: `EXPOSE ${key} (Dockerfile line ${p.line + 1}): publish as host:container (docker run -p), or leave empty to not publish it`,
        default: str(answers[`port:${key}`]) ?? rem.ports?.[key] ?? defaultPortSpec(p),
        validate: v => {
          if (v.trim() === '') return undefined;
          const m = invalidPortSpec(v.trim());
          return m ? { severity: 'error', message: m } : undefined;
        },
      });
    }
    const h = ctx.hardening;
    qs.push({
      kind: 'multi', id: 'hardening', prompt: 'Runtime hardening for docker run (recommended for anything that faces a network)',
      items: [
        { id: 'readOnly', label: '--read-only --tmpfs /tmp', description: 'read-only root filesystem; /tmp stays writable' },
        { id: 'capDropAll', label: '--cap-drop=ALL', description: 'no Linux capabilities; add back only what the app needs' },
        { id: 'noNewPrivileges', label: '--security-opt=no-new-privileges', description: 'setuid programs cannot gain privileges' },
        { id: 'memory', label: `--memory=${h.memory}`, description: 'a leak kills the container, not the host' },
        { id: 'cpus', label: `--cpus=${h.cpus}`, description: 'caps CPU use' },
      ],
      defaultIds: Array.isArray(answers.hardening) ? answers.hardening : rem.hardening ?? (h.enabled ? [...HARDENING_IDS] : []),
    });
  }
  return qs;
}

export interface Plans {
  tag: string;
  build?: BuildPlan;
  run?: Omit<RunPlan, 'containerName'>;
  remember: Remembered;
  /** Secret values to store, by key; an empty string means delete the stored one. */
  secrets: Record<string, string>;
}

/** Turns complete answers into what to execute and what to remember. */
export function toPlans(ctx: PromptContext, answers: Answers): Plans {
  const req = ctx.requirements;
  const target = chosenTarget(ctx, answers);
  const stage = req.stages[target.target];
  const tag = (str(answers.tag) ?? '').trim();
  const remember: Remembered = { ...ctx.remembered, tag };
  const secrets: Record<string, string> = {};
  let build: BuildPlan | undefined;
  let run: Plans['run'];

  if (wantsBuild(ctx.mode)) {
    remember.target = stage.label;
    const buildArgs: BuildPlan['buildArgs'] = [];
    const buildSecrets: BuildPlan['buildSecrets'] = [];
    const args = { ...ctx.remembered.args };
    const argModes = { ...ctx.remembered.argModes };
    for (const arg of target.args) {
      if (arg.automatic) continue;
      const mode = arg.secret ? (str(answers[`argMode:${arg.name}`]) as SecretArgMode | undefined) ?? 'skip' : undefined;
      if (mode) argModes[arg.name] = mode;
      const value = str(answers[`arg:${arg.name}`]);
      if (mode === 'skip' || value === undefined) continue;
      if (arg.secret) secrets[`arg:${arg.name}`] = value; else args[arg.name] = value;
      if (mode === 'secret') buildSecrets.push({ id: arg.name, value });
      // A value equal to the Dockerfile's default is left to the Dockerfile.
      else if (value !== arg.default) buildArgs.push({ name: arg.name, value });
    }
    for (const s of target.buildSecrets) {
      const value = str(answers[`buildSecret:${s.id}`]);
      if (value === undefined) continue;
      secrets[`buildSecret:${s.id}`] = value;
      if (value !== '') buildSecrets.push({ id: s.id, value });
    }
    remember.args = args;
    remember.argModes = argModes;
    build = {
      dockerfile: req.dockerfile, contextDir: req.contextDir, tag,
      // The last stage is what docker builds anyway; naming it would only fail on unnamed stages.
      target: target.target === req.defaultTarget ? undefined : stage.label,
      buildArgs, buildSecrets, builder: ctx.builder,
    };
  }

  if (wantsRun(ctx.mode)) {
    const selected = Array.isArray(answers.envSelect) ? answers.envSelect : [];
    const extra = extraNames(ctx, answers, target);
    const candidates = envCandidates(target, req.envFiles, ctx.remembered, extra);
    const env: RunPlan['env'] = [];
    const rememberedEnv = { ...ctx.remembered.env };
    const overrides = { ...ctx.remembered.secretOverrides };
    for (const c of candidates) {
      const a = envAnswer(answers[`env:${c.name}`], c.secret);
      if (!isSelected(c.name, answers, selected) || !a) continue;
      if (a.secret !== c.secret || overrides[c.name] !== undefined) overrides[c.name] = a.secret;
      if (a.secret) {
        secrets[`env:${c.name}`] = a.value;
        delete rememberedEnv[c.name];
      } else {
        rememberedEnv[c.name] = a.value;
        // A value the user now calls non-secret must not linger in secret storage.
        if (ctx.storedSecrets[`env:${c.name}`] !== undefined) secrets[`env:${c.name}`] = '';
      }
      if (a.value !== '') env.push({ name: c.name, value: a.value, secret: a.secret });
    }
    remember.env = rememberedEnv;
    remember.secretOverrides = overrides;
    remember.envSkipped = candidates.filter(c => !isSelected(c.name, answers, selected)).map(c => c.name);
    remember.envExtra = extra;
    remember.envFiles = req.envFiles.filter(f => selected.includes(`file:${f.path}`)).map(f => f.path);
    const ports: string[] = [];
    const rememberedPorts = { ...ctx.remembered.ports };
    for (const p of target.ports) {
      const key = portKey(p);
      const spec = (str(answers[`port:${key}`]) ?? '').trim();
      rememberedPorts[key] = spec;
      if (spec) ports.push(spec);
    }
    remember.ports = rememberedPorts;
    const chosen = Array.isArray(answers.hardening) ? answers.hardening : [];
    remember.hardening = chosen;
    const hardening: Hardening | undefined = chosen.length ? {
      readOnly: chosen.includes('readOnly'),
      capDropAll: chosen.includes('capDropAll'),
      noNewPrivileges: chosen.includes('noNewPrivileges'),
      memory: chosen.includes('memory') ? ctx.hardening.memory : undefined,
      cpus: chosen.includes('cpus') ? ctx.hardening.cpus : undefined,
    } : undefined;
    run = { image: tag, env, envFiles: remember.envFiles, ports, hardening, remove: true };
  }
  return { tag, build, run, remember, secrets };
}

/** The default answer of a question, as a scripted prompter or a task would give it. */
export function defaultAnswer(q: Question): Answer {
  if (q.kind === 'pick') return q.defaultId;
  if (q.kind === 'multi') return q.defaultIds;
  return q.canToggleSecret ? { value: q.default, secret: q.secret } : q.default;
}

/** Checks an answer against its question; returns an error message when it is not acceptable. */
export function answerProblem(q: Question, a: Answer): string | undefined {
  if (q.kind === 'pick') return typeof a === 'string' && q.items.some(i => i.id === a) ? undefined : `"${String(a)}" is not one of ${q.items.map(i => i.id).join(', ')}`;
  if (q.kind === 'multi') {
    if (!Array.isArray(a)) return 'expected a list';
    const unknown = a.filter(id => !q.items.some(i => i.id === id));
    return unknown.length ? `not offered: ${unknown.join(', ')}` : undefined;
  }
  const value = typeof a === 'string' ? a : typeof a === 'object' && !Array.isArray(a) ? a.value : undefined;
  if (value === undefined) return 'expected text';
  const v = q.validate(value, typeof a === 'object' && !Array.isArray(a) ? a.secret : q.secret);
  return v?.severity === 'error' ? v.message : undefined;
}

/** The answer as stored: text questions that can be marked secret always answer with an EnvValue. */
export function normaliseAnswer(q: Question, a: Answer): Answer {
  if (q.kind === 'text' && q.canToggleSecret && typeof a === 'string') return { value: a, secret: q.secret };
  return a;
}
