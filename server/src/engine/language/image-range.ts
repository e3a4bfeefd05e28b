import type { Stage } from '../model';
import type { Range } from '../types';

/**
 * Where a FROM's image reference is written, registry included. `nameOnly` stops before the tag
 * and digest when the reference is literal; one written with variables is returned whole.
 * Computed here because dockerfile-ast's `getImageNameRange()` moves the start of the shared
 * (memoised) argument range in place, which would corrupt the parse for every other reader.
 */
export function imageReferenceRange(stage: Stage, nameOnly: boolean): Range | undefined {
  const word = stage.from.getArguments()[0];
  if (!word) return undefined;
  const { start, end } = word.getRange();
  const whole = { start: { ...start }, end: { ...end } };
  const { raw, resolved, name } = stage.image;
  if (!nameOnly || raw !== resolved || !name || !raw.startsWith(name) || start.line !== end.line) return whole;
  return { start: whole.start, end: { line: start.line, character: start.character + name.length } };
}
