/**
 * Engine throughput over the real-world corpus, measured in one run against
 *   - the floor: a bare dockerfile-ast parse of the same text, and
 *   - the peer: dockerfile-utils' validate() (the rcjsuen validator Container Tools uses).
 * Prints per-file and total figures with ratios. Usage: npm run bench -- [corpus-dir]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { analyze } from '../server/src/engine/analyze';
import { DiskBuildContext } from '../server/src/engine/context';
import { ALL_RULES } from '../server/src/engine/rules';

const corpus = path.resolve(process.argv[2] ?? process.env.LAYERWISE_CORPUS ?? path.join(__dirname, '../../shared/corpus/realworld'));
if (!fs.existsSync(corpus)) {
  console.error(`bench: corpus folder not found: ${corpus} (pass it as an argument)`);
  process.exit(2);
}
const files = fs.readdirSync(corpus).filter(f => /dockerfile$|^(Docker|Container)file/i.test(f)).sort().map(f => ({ name: f, text: fs.readFileSync(path.join(corpus, f), 'utf8') }));
const context = new DiskBuildContext(corpus);

/** Median time per call in ms, over repeated timed batches after a warm-up. */
function measure(fn: () => void, minMs = 40, batches = 7): number {
  for (let i = 0; i < 5; i++) fn();
  let calls = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < calls; i++) fn();
    if (performance.now() - t >= minMs / batches || calls > 1e6) break;
    calls *= 2;
  }
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < calls; i++) fn();
    samples.push((performance.now() - t) / calls);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

const rows = files.map(f => ({
  name: f.name,
  lines: f.text.split('\n').length,
  parse: measure(() => DockerfileParser.parse(f.text)),
  engine: measure(() => analyze(f.text, { buildContext: context })),
  peer: measure(() => validate(f.text)),
}));

const fmt = (ms: number) => ms.toFixed(3).padStart(8);
console.log(`Layerwise engine benchmark — ${files.length} files from ${corpus}, ${ALL_RULES.length} rules, node ${process.version}`);
console.log('time per file in ms (median of 7 batches)\n');
console.log(`${'file'.padEnd(22)} ${'lines'.padStart(6)} ${'ast parse'.padStart(9)} ${'layerwise'.padStart(9)} ${'dfutils'.padStart(9)}  ${'lw/parse'.padStart(8)} ${'lw/dfutils'.padStart(10)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(22)} ${String(r.lines).padStart(6)} ${fmt(r.parse)}  ${fmt(r.engine)}  ${fmt(r.peer)}  ${(r.engine / r.parse).toFixed(2).padStart(7)}x ${(r.engine / r.peer).toFixed(2).padStart(9)}x`);
}
const sum = (k: 'parse' | 'engine' | 'peer') => rows.reduce((n, r) => n + r[k], 0);
const totals = { parse: sum('parse'), engine: sum('engine'), peer: sum('peer') };
console.log('\nwhole corpus');
console.log(`  dockerfile-ast parse (floor)     ${totals.parse.toFixed(2)} ms`);
console.log(`  layerwise analyse (all rules)    ${totals.engine.toFixed(2)} ms   = ${(totals.engine / totals.parse).toFixed(2)} x the bare parse (target <= 1.5)`);
console.log(`  dockerfile-utils validate (peer) ${totals.peer.toFixed(2)} ms   layerwise / peer = ${(totals.engine / totals.peer).toFixed(2)}`);
