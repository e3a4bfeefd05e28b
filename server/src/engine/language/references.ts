/**
 * The names of a Dockerfile that refer to one another: build stages (`FROM … AS name`, `FROM name`,
 * `COPY --from=name`, `RUN --mount=from=name`) and ARG/ENV variables (their declarations and every
 * `$NAME` the builder or the shell expands). Go-to-definition, find references, rename and
 * document highlight all read this one index, computed once per parse.
 *
 * Variables follow BuildKit's scoping: a global ARG (before the first FROM) is seen by FROM lines
 * and, inside a stage, only after a value-less `ARG NAME` re-declares it; a stage inherits the
 * declarations of the stage it is built FROM; `ENV A=1 B=$A` does not see its own A, while
 * `ARG A=1 B=$A` does. Occurrences that must be renamed together share a group.
 */
import type { Property } from 'dockerfile-ast';
import { flagsOf, type DockerfileModel, type InstructionInfo, type Stage } from '../model';
import type { Position, Range } from '../types';
import { variablesOf, type Reference } from '../variables';
import { imageReferenceRange } from './image-range';
import { shellVariableUses } from './shell-variables';

export type NameKind = 'stage' | 'variable';

export interface Occurrence {
  kind: NameKind;
  /** As written at this occurrence. */
  name: string;
  /** The name itself (not the `$`, braces or flag). */
  range: Range;
  declaration: boolean;
  /** Occurrences in one group are one entity: they are highlighted and renamed together. */
  group: number;
  /** For a use, the declaration it resolves to; for a re-declaring `ARG NAME`, the global ARG. */
  target?: Occurrence;
  /** False where renaming the entity must leave the text alone (`COPY --from=0`). */
  renamable: boolean;
  /** For variables: not declared anywhere in the Dockerfile (predefined, or from the base image). */
  undeclared?: boolean;
}

export interface NameIndex {
  /** Every occurrence, in document order. */
  readonly occurrences: readonly Occurrence[];
  /** The occurrence whose range contains the position (its end included, for a cursor just after a name). */
  at(position: Position): Occurrence | undefined;
  /** All occurrences of the same entity, in document order. */
  groupOf(occurrence: Occurrence): Occurrence[];
  /** Where the entity at this occurrence is declared: the nearest declaration for a use, itself for a declaration. */
  definitionOf(occurrence: Occurrence): Occurrence | undefined;
}

const cache = new WeakMap<DockerfileModel, NameIndex>();

export function nameIndexOf(model: DockerfileModel): NameIndex {
  let index = cache.get(model);
  if (!index) {
    index = new IndexBuilder(model).build();
    cache.set(model, index);
  }
  return index;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(range: Range, p: Position): boolean {
  return comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) <= 0;
}

interface Declaration {
  occurrence: Occurrence;
  /** Instruction index in the document. */
  instruction: number;
  keyword: 'ARG' | 'ENV';
}

/** Where a use is: the instruction, the stage whose environment applies (undefined: the globals). */
interface UseSite { instruction: number; stage?: Stage; position: Position }

class IndexBuilder {
  private readonly occurrences: Occurrence[] = [];
  private readonly parent: number[] = [];
  /** Declarations per stage index (-1 holds the global ARGs), by name, in document order. */
  private readonly declarations = new Map<number, Map<string, Declaration[]>>();
  private readonly undeclaredGroups = new Map<string, Occurrence>();

  constructor(private readonly model: DockerfileModel) {}

  build(): NameIndex {
    this.collectStages();
    this.collectDeclarations();
    this.collectVariableUses();
    const occurrences = this.occurrences.sort((a, b) => comparePositions(a.range.start, b.range.start));
    for (const o of occurrences) o.group = this.find(o.group);
    const groups = new Map<number, Occurrence[]>();
    for (const o of occurrences) {
      let list = groups.get(o.group);
      if (!list) groups.set(o.group, (list = []));
      list.push(o);
    }
    return {
      occurrences,
      at: position => findAt(occurrences, position),
      groupOf: o => groups.get(o.group) ?? [o],
      // A re-declaring `ARG NAME` leads on to the ARG it brings into scope.
      definitionOf: o => o.declaration ? (o.target ?? o) : o.target,
    };
  }

