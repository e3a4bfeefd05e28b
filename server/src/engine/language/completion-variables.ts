import type { Property } from 'dockerfile-ast';
import { isSecretName, isVariableReference } from '../knowledge/secrets';
import { variablesAt } from '../knowledge/stages';
import type { DockerfileModel, InstructionInfo } from '../model';
import { PREDEFINED_PLATFORM_ARGS } from '../variables';

export interface VisibleVariable {
  name: string;
  /** Undefined when only known at build time (an ARG without default). */
  value: string | undefined;
  /**
   * `platform`: set by the builder; `platform-undeclared`: the same inside a stage that has
   * not declared it with `ARG NAME` (BuildKit leaves it empty there until then).
   */
  origin: 'global' | 'stage' | 'platform' | 'platform-undeclared';
}

/**
 * The variables an instruction can refer to, with the values they have there. On the typing
 * path, so it reads the stage's memoised ARG/ENV view (`variablesAt`) rather than running the
 * full resolver over the document: FROM lines see the global ARGs; inside a stage, the
 * stage's (and its bases') ARG and ENV values before the instruction. The builder's platform
 * ARGs are always offered, with the values of a linux/amd64 build as an example.
 */
export function visibleVariables(model: DockerfileModel, info: InstructionInfo | undefined): VisibleVariable[] {
  const out = new Map<string, VisibleVariable>();
  const inStage = !!info?.stage && info.keyword !== 'FROM';
  if (inStage) {
    for (const [name, value] of variablesAt(model, info!.stage!, info!.index)) {
      // `ARG TARGETARCH` in a stage takes the builder's value.
      const predefined = value === undefined ? PREDEFINED_PLATFORM_ARGS[name] : undefined;
      out.set(name, predefined ? { name, value: predefined, origin: 'platform' } : { name, value, origin: 'stage' });
    }
  } else {
    // Global ARGs: all of them on FROM lines; only the earlier ones within the global ARGs.
    const before = info && info.keyword !== 'FROM' ? info.range.start.line : Infinity;
    for (const [name, value] of model.globalArgs) {
      if (before === Infinity || declaredBefore(model, name, before)) out.set(name, { name, value, origin: 'global' });
    }
  }
  for (const [name, value] of Object.entries(PREDEFINED_PLATFORM_ARGS)) {
    if (!out.has(name) && value) out.set(name, { name, value, origin: inStage ? 'platform-undeclared' : 'platform' });
  }
  return [...out.values()];
}

function declaredBefore(model: DockerfileModel, name: string, line: number): boolean {
  return model.instructions.some(i => i.keyword === 'ARG' && i.range.start.line < line
    && ((i.node as unknown as { getProperties?: () => Property[] }).getProperties?.() ?? []).some(p => p.getName() === name));
}

/** A value as shown to the user: masked when the name looks like a credential. */
export function displayValue(name: string, value: string | null | undefined): string {
  if (value === undefined || value === null) return 'set at build time';
  if (value === '') return 'empty';
  if (isSecretName(name) && !isVariableReference(value)) return '••• (masked: the name looks like a credential)';
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}
