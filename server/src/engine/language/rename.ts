/**
 * Renaming a stage or an ARG/ENV variable: what can be renamed at a position, which new names
 * are valid, and the edits (every occurrence of the entity, from the name index).
 */
import type { DockerfileModel } from '../model';
import type { Position, Range, TextEdit } from '../types';
import { nameIndexOf, type Occurrence } from './references';

/** BuildKit's rule for `AS name` (compared lower-cased). */
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/i;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type RenameTarget = { ok: true; range: Range; placeholder: string; occurrence: Occurrence } | { ok: false; reason: string };

export function renameTargetAt(model: DockerfileModel, position: Position): RenameTarget {
  const occurrence = nameIndexOf(model).at(position);
  if (!occurrence) return { ok: false, reason: 'Only build stage names and ARG or ENV variables can be renamed.' };
  if (occurrence.undeclared) {
    const declaredElsewhere = nameIndexOf(model).occurrences.some(o => o.declaration && o.kind === 'variable' && o.name === occurrence.name);
    return {
      ok: false,
      reason: declaredElsewhere
        ? `${occurrence.name} is not in scope here (a global ARG is seen inside a stage only after \`ARG ${occurrence.name}\` there), so this use cannot be renamed with it.`
        : `${occurrence.name} is not declared by an ARG or ENV in this Dockerfile, so it cannot be renamed here.`,
    };
  }
  if (!occurrence.renamable) return { ok: false, reason: 'A stage referred to by its index is renamed through its name.' };
  return { ok: true, range: occurrence.range, placeholder: occurrence.name, occurrence };
}

export type RenameResult = { ok: true; edits: TextEdit[] } | { ok: false; reason: string };

export function renameEdits(model: DockerfileModel, position: Position, newName: string): RenameResult {
  const target = renameTargetAt(model, position);
  if (!target.ok) return target;
  const index = nameIndexOf(model);
  const { occurrence } = target;
  const invalid = validateName(occurrence.kind, newName);
  if (invalid) return { ok: false, reason: invalid };
  const group = index.groupOf(occurrence);
  if (occurrence.kind === 'stage') {
    const current = occurrence.name.toLowerCase();
    const clash = model.stages.some(s => s.name === newName.toLowerCase() && s.name !== current);
    if (clash) return { ok: false, reason: `A stage named ${newName} already exists.` };
  }
  if (occurrence.kind === 'variable' && newName !== occurrence.name) {
    // Another variable of that name where this one lives would capture or shadow its uses.
    const scopeOf = (o: Occurrence) => model.instructionAtLine(o.range.start.line)?.stage?.index ?? -1;
    const scopes = new Set(group.map(scopeOf));
    const clash = index.occurrences.some(o => o.kind === 'variable' && o.declaration && o.name === newName && scopes.has(scopeOf(o)));
    if (clash) return { ok: false, reason: `${newName} is already declared where ${occurrence.name} is used; renaming would merge the two.` };
  }
  return { ok: true, edits: group.filter(o => o.renamable).map(o => ({ range: o.range, newText: newName })) };
}

export function validateName(kind: Occurrence['kind'], name: string): string | undefined {
  if (kind === 'stage') {
    if (!STAGE_NAME.test(name)) return `"${name}" is not a valid stage name: start with a letter, then letters, digits, '-', '_' or '.'.`;
    if (name.toLowerCase() === 'scratch' || name.toLowerCase() === 'context') return `"${name}" is reserved and cannot name a stage.`;
    return undefined;
  }
  if (!VARIABLE_NAME.test(name)) return `"${name}" is not a valid variable name: start with a letter or '_', then letters, digits or '_'.`;
  return undefined;
}
