// Bookkeeping for fuzz campaigns: counts by kind, the distribution of analysis times, the
// slowest inputs, and distinct failures with how to reproduce them.
import type { InputKind } from './inputs';
import type { EngineTimings } from './properties';

const BUCKETS_MS = [1, 5, 10, 25, 50, 100, 250, 1000];

export interface SlowInput { ms: number; kind: InputKind; text: string }
export interface FailureRecord {
  /** The first line of the violation, with numbers blanked so repeats of one bug group together. */
  key: string;
  count: number;
  message: string;
  seed: number;
  path?: string;
  runs: number;
  counterexample: string;
}

export class CampaignStats {
  runs = 0;
  readonly byKind = new Map<InputKind, number>();
  readonly buckets = new Array<number>(BUCKETS_MS.length + 1).fill(0);
  overBudget = 0;
  fixesApplied = 0;
  inputsFixed = 0;
  /** Inputs where fix-all stopped at its round bound with fixes still due. */
  fixRoundBound = 0;
  totalAnalyzeMs = 0;
  totalFixMs = 0;
  totalFormatMs = 0;
  readonly slowest: SlowInput[] = [];
  readonly failures = new Map<string, FailureRecord>();
  /** A uniform sample of analysis times, for percentiles. */
  private readonly sample: number[] = [];

  constructor(readonly budgetMs = 100, private readonly keepSlowest = 10, private readonly sampleSize = 20_000) {}

  record(kind: InputKind, text: string, t: EngineTimings): void {
    const { analyzeMs, fixMs, fixesApplied: fixes } = t;
    if (t.fixRoundBound) this.fixRoundBound++;
    this.runs++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    this.totalAnalyzeMs += analyzeMs;
    this.totalFixMs += fixMs;
    this.totalFormatMs += t.formatMs;
    if (fixes) { this.inputsFixed++; this.fixesApplied += fixes; }
    const bucket = BUCKETS_MS.findIndex(b => analyzeMs < b);
    this.buckets[bucket === -1 ? BUCKETS_MS.length : bucket]++;
    if (analyzeMs > this.budgetMs) this.overBudget++;
    if (this.sample.length < this.sampleSize) this.sample.push(analyzeMs);
    else {
      const j = Math.floor(Math.random() * this.runs);
      if (j < this.sampleSize) this.sample[j] = analyzeMs;
    }
    if (this.slowest.length < this.keepSlowest || analyzeMs > this.slowest[this.slowest.length - 1].ms) {
      this.slowest.push({ ms: analyzeMs, kind, text });
      this.slowest.sort((a, b) => b.ms - a.ms);
      this.slowest.length = Math.min(this.slowest.length, this.keepSlowest);
    }
  }

  recordFailure(f: Omit<FailureRecord, 'key' | 'count'>): FailureRecord {
    const key = f.message.split('\n')[0].replace(/\d+/g, 'N').slice(0, 200);
    const known = this.failures.get(key);
    if (known) { known.count++; return known; }
    const record = { ...f, key, count: 1 };
    this.failures.set(key, record);
    return record;
  }

  percentile(p: number): number {
    if (!this.sample.length) return 0;
    const sorted = [...this.sample].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  histogram(): string {
    const labels = [...BUCKETS_MS.map(b => `<${b}ms`), `>=${BUCKETS_MS.at(-1)}ms`];
    return labels.map((l, i) => `${l}: ${this.buckets[i]}`).join(', ');
  }

  summary(): Record<string, unknown> {
    return {
      runs: this.runs,
      byKind: Object.fromEntries(this.byKind),
      analyzeMs: {
        mean: this.runs ? this.totalAnalyzeMs / this.runs : 0,
        p50: this.percentile(0.5), p90: this.percentile(0.9), p99: this.percentile(0.99), p999: this.percentile(0.999),
        max: this.slowest[0]?.ms ?? 0,
        histogram: this.histogram(),
      },
      overBudget: this.overBudget,
      budgetMs: this.budgetMs,
      formatting: { meanMs: this.runs ? this.totalFormatMs / this.runs : 0 },
      fixAll: { meanMs: this.runs ? this.totalFixMs / this.runs : 0, inputsFixed: this.inputsFixed, fixesApplied: this.fixesApplied, stoppedAtRoundBound: this.fixRoundBound },
      failures: [...this.failures.values()].map(f => ({ ...f, counterexample: f.counterexample.slice(0, 2000) })),
      slowest: this.slowest.map(s => ({ ms: s.ms, kind: s.kind, length: s.text.length })),
    };
  }
}
