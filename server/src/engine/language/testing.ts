/** Helpers for the language-feature tests: positions by searching the text, ranges shown as text. */
import type { DockerfileModel } from '../model';
import type { Position, Range } from '../types';

/** The position of the `nth` (0-based) occurrence of `needle`, `offset` characters into it. */
export function positionOf(text: string, needle: string, nth = 0, offset = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not found`);
  }
  const before = text.slice(0, at + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** `line:character` of a range's start and its text, e.g. `3:12 build`. */
export function describe(model: DockerfileModel, range: Range): string {
  return `${range.start.line}:${range.start.character} ${model.lines.textOf(range)}`;
}
