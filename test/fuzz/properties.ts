// What must hold for every text, however broken: the engine answers without an exception or a
// rule failure, its ranges are well-formed, fix-all yields text that parses and is a fixed
// point of fix-all, formatting is idempotent. Timings are returned, not asserted: the callers decide what to do on a
// loaded machine.
import { analyze } from '../../server/src/engine/analyze';
import { explainInstruction } from '../../server/src/engine/explain';
import { fixAll, MAX_ROUNDS } from '../../server/src/engine/fix';
import { formatDockerfile } from '../../server/src/engine/format';
import { DockerfileModel } from '../../server/src/engine/model';
import { applyEdits } from '../../server/src/engine/text';
import type { Range, ResolvedFinding } from '../../server/src/engine/types';

export interface EngineTimings {
  /** One analysis of the input (parse + every rule): the cost of one keystroke. */
  analyzeMs: number;
  /** Fix-all on the input, plus the checks of its output. */
  fixMs: number;
  fixesApplied: number;
  /** Fix-all stopped at its round bound (more fixes were due): idempotence is not expected then. */
  fixRoundBound: boolean;
  /** Formatting the input, then the result again. */
  formatMs: number;
}

/** Formatting options the properties are checked with: the editor defaults, and the other style. */
const FORMAT_STYLES = [{ tabSize: 4, insertSpaces: true }, { tabSize: 2, insertSpaces: false, insertFinalNewline: true, trimFinalNewlines: true }];

/** A violated property; the message says which and on what. */
export class PropertyViolation extends Error {}

/** Which properties a campaign checks: `analysis` alone (no exception, no rule failure, well-formed ranges) is the cheap one. */
export type PropertySet = 'all' | 'analysis';

/** Analysis without an exception or a rule failure, with well-formed ranges; returns its time. */
export function checkAnalysisProperties(text: string): number {
  const t0 = performance.now();
  const analysis = analyze(text);
  const analyzeMs = performance.now() - t0;
  expectNoRuleFailures('analysing the input', analysis.failures);
  const lineCount = analysis.model.lines.lineCount;
  for (const f of analysis.findings) expectWellFormed(`${f.ruleId} finding`, f.range, lineCount);
  // The keyword hover's explanation reads every instruction's view of the model.
  for (const info of analysis.model.instructions) explainInstruction(analysis.model, info);
  return analyzeMs;
}

/** Runs the engine over `text` and checks every property; throws PropertyViolation (or the engine's own error). */
export function checkEngineProperties(text: string, properties: PropertySet = 'all'): EngineTimings {
  const analyzeMs = checkAnalysisProperties(text);
  if (properties === 'analysis') return { analyzeMs, fixMs: 0, fixesApplied: 0, fixRoundBound: false, formatMs: 0 };

  const t1 = performance.now();
  const fixed = fixAll(text);
  const fixRoundBound = fixed.applied.length >= MAX_ROUNDS;
  if (fixed.applied.length) {
    const reparsed = new DockerfileModel(fixed.text);
    void reparsed.stages;
    expectNoRuleFailures(`analysing the fix-all output (after ${summarise(fixed.applied)})`, analyze(fixed.text).failures);
    if (fixRoundBound) expectNextFixResolves(fixed.text);
    else {
      const again = fixAll(fixed.text);
      if (again.text !== fixed.text) {
        throw new PropertyViolation(`fix-all is not idempotent: a second run applied ${summarise(again.applied)} after ${summarise(fixed.applied)}`);
      }
    }
  } else if (fixed.text !== text) {
    throw new PropertyViolation('fix-all changed the text without reporting an applied fix');
  }
  const fixMs = performance.now() - t1;

  const t2 = performance.now();
  for (const [i, style] of FORMAT_STYLES.entries()) expectFormatIdempotent(text, style, i);
  return { analyzeMs, fixMs, fixesApplied: fixed.applied.length, fixRoundBound, formatMs: performance.now() - t2 };
}

/** Formatting yields text that analyses without rule failures, and formatting that again changes nothing. */
function expectFormatIdempotent(text: string, style: (typeof FORMAT_STYLES)[number], styleIndex: number): void {
  const once = applyEdits(text, formatDockerfile(text, style));
  if (once === text) return;
  expectNoRuleFailures(`analysing the formatted text (style ${styleIndex})`, analyze(once).failures);
  const edits = formatDockerfile(once, style);
  const twice = applyEdits(once, edits);
  if (twice !== once) {
    throw new PropertyViolation(`formatting is not idempotent (style ${styleIndex}): a second pass changed it again (${edits.length} edits, first ${JSON.stringify(edits[0])})`);
  }
}

/**
 * Fix-all stopped with fixes still due. Fine when each fix makes progress (a file with 200
 * duplicate CMDs needs 199 removals); a bug when the next fix leaves its rule's findings as they
 * were: it would be applied again and again.
 */
function expectNextFixResolves(text: string): void {
  const findings = analyze(text).findings;
  for (const finding of findings) {
    const fix = finding.fixes?.().find(x => x.safe);
    if (!fix) continue;
    const count = (list: ResolvedFinding[]) => list.filter(f => f.ruleId === finding.ruleId).length;
    const after = count(analyze(applyEdits(text, fix.edits)).findings);
    if (after >= count(findings)) {
      throw new PropertyViolation(`the fix "${fix.title}" leaves ${finding.ruleId} with ${after} findings (${count(findings)} before): fix-all applies it until its round bound`);
    }
    return;
  }
}

function counts(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** `["a","a","b"]` → `2× "a", 1× "b"`: failure messages stay one line. */
function summarise(list: string[]): string {
  return [...counts(list)].map(([t, n]) => `${n}× ${JSON.stringify(t)}`).join(', ') || 'nothing';
}

function expectNoRuleFailures(what: string, failures: { ruleId: string; error: Error }[]): void {
  if (!failures.length) return;
  const first = failures[0];
  const error = new PropertyViolation(`${failures.length} rule(s) threw while ${what}: ${failures.map(f => f.ruleId).join(', ')}; ${first.ruleId}: ${first.error.message}`);
  error.stack = `${error.message}\n${first.error.stack ?? ''}`;
  throw error;
}

function expectWellFormed(what: string, range: Range, lineCount: number): void {
  const { start, end } = range;
  const ok = start.line >= 0 && start.character >= 0 && end.line >= 0 && end.character >= 0
    && (start.line < end.line || (start.line === end.line && start.character <= end.character))
    && start.line < Math.max(lineCount, 1);
  if (!ok) throw new PropertyViolation(`${what} has a malformed range ${JSON.stringify(range)} (document has ${lineCount} lines)`);
}
