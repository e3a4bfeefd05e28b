/**
 * Runs the whole engine over a folder of real Dockerfiles: reports crashes (rule failures),
 * the time per file, and the findings per rule, noisiest first.
 *
 *   npm run corpus -- <dir> [--budget-ms 50]
 *
 * Exits 1 when any rule fails on any file. Time is reported, not asserted: a loaded CI
 * machine must not turn a fast engine red. Files over the budget are listed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../server/src/engine/analyze';
import { DiskBuildContext } from '../server/src/engine/context';
import { DockerfileModel } from '../server/src/engine/model';
import type { Severity } from '../server/src/engine/types';

const args = process.argv.slice(2);
const dir = args.find(a => !a.startsWith('--'));
const budgetIndex = args.indexOf('--budget-ms');
const budget = budgetIndex >= 0 ? Number(args[budgetIndex + 1]) : 50;
if (!dir || !fs.existsSync(dir)) {
  console.error('usage: npm run corpus -- <dir-of-Dockerfiles> [--budget-ms 50]');
  process.exit(2);
}

const files = fs.readdirSync(dir).filter(f => /dockerfile$|^(Docker|Container)file/i.test(f)).sort();
const context = new DiskBuildContext(path.resolve(dir));
const perRule = new Map<string, Record<Severity, number>>();
const crashes: string[] = [];
const times: { file: string; ms: number }[] = [];

for (const file of files) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  analyze(new DockerfileModel(text), { buildContext: context }); // warm-up, so the figure is steady-state
  const started = performance.now();
  const result = analyze(new DockerfileModel(text), { buildContext: context });
  times.push({ file, ms: performance.now() - started });
  for (const failure of result.failures) crashes.push(`${file}: ${failure.ruleId}: ${failure.error.message}`);
  for (const f of result.findings) {
    const counts = perRule.get(f.ruleId) ?? { error: 0, warning: 0, info: 0, hint: 0 };
    counts[f.severity]++;
    perRule.set(f.ruleId, counts);
  }
}

const total = (c: Record<Severity, number>) => c.error + c.warning + c.info + c.hint;
console.log(`Findings per rule over ${files.length} files (noisiest first):`);
console.log(`${'rule'.padEnd(36)} ${'total'.padStart(6)} ${'error'.padStart(6)} ${'warn'.padStart(6)} ${'info'.padStart(6)} ${'hint'.padStart(6)}`);
for (const [rule, c] of [...perRule].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]))) {
  console.log(`${rule.padEnd(36)} ${String(total(c)).padStart(6)} ${String(c.error).padStart(6)} ${String(c.warning).padStart(6)} ${String(c.info).padStart(6)} ${String(c.hint).padStart(6)}`);
}
const sorted = [...times].sort((a, b) => b.ms - a.ms);
const median = sorted[sorted.length >> 1]?.ms ?? 0;
console.log(`\nTime per file: median ${median.toFixed(1)} ms, slowest ${sorted[0]?.file} ${sorted[0]?.ms.toFixed(1)} ms`);
const over = sorted.filter(t => t.ms > budget);
if (over.length) console.log(`Over the ${budget} ms budget (measured on this machine, not asserted): ${over.map(t => `${t.file} ${t.ms.toFixed(1)} ms`).join(', ')}`);
if (crashes.length) {
  console.error(`\n${crashes.length} rule failure(s):\n  ${crashes.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nNo rule failures on ${files.length} files.`);
