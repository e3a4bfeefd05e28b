import type { DockerfileModel } from './model';

/**
 * Suppressions written in the Dockerfile. Ours and hadolint's comment pragmas,
 * and BuildKit's `# check=skip=` directive, all map to rule ids through aliases.
 *
 *   # layerwise ignore=a,b          the next instruction
 *   # layerwise stage ignore=a,b    a stage: above its FROM, the whole stage; inside it, from the next instruction to its end
 *   # layerwise global ignore=a,b   the whole file
 *   # hadolint ignore=DL3007        likewise, hadolint's spelling (also `stage` and `global`); as in hadolint,
 *                                   a name that is not a rule code (`ignore=crazy,DL3007`) voids the pragma
 *   # check=skip=JSONArgsRecommended   (parser directive) the whole file; `all` skips every BuildKit check
 *
 * `# check=` is a parser directive, so as a file-wide setting it counts only in the directive block at
 * the very top of the file (before any comment, blank line or instruction), as in BuildKit. A `# check=`
 * comment further down is not file-wide: directly above an instruction it applies to that instruction
 * only, which `check-directive.ts` handles; `readSuppressions` leaves it alone.
 */
export interface Suppressions {
  /** Lower-cased names (ids or aliases) ignored in the whole file. */
  global: Set<string>;
  /** Ignored names per instruction index (stage pragmas are expanded to each instruction they cover). */
  byInstruction: Map<number, Set<string>>;
  /** BuildKit's `skip=all`: every rule with a BuildKit alias is off. */
  skipAllBuildkit: boolean;
}

/** A trailing `# why` after the list is a comment, as hadolint allows. */
const PRAGMA = /^#\s*(layerwise|hadolint)\s+(?:(global|stage)\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)\s*(#.*)?$/i;

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

  const ignoreAt = (index: number, names: string[]) => {
    let set = result.byInstruction.get(index);
    if (!set) result.byInstruction.set(index, (set = new Set()));
    names.forEach(n => set!.add(n));
  };

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
    // hadolint drops a whole pragma when one name is not a rule code (`ignore=crazy,DL3002` ignores nothing).
    if (m[1].toLowerCase() === 'hadolint' && names.some(n => !/^[dlsc0-9]+$/.test(n))) continue;
    const scope = m[2]?.toLowerCase();
    if (scope === 'global') {
      names.forEach(n => result.global.add(n));
      continue;
    }
    // The pragma applies to the first instruction after it ...
    if (!target) continue;
    if (scope !== 'stage') {
      ignoreAt(target.index, names);
      continue;
    }
    // ... and a stage pragma on to the end of that instruction's stage (or of the global ARGs before the first FROM).
    for (let i = target.index; i < instructions.length && instructions[i].stage === target.stage; i++) {
      if (i > target.index && instructions[i].keyword === 'FROM') break;
      ignoreAt(i, names);
    }
  }
  return result;
}

function splitNames(list: string): string[] {
  return list.split(/[,\s]+/).map(s => s.trim().toLowerCase()).filter(Boolean);
}