  /** Only names written as-is (no quotes, escapes or line continuations inside) are occurrences: rename edits them in place. */
  private exact(range: Range, name: string): boolean {
    return this.model.lines.textOf(range) === name;
  }

  private add(o: Omit<Occurrence, 'group'>): Occurrence {
    const occurrence = { ...o, group: this.parent.length } as Occurrence;
    this.parent.push(occurrence.group);
    this.occurrences.push(occurrence);
    return occurrence;
  }

  private union(a: Occurrence, b: Occurrence): void {
    const ra = this.find(a.group), rb = this.find(b.group);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  private find(g: number): number {
    while (this.parent[g] !== g) g = this.parent[g] = this.parent[this.parent[g]];
    return g;
  }

  /** A use that resolves to `target` joins its group. */
  private use(o: Omit<Occurrence, 'group' | 'declaration'>, target: Occurrence | undefined): Occurrence {
    const occurrence = this.add({ ...o, declaration: false, target });
    if (target) this.union(occurrence, target);
    return occurrence;
  }

  // ---- stages ----

  private collectStages(): void {
    const stages = this.model.stages;
    const declared = new Map<Stage, Occurrence>();
    for (const stage of stages) {
      const range = stage.from.getBuildStageRange();
      const name = stage.from.getBuildStage();
      if (range && name && this.exact(range, name)) declared.set(stage, this.add({ kind: 'stage', name, range, declaration: true, renamable: true }));
    }
    const byName = (name: string, instruction: number): Occurrence | undefined => {
      const lower = name.toLowerCase();
      // The last stage of that name before the use, else the first after it.
      let found: Stage | undefined;
      for (const s of stages) {
        if (s.name !== lower) continue;
        if (s.from.getRange().start.line < this.model.instructions[instruction].range.start.line || !found) found = s;
        if (s.from.getRange().start.line >= this.model.instructions[instruction].range.start.line) break;
      }
      return found ? declared.get(found) : undefined;
    };
    const refer = (value: string | null, range: Range | null, instruction: number) => {
      if (!value || !range || !this.exact(range, value)) return;
      if (/^\d+$/.test(value)) {
        const target = stages[Number(value)] ? declared.get(stages[Number(value)]) : undefined;
        if (target) this.use({ kind: 'stage', name: value, range, renamable: false }, target);
        return;
      }
      const target = byName(value, instruction);
      if (target) this.use({ kind: 'stage', name: value, range, renamable: true }, target);
    };
    for (const stage of stages) {
      const base = stage.image.stage;
      const imageRange = imageReferenceRange(stage, false);
      if (base && imageRange && stage.image.raw.toLowerCase() === base.name && this.exact(imageRange, stage.image.raw)) {
        this.use({ kind: 'stage', name: stage.image.raw, range: imageRange, renamable: true }, declared.get(base));
      }
    }
    for (const info of this.model.instructions) {
      if (info.keyword !== 'COPY' && info.keyword !== 'ADD' && info.keyword !== 'RUN') continue;
      for (const flag of flagsOf(info.node)) {
        const flagName = flag.getName().toLowerCase();
        if (flagName === 'from' && info.keyword !== 'RUN') refer(flag.getValue(), flag.getValueRange(), info.index);
        if (flagName === 'mount') {
          const from = flag.getOptions().find(o => o.getName().toLowerCase() === 'from');
          if (from) refer(from.getValue(), from.getValueRange(), info.index);
        }
      }
    }
  }

  // ---- variables ----

