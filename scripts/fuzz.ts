// The long fuzz campaign (issue #7), outside npm test:
//   npm run fuzz -- --runs 1000000 [--seed N] [--kinds mutation,grammar,noise] [--chunk 200]
//                   [--minutes M] [--out test-results/fuzz] [--properties all|analysis]
// Run it in the background at the lowest priority on a shared machine:
//   nice -n 19 npm run fuzz -- --runs 1000000 > fuzz.log 2>&1 &
// The inputs are checked in chunks, each an fc.check with seed+chunk, so one failure is shrunk
// and recorded and the campaign goes on. Prints progress, then the counts, the distribution of
// analysis times, the slowest inputs (timed again, best of three, to tell a slow input from a
// busy machine) and each distinct failure with its shrunk counterexample and how to replay it:
//   npm run fuzz -- --seed <chunk seed> --runs <chunk runs> --path <path>
// Writes summary.json, slow-N.dockerfile and failure-N.txt to --out. Exit code 1 on any failure.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze } from '../server/src/engine/analyze';
import { fuzzInput, INPUT_KINDS, type FuzzInput, type InputKind } from '../test/fuzz/inputs';
import { checkEngineProperties, type EngineTimings, type PropertySet } from '../test/fuzz/properties';
import { loadSeeds } from '../test/fuzz/seeds';
import { CampaignStats } from '../test/fuzz/stats';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const runs = Number(option('runs') ?? 1_000_000);
const baseSeed = Number(option('seed') ?? Math.floor(Math.random() * 2 ** 31));
const chunk = Number(option('chunk') ?? 200);
const replayPath = option('path');
const minutes = Number(option('minutes') ?? Infinity);
// `analysis` checks only that the engine answers (cheap enough for a million inputs); `all` adds fix-all and formatting.
const properties = (option('properties') ?? 'all') as PropertySet;
if (properties !== 'all' && properties !== 'analysis') throw new Error(`--properties must be all or analysis, not ${properties}`);
const kinds = (option('kinds')?.split(',') ?? INPUT_KINDS) as InputKind[];
const outDir = path.resolve(option('out') ?? path.join(__dirname, '..', 'test-results', 'fuzz'));
for (const k of kinds) if (!INPUT_KINDS.includes(k)) throw new Error(`unknown kind ${k}; use ${INPUT_KINDS.join(', ')}`);

const seeds = loadSeeds();
const arbitrary = fuzzInput(seeds.all, kinds);
const stats = new CampaignStats();
fs.mkdirSync(outDir, { recursive: true });
const started = Date.now();
let stopRequested = false;

/** Runs one chunk; inputs of the generation phase are recorded, shrinking runs are not. */
function runChunk(seed: number, numRuns: number, replay?: string): void {
  const pending: { input: FuzzInput; timings: EngineTimings }[] = [];
  let shrinking = false;
  const property = fc.property(arbitrary, input => {
    if (shrinking) { checkEngineProperties(input.text, properties); return; }
    try {
      pending.push({ input, timings: checkEngineProperties(input.text, properties) });
    } catch (e) {
      shrinking = true;
      pending.push({ input, timings: { analyzeMs: 0, fixMs: 0, fixesApplied: 0, fixRoundBound: false, formatMs: 0 } });
      throw e;
    }
  });
  const details = fc.check(property, { seed, numRuns, path: replay, verbose: fc.VerbosityLevel.None });
  for (const p of pending) stats.record(p.input.kind, p.input.text, p.timings);
  if (!details.failed) return;
  const [counterexample] = (details.counterexample ?? [{ kind: 'noise', text: '' }]) as [FuzzInput];
  const error = details.errorInstance as Error | undefined;
  const record = stats.recordFailure({
    message: error?.message ?? String(details.errorInstance),
    seed, path: details.counterexamplePath ?? undefined, runs: numRuns,
    counterexample: counterexample.text,
  });
  if (record.count === 1) {
    const n = stats.failures.size;
    fs.writeFileSync(path.join(outDir, `failure-${n}.txt`), [
      `message: ${record.message}`,
      `replay: npm run fuzz -- --seed ${seed} --runs ${numRuns} --path ${record.path}`,
      `kind: ${counterexample.kind}`,
      `counterexample (JSON string): ${JSON.stringify(counterexample.text)}`,
      '', `stack: ${error?.stack ?? ''}`,
    ].join('\n'));
    console.log(`\nFAILURE ${n}: ${record.message.split('\n')[0]}\n  counterexample: ${JSON.stringify(counterexample.text).slice(0, 600)}\n  replay: npm run fuzz -- --seed ${seed} --runs ${numRuns} --path ${record.path}`);
  }
}

