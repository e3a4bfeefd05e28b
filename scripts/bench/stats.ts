/** Small statistics and table helpers shared by the benchmark sections. */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Median wall time of `rounds` calls of `run`, after one warm-up call. */
export function medianTime(run: () => unknown, rounds = 15): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export function ms(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}

export function ratio(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)}x` : 'n/a';
}

export function yesNo(met: boolean | undefined): string {
  return met === undefined ? 'n/a' : met ? 'yes' : 'NO';
}

/** Prints rows as an aligned plain-text table, which is also valid Markdown. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}

export function heading(title: string): void {
  console.log(`\n## ${title}\n`);
}