  private collectDeclarations(): void {
    for (const info of this.model.instructions) {
      if (info.keyword !== 'ARG' && info.keyword !== 'ENV') continue;
      const keyword = info.keyword;
      const scope = info.stage ? info.stage.index : -1;
      let byName = this.declarations.get(scope);
      if (!byName) this.declarations.set(scope, (byName = new Map()));
      const properties = (info.node as unknown as { getProperties(): Property[] }).getProperties();
      for (const p of properties) {
        const name = p.getName();
        const range = p.getNameRange();
        if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !this.exact(range, name)) continue;
        const occurrence = this.add({ kind: 'variable', name, range, declaration: true, renamable: true });
        // A value-less `ARG NAME` inside a stage brings the global ARG (or the inherited one) into scope.
        if (keyword === 'ARG' && info.stage && p.getValue() === null) {
          const outer = this.lookup(name, { instruction: info.index, stage: info.stage, position: range.start }, true);
          if (outer) { occurrence.target = outer; this.union(occurrence, outer); }
        }
        let list = byName.get(name);
        if (!list) byName.set(name, (list = []));
        list.push({ occurrence, instruction: info.index, keyword });
      }
    }
  }

  /**
   * The declaration a use of `name` at `site` resolves to. `outerOnly` skips the site's own
   * stage (for a re-declaring ARG, which looks at the globals first, then inherited stages).
   */
  private lookup(name: string, site: UseSite, outerOnly = false): Occurrence | undefined {
    if (!site.stage) return this.lastBefore(this.declarations.get(-1), name, site);
    if (outerOnly) {
      const global = this.lastBefore(this.declarations.get(-1), name, undefined);
      if (global) return global;
    } else {
      const own = this.lastBefore(this.declarations.get(site.stage.index), name, site);
      if (own) return own;
    }
    // Inherited from the stage this one is built on (everything it declared).
    for (let base = site.stage.image.stage; base; base = base.image.stage) {
      const inherited = this.lastBefore(this.declarations.get(base.index), name, undefined);
      if (inherited) return inherited;
    }
    return undefined;
  }

  private lastBefore(scope: Map<string, Declaration[]> | undefined, name: string, site: UseSite | undefined): Occurrence | undefined {
    const list = scope?.get(name);
    if (!list?.length) return undefined;
    if (!site) return list[list.length - 1].occurrence;
    // The last declaration in an instruction up to the site's (binary search: files can hold thousands).
    let lo = 0, hi = list.length - 1, last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].instruction <= site.instruction) { last = mid; lo = mid + 1; } else hi = mid - 1;
    }
    for (let i = last; i >= 0; i--) {
      const d = list[i];
      if (d.instruction < site.instruction) return d.occurrence;
      // Within one ARG line each default sees the names before it; ENV expands all with the old values.
      if (d.keyword === 'ARG' && comparePositions(d.occurrence.range.end, site.position) < 0) return d.occurrence;
    }
    return undefined;
  }

  private collectVariableUses(): void {
    const addUse = (name: string, nameRange: Range, info: InstructionInfo | undefined, inGlobalScope: boolean) => {
      if (!info || !this.exact(nameRange, name)) return;
      const site: UseSite = { instruction: info.index, stage: inGlobalScope ? undefined : info.stage, position: nameRange.start };
      const target = this.lookup(name, site);
      const occurrence = this.use({ kind: 'variable', name, range: nameRange, renamable: true, undeclared: !target }, target);
      if (!target) {
        // Undeclared names (predefined ARGs, the base image's ENV) still highlight together.
        const first = this.undeclaredGroups.get(name);
        if (first) this.union(occurrence, first); else this.undeclaredGroups.set(name, occurrence);
      }
    };
    for (const ref of variablesOf(this.model).references) {
      addUse(ref.name, ref.nameRange, ref.info, isGlobalContext(ref));
    }
    for (const use of shellVariableUses(this.model)) addUse(use.name, use.nameRange, use.info, false);
  }
}

/** FROM lines and global ARG defaults see only the global ARGs. */
function isGlobalContext(ref: Reference): boolean {
  return ref.context === 'from' || ref.context === 'platform' || !ref.info?.stage;
}

function findAt(sorted: readonly Occurrence[], p: Position): Occurrence | undefined {
  let lo = 0, hi = sorted.length - 1;
  // The last occurrence starting at or before p.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (comparePositions(sorted[mid].range.start, p) <= 0) lo = mid; else hi = mid - 1;
  }
  const candidate = sorted[lo];
  return candidate && containsPosition(candidate.range, p) ? candidate : undefined;
}
