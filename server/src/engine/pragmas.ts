import type { DockerfileModel } from './model';

/**
 * Suppressions written in the Dockerfile. Ours and hadolint's comment pragmas,
 * and BuildKit's `# check=skip=` directive, all map to rule ids through aliases.
 *
 *   # layerwise ignore=a,b          the next instruction
 *   # layerwise global ignore=a,b   the whole file
 *   # hadolint ignore=DL3007        likewise, hadolint's spelling
 *   # check=skip=JSONArgsRecommended   (parser directive) the whole file; `all` skips every BuildKit check
 */
export interface Suppressions {
  /** Lower-cased names (ids or aliases) ignored in the whole file. */
  global: Set<string>;
  /** Ignored names per instruction index. */
  byInstruction: Map<number, Set<string>>;
  /** BuildKit's `skip=all`: every rule with a BuildKit alias is off. */
  skipAllBuildkit: boolean;
}

/** A trailing `# why` after the list is a comment, as hadolint allows. */
const PRAGMA = /^#\s*(layerwise|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)\s*(#.*)?$/i;

export function readSuppressions(model: DockerfileModel): Suppressions {
  const result: Suppressions = { global: new Set(), byInstruction: new Map(), skipAllBuildkit: false };

  const check = model.directives.find(d => d.name === 'check');
  if (check) {
    for (const part of check.value.split(';')) {
      const [key, value = ''] = part.split('=').map(s => s.trim());
      if (key.toLowerCase() !== 'skip') continue;
      for (const name of splitNames(value)) {
        if (name === 'all') result.skipAllBuildkit = true;
        else result.global.add(name);
      }
    }
  }

  // Comment lines outside instructions (a `#` inside a continued RUN belongs to the RUN).
  const instructions = model.instructions;
  let next = 0;
  for (let line = 0; line < model.lines.lineCount; line++) {
    while (next < instructions.length && instructions[next].range.end.line < line) next++;
    const target = instructions[next];
    if (target && target.range.start.line <= line) continue;
    const m = PRAGMA.exec(model.lines.lineText(line).trim());
    if (!m) continue;
    const names = splitNames(m[3]);
    if (m[2]) {
      names.forEach(n => result.global.add(n));
      continue;
    }
    // The pragma applies to the first instruction after it.
    if (!target) continue;
    let set = result.byInstruction.get(target.index);
    if (!set) result.byInstruction.set(target.index, (set = new Set()));
    names.forEach(n => set!.add(n));
  }
  return result;
}

function splitNames(list: string): string[] {
  return list.split(/[,\s]+/).map(s => s.trim().toLowerCase()).filter(Boolean);
}
