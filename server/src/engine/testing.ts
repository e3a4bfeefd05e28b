/** Helpers for rule tests: run one rule over a Dockerfile, apply its fixes. */
import { analyze } from './analyze';
import { MemoryBuildContext } from './context';
import { ruleById } from './rules';
import { applyEdits } from './text';
import type { ResolvedFinding } from './types';

export function check(ruleId: string, text: string, files?: Record<string, string>): ResolvedFinding[] {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return analyze(text, { rules: [rule], buildContext: files ? new MemoryBuildContext(files) : undefined }).findings;
}

/** Applies the first fix of the first fixable finding; throws when there is none. */
export function fixOnce(ruleId: string, text: string, files?: Record<string, string>): string {
  const finding = check(ruleId, text, files).find(f => (f.fixes?.() ?? []).length);
  if (!finding) throw new Error(`${ruleId} offers no fix for:\n${text}`);
  return applyEdits(text, finding.fixes!()[0].edits);
}

/** The lines a finding starts on, 1-based, for compact assertions. */
export function lines(findings: ResolvedFinding[]): number[] {
  return findings.map(f => f.range.start.line + 1);
}