function progress(): void {
  const s = (Date.now() - started) / 1000;
  console.log(`[${s.toFixed(0)}s] ${stats.runs} inputs (${(stats.runs / s).toFixed(1)}/s), ${stats.failures.size} distinct failures (${[...stats.failures.values()].reduce((a, f) => a + f.count, 0)} failing chunks), ${stats.overBudget} over ${stats.budgetMs} ms, slowest ${stats.slowest[0]?.ms.toFixed(1) ?? '-'} ms`);
}

function bestOfThree(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    analyze(text);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function finish(): never {
  progress();
  const summary = stats.summary();
  const slowest = stats.slowest.map((s, i) => {
    fs.writeFileSync(path.join(outDir, `slow-${i + 1}.dockerfile`), s.text);
    return { ...s, retimedMs: bestOfThree(s.text) };
  });
  summary.slowest = slowest.map(s => ({ ms: +s.ms.toFixed(1), retimedMs: +s.retimedMs.toFixed(1), kind: s.kind, length: s.text.length, lines: s.text.split(/\r\n|\r|\n/).length }));
  summary.seed = baseSeed;
  summary.seconds = (Date.now() - started) / 1000;
  summary.seeds = { corpus: seeds.corpus.length, ruleExamples: seeds.examples.length };
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2));
  const a = summary.analyzeMs as Record<string, number | string>;
  console.log(`\nFuzz campaign: seed ${baseSeed}, ${stats.runs} inputs in ${(summary.seconds as number).toFixed(0)} s (${JSON.stringify(summary.byKind)})`);
  console.log(`seeds: ${seeds.corpus.length} corpus files, ${seeds.examples.length} rule examples`);
  console.log(`analysis time: mean ${(+a.mean).toFixed(2)} ms, p50 ${(+a.p50).toFixed(2)}, p90 ${(+a.p90).toFixed(2)}, p99 ${(+a.p99).toFixed(2)}, p99.9 ${(+a.p999).toFixed(2)}, max ${(+a.max).toFixed(1)}`);
  console.log(`  ${a.histogram}`);
  console.log(`over ${stats.budgetMs} ms: ${stats.overBudget}; slowest retimed (best of 3, ms): ${slowest.map(s => `${s.retimedMs.toFixed(1)} [${s.kind}, ${s.text.length} chars]`).join(', ')}`);
  console.log(`fix-all: ${stats.inputsFixed} inputs fixed, ${stats.fixesApplied} fixes applied, ${stats.fixRoundBound} stopped at the round bound, mean ${(stats.totalFixMs / Math.max(1, stats.runs)).toFixed(2)} ms per input`);
  console.log(`formatting (two styles, twice each): mean ${(stats.totalFormatMs / Math.max(1, stats.runs)).toFixed(2)} ms per input`);
  console.log(`failures: ${stats.failures.size} distinct`);
  for (const f of stats.failures.values()) console.log(`  x${f.count} ${f.message.split('\n')[0].slice(0, 300)}\n     replay: npm run fuzz -- --seed ${f.seed} --runs ${f.runs} --path ${f.path}`);
  console.log(`details: ${path.relative(process.cwd(), outDir)}/summary.json`);
  process.exit(stats.failures.size ? 1 : 0);
}

process.on('SIGINT', () => { stopRequested = true; });
process.on('SIGTERM', () => { stopRequested = true; });

async function main(): Promise<never> {
  if (replayPath !== undefined) {
    runChunk(baseSeed, runs, replayPath);
    finish();
  }
  console.log(`fuzzing ${runs} inputs (${kinds.join(", ")}; properties: ${properties}), seed ${baseSeed}, chunks of ${chunk}; ${seeds.corpus.length} corpus files and ${seeds.examples.length} rule examples as seeds`);
  let lastReport = Date.now();
  let lastSave = Date.now();
  for (let i = 0; stats.runs < runs && !stopRequested; i++) {
    if ((Date.now() - started) / 60_000 > minutes) break;
    runChunk((baseSeed + i) | 0, Math.min(chunk, runs - stats.runs));
    if (Date.now() - lastReport > 30_000) { progress(); lastReport = Date.now(); }
    if (Date.now() - lastSave > 120_000) {
      fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify({ ...stats.summary(), seed: baseSeed, inProgress: true }, null, 2));
      lastSave = Date.now();
    }
    // Lets SIGINT/SIGTERM through: the campaign then stops after this chunk and reports.
    await new Promise(resolve => setImmediate(resolve));
  }
  finish();
}

void main();
