/**
 * `$NAME` and `${NAME…}` in the commands the shell runs (RUN, shell-form CMD and ENTRYPOINT,
 * HEALTHCHECK CMD, RUN heredoc scripts). The builder leaves these words alone; the shell expands
 * them at run time from the environment, where the stage's ARGs and ENVs are. The variable
 * resolver (variables.ts) covers every word the builder expands; this covers the rest.
 */
import type { DockerfileModel, InstructionInfo } from '../model';
import type { Range } from '../types';

export interface ShellVariableUse {
  name: string;
  /** `$NAME` or `${NAME…}` including the closing brace. */
  range: Range;
  nameRange: Range;
  info: InstructionInfo;
}

const SHELL_RUN_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
const NAME_AT = /[A-Za-z_][A-Za-z0-9_]*/y;

const cache = new WeakMap<DockerfileModel, ShellVariableUse[]>();

/** Every variable use in shell-run text of the document, in order; memoised per parse. */
export function shellVariableUses(model: DockerfileModel): ShellVariableUse[] {
  let uses = cache.get(model);
  if (!uses) {
    uses = [];
    for (const info of model.instructions) {
      if (SHELL_RUN_KEYWORDS.has(info.keyword)) scanInstruction(model, info, uses);
    }
    cache.set(model, uses);
  }
  return uses;
}

function isExecForm(info: InstructionInfo): boolean {
  const content = info.node.getArgumentsContent()?.trimStart() ?? '';
  if (!content.startsWith('[')) return false;
  try {
    return Array.isArray(JSON.parse(content));
  } catch {
    return false;
  }
}

function scanInstruction(model: DockerfileModel, info: InstructionInfo, out: ShellVariableUse[]): void {
  const argsRange = info.node.getArgumentsRange();
  if (!argsRange || isExecForm(info)) return;
  const text = model.text;
  const lines = model.lines;
  const start = lines.offsetAt(argsRange.start);
  const end = lines.offsetAt(info.range.end);
  let inDouble = false;
  let atWordStart = true;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '\\') { i++; atWordStart = false; continue; }
    if (c === "'" && !inDouble) {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= end ? end : close;
      atWordStart = false;
      continue;
    }
    if (c === '"') { inDouble = !inDouble; atWordStart = false; continue; }
    if (c === '#' && !inDouble && atWordStart) {
      // A shell comment (or a comment line inside a continuation) runs to the end of the line.
      while (i + 1 < end && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '$') {
      const use = variableAt(text, i, end);
      if (use) {
        out.push({
          name: use.name, info,
          range: { start: lines.positionAt(i), end: lines.positionAt(use.end) },
          nameRange: { start: lines.positionAt(use.nameStart), end: lines.positionAt(use.nameStart + use.name.length) },
        });
        i = use.end - 1;
      }
      atWordStart = false;
      continue;
    }
    atWordStart = c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(';
  }
}

/** The variable reference starting at the `$` at `dollar`, if it is one. */
function variableAt(text: string, dollar: number, limit: number): { name: string; nameStart: number; end: number } | undefined {
  const braced = text[dollar + 1] === '{';
  const nameStart = dollar + (braced ? 2 : 1);
  NAME_AT.lastIndex = nameStart;
  const m = NAME_AT.exec(text);
  if (!m || nameStart + m[0].length > limit) return undefined;
  const name = m[0];
  if (!braced) return { name, nameStart, end: nameStart + name.length };
  // `${NAME…}`: the reference runs to its closing brace (nested `${…}` in a modifier included).
  let depth = 1;
  for (let j = nameStart + name.length; j < limit; j++) {
    if (text[j] === '\\') { j++; continue; }
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return { name, nameStart, end: j + 1 };
    else if (text[j] === '\n') break;
  }
  return undefined;
}
