/**
 * Item 2: engine throughput over the real-world corpus, measured in one run against
 *   - the floor: a bare dockerfile-ast parse of the same text, and
 *   - the peer: dockerfile-utils' validate() (the rcjsuen validator Container Tools uses).
 * Runs the engine's sources through tsx (15-30% slower than the esbuild bundle, see
 * docs/performance.md). Standalone: `npm run bench:engine -- [corpus-dir] [--per-file]`.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { analyze } from '../../server/src/engine/analyze';
import { DiskBuildContext } from '../../server/src/engine/context';
import { ALL_RULES } from '../../server/src/engine/rules';
import { rulesFromObject } from '../../server/src/engine/config';
import { corpusDir, corpusFiles } from './inputs';
import { everyRuleOn } from './servers';
import { heading, printTable, ratio } from './stats';

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

export interface EngineTotals { files: number; parse: number; engine: number; peer: number }

export const ENGINE_TARGET = 1.5;

export function benchEngine(options: { corpus?: string; perFile?: boolean; quick?: boolean } = {}): EngineTotals {
  heading('2. Engine throughput (whole real-world corpus)');
  const corpus = path.resolve(options.corpus ?? corpusDir());
  const files = corpusFiles(corpus);
  const context = new DiskBuildContext(corpus);
  const config = { rules: rulesFromObject(everyRuleOn(), 'bench settings'), source: 'bench settings' };
  const minMs = options.quick ? 15 : 40;
  const rows = files.map(f => ({
    name: f.name,
    lines: f.lines,
    parse: measure(() => DockerfileParser.parse(f.text), minMs),
    engine: measure(() => analyze(f.text, { buildContext: context, config }), minMs),
    peer: measure(() => validate(f.text), minMs),
  }));

  console.log(`${files.length} files from ${corpus}, ${ALL_RULES.length} rules (all on), engine run from its sources under tsx; time per file = median of 7 batches\n`);
  if (options.perFile) {
    printTable(['file', 'lines', 'ast parse', 'layerwise', 'dockerfile-utils', 'lw / parse', 'lw / dfutils'], rows.map(r => [
      r.name, String(r.lines), r.parse.toFixed(3), r.engine.toFixed(3), r.peer.toFixed(3), ratio(r.engine / r.parse), ratio(r.engine / r.peer),
    ]));
    console.log();
  }
  const sum = (k: 'parse' | 'engine' | 'peer') => rows.reduce((n, r) => n + r[k], 0);
  const totals = { files: files.length, parse: sum('parse'), engine: sum('engine'), peer: sum('peer') };
  printTable(['whole corpus', 'time', 'x bare parse', 'target', 'met'], [
    ['dockerfile-ast parse (floor)', `${totals.parse.toFixed(2)} ms`, '1.00x', '', ''],
    ['layerwise analyse (all rules)', `${totals.engine.toFixed(2)} ms`, ratio(totals.engine / totals.parse), `<= ${ENGINE_TARGET}x`, totals.engine / totals.parse <= ENGINE_TARGET ? 'yes' : 'NO'],
    ['dockerfile-utils validate (peer)', `${totals.peer.toFixed(2)} ms`, ratio(totals.peer / totals.parse), '', ''],
  ]);
  console.log(`\n  layerwise / dockerfile-utils = ${ratio(totals.engine / totals.peer)}`);
  return totals;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  benchEngine({ corpus: args.find(a => !a.startsWith('--')), perFile: args.includes('--per-file') });
}
