import type { Instruction, Onbuild, Property } from 'dockerfile-ast';
import { DockerfileModel, type InstructionInfo, type Stage } from '../model';

/**
 * Facts about build stages that several rules need: which stages end up in the final
 * image, which variables are in effect at an instruction, which RUNs a stage holds
 * (ONBUILD triggers included). Read-only views over the model.
 */

/** The stage and the stages it is built `FROM`, base first. */
export function ancestry(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.image.stage) chain.unshift(s);
  return chain;
}

/** Stages whose filesystem is part of the final image: the final stage and its `FROM` ancestors. */
export function finalImageStages(model: DockerfileModel): Set<Stage> {
  const final = model.finalStage;
  return new Set(final ? ancestry(final) : []);
}

/** Stages that another stage is built `FROM` (not merely copied from). */
export function baseStages(model: DockerfileModel): Set<Stage> {
  const bases = new Set<Stage>();
  for (const s of model.stages) if (s.image.stage) bases.add(s.image.stage);
  return bases;
}

function properties(info: InstructionInfo): Property[] {
  return (info.node as unknown as { getProperties?: () => Property[] }).getProperties?.() ?? [];
}

/**
 * Variables in effect just before `beforeIndex` (an instruction index) in `stage`: ENV and
 * ARG values of its ancestors and of the stage itself, with `$VAR` references substituted
 * where they can be. A value is undefined when it cannot be known (ARG without default).
 * Computed once per stage and shared: callers must not change the map.
 */
export function variablesAt(model: DockerfileModel, stage: Stage, beforeIndex = Infinity): Map<string, string | undefined> {
  const points = stageVariables(model, stage);
  // The last ENV or ARG of the stage before `beforeIndex` (points are in instruction order).
  let lo = 0, hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (points[mid].after < beforeIndex) lo = mid; else hi = mid - 1;
  }
  return points[lo].vars;
}

/** Variables at the start of a stage (`after` -1), then after each of its ENV and ARG instructions. */
interface VariablesPoint { after: number; vars: Map<string, string | undefined> }

const stageVarsCache = new WeakMap<DockerfileModel, Map<Stage, VariablesPoint[]>>();

function stageVariables(model: DockerfileModel, stage: Stage): VariablesPoint[] {
  let byStage = stageVarsCache.get(model);
  if (!byStage) stageVarsCache.set(model, (byStage = new Map()));
  let points = byStage.get(stage);
  if (points) return points;
  points = [];
  const vars = new Map<string, { value: string | undefined; env: boolean }>();
  const values = () => new Map([...vars].map(([k, v]) => [k, v.value] as const));
  const lookup = { get: (name: string) => vars.get(name)?.value };
  for (const s of ancestry(stage)) {
    // ARGs are scoped to their stage; ENV values are inherited by stages built on it.
    for (const [k, v] of vars) if (!v.env) vars.delete(k);
    if (s === stage) points.push({ after: -1, vars: values() });
    for (const info of s.instructions) {
      if (info.keyword !== 'ENV' && info.keyword !== 'ARG') continue;
      for (const p of properties(info)) {
        const name = p.getName();
        const raw = p.getValue();
        if (info.keyword === 'ARG') {
          // An ENV of the same name wins over an ARG.
          if (vars.get(name)?.env) continue;
          if (raw === null) { if (!vars.has(name)) vars.set(name, { value: model.globalArgs.get(name), env: false }); continue; }
        }
        const value = raw ?? '';
        vars.set(name, { value: DockerfileModel.substitute(value, lookup) ?? (value.includes('$') ? undefined : value), env: info.keyword === 'ENV' });
      }
      if (s === stage) points.push({ after: info.index, vars: values() });
    }
  }
  byStage.set(stage, points);
  return points;
}

/** A RUN in a stage, or the RUN of an `ONBUILD RUN` (which executes in images built from this one). */
export interface RunSite {
  info: InstructionInfo;
  /** The RUN instruction itself (the trigger for ONBUILD). */
  node: Instruction;
  onbuild: boolean;
}

const sitesCache = new WeakMap<Stage, RunSite[]>();

/** The RUNs of a stage, ONBUILD RUN triggers included; computed once per stage and shared (callers must not change it). */
export function runSites(stage: Stage): RunSite[] {
  let sites = sitesCache.get(stage);
  if (!sites) {
    sites = findRunSites(stage);
    sitesCache.set(stage, sites);
  }
  return sites;
}

function findRunSites(stage: Stage): RunSite[] {
  const sites: RunSite[] = [];
  for (const info of stage.instructions) {
    if (info.keyword === 'RUN') sites.push({ info, node: info.node, onbuild: false });
    else if (info.keyword === 'ONBUILD') {
      const trigger = (info.node as Onbuild).getTriggerInstruction?.();
      if (trigger && trigger.getKeyword().toUpperCase() === 'RUN') sites.push({ info, node: trigger, onbuild: true });
    }
  }
  return sites;
}

const pseudoCache = new WeakMap<DockerfileModel, Stage[]>();

/**
 * The stages to lint. Instructions before the first FROM (other than ARG) cannot build, but
 * people type them, and hadolint's tests rely on them: they form a pseudo-stage (index -1,
 * no FROM) that is final when the file has no FROM at all.
 */
export function lintStages(model: DockerfileModel): Stage[] {
  let stages = pseudoCache.get(model);
  if (!stages) {
    const orphans = model.instructions.filter(i => !i.stage && i.keyword !== 'ARG');
    stages = [...model.stages];
    if (orphans.length) {
      const pseudo = {
        index: -1,
        name: undefined,
        from: undefined,
        image: { raw: '', isScratch: false, range: orphans[0].range },
        instructions: orphans,
        isFinal: model.stages.length === 0,
      } as unknown as Stage;
      stages.unshift(pseudo);
    }
    pseudoCache.set(model, stages);
  }
  return stages;
}
