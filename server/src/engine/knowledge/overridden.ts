import type { InstructionInfo } from '../model';
import type { RuleContext } from '../rule';
import { wholeLines } from '../text';
import type { Fix } from '../types';
import { lintStages } from './stages';

const PRAGMA = /^\s*#\s*(hadolint|layerwise)\s+ignore\s*=/i;

/**
 * Reports every CMD, ENTRYPOINT or HEALTHCHECK of a stage that a later one of the same kind in
 * that stage replaces (only the last counts). The finding is on the overridden instruction, as
 * BuildKit's MultipleInstructionsDisallowed reports it, and its fix deletes it: the image's
 * configuration keeps the last one, so nothing the image does changes.
 */
export function reportOverridden(ctx: RuleContext, keyword: 'CMD' | 'ENTRYPOINT' | 'HEALTHCHECK'): void {
  const model = ctx.model;
  for (const stage of lintStages(model)) {
    const all = stage.instructions.filter(i => i.keyword === keyword);
    const last = all[all.length - 1];
    for (const info of all.slice(0, -1)) {
      ctx.report({
        range: info.range,
        message: `This ${keyword} is replaced by the ${keyword} on line ${last.range.start.line + 1}: only the last ${keyword} of a stage takes effect. Remove this one, or merge what it should do into the last.`,
        fixes: () => deleteFix(ctx, info, keyword),
      });
    }
  }
}

function deleteFix(ctx: RuleContext, info: InstructionInfo, keyword: string): Fix[] {
  const lines = ctx.model.lines;
  const first = info.range.start.line, last = info.range.end.line;
  // Something else shares the lines (`CMD a # x` is fine, but not another instruction).
  if (lines.lineText(first).slice(0, info.range.start.character).trim()) return [];
  if (lines.lineText(last).slice(info.range.end.character).trim()) return [];
  // An ignore pragma above would move to the next instruction once this one is gone.
  if (first > 0 && PRAGMA.test(lines.lineText(first - 1))) return [];
  return [{ title: `Remove the overridden ${keyword}`, edits: [{ range: wholeLines(lines, first, last), newText: '' }], safe: true }];
}
