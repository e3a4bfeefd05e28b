import { analyze, type AnalyzeOptions } from './analyze';
import { applyEdits } from './text';
import type { Fix, ResolvedFinding } from './types';

export interface FixAllResult {
  text: string;
  /** Titles of the fixes applied, in order. */
  applied: string[];
}

/** Upper bound on fix rounds; each round re-analyses, so fixes never act on stale ranges. */
export const MAX_ROUNDS = 50;

/**
 * Applies every safe fix, one at a time, re-analysing in between. Fixes that would
 * produce text we have already seen (a cycle) are skipped.
 */
export function fixAll(text: string, options: AnalyzeOptions = {}): FixAllResult {
  const applied: string[] = [];
  const seen = new Set([text]);
  const skipped = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { findings } = analyze(text, options);
    const next = firstSafeFix(findings, skipped);
    if (!next) break;
    const { fix, key } = next;
    const updated = applyEdits(text, fix.edits);
    if (seen.has(updated)) { skipped.add(key); continue; }
    seen.add(updated);
    applied.push(fix.title);
    text = updated;
  }
  return { text, applied };
}

function firstSafeFix(findings: ResolvedFinding[], skipped: Set<string>): { fix: Fix; key: string } | undefined {
  for (const finding of findings) {
    for (const fix of finding.fixes?.() ?? []) {
      const key = `${finding.ruleId}:${fix.title}`;
      if (fix.safe && !skipped.has(key)) return { fix, key };
    }
  }
  return undefined;
}
