/**
 * Inlay hints: the value a `$NAME` resolves to, after the reference, where the value is known
 * statically (ARG defaults, ENV values, predefined platform ARGs). Names that look like
 * credentials show a mask instead: the editor must not put a secret on screen.
 */
import { isSecretName } from '../knowledge/secrets';
import type { DockerfileModel } from '../model';
import type { Position, Range } from '../types';
import { variablesOf } from '../variables';
import { shellVariableUses } from './shell-variables';

export interface ValueHint {
  /** Just after the reference. */
  position: Position;
  label: string;
  /** The variable and where its value comes from, for the hint's tooltip. */
  tooltip: string;
  masked: boolean;
}

const MAX_VALUE_LENGTH = 32;
const MASK = '••••••';

export function valueHints(model: DockerfileModel, within?: Range): ValueHint[] {
  const vars = variablesOf(model);
  const hints: ValueHint[] = [];
  const inRange = (r: Range) => !within || (r.end.line >= within.start.line && r.start.line <= within.end.line);
  const add = (name: string, range: Range, value: string | null | undefined, origin: string) => {
    if (value === null || value === undefined || !inRange(range)) return;
    const masked = isSecretName(name);
    const shown = masked ? MASK : quoteIfNeeded(shorten(value));
    hints.push({ position: range.end, label: `= ${shown}`, tooltip: `${name}, ${origin}`, masked });
  };
  for (const ref of vars.references) {
    const def = ref.definition;
    if (def) add(ref.name, ref.range, def.value, describeSource(def.source));
  }
  for (const use of shellVariableUses(model)) {
    const def = vars.scopeOf(use.info)?.env.get(use.name);
    if (def) add(use.name, use.range, def.value, describeSource(def.source));
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

function describeSource(source: string): string {
  switch (source) {
    case 'global-arg': return 'the default of a global ARG';
    case 'arg': return 'the default of an ARG';
    case 'env': return 'set by ENV';
    case 'predefined': return 'predefined by the builder (for a linux/amd64 build)';
    case 'build-arg': return 'a build argument';
    case 'default-path': return 'the default PATH';
    default: return 'from the base image';
  }
}

function shorten(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value;
}

function quoteIfNeeded(value: string): string {
  return value === '' || /\s/.test(value) ? JSON.stringify(value) : value;
}
