// The short fuzz campaign of npm test (the long one is `npm run fuzz`): a fixed seed, so a
// failure reproduces by rerunning, and a random seed, printed, so every run also explores.
// Properties (test/fuzz/properties.ts): no exception and no rule failure, well-formed ranges,
// fix-all output that parses and is a fixed point of fix-all. Speed is reported, not asserted
// by wall clock, except for a generous bound that only a hang would cross.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import { fuzzInput, type InputKind } from '../fuzz/inputs';
import { checkEngineProperties } from '../fuzz/properties';
import { loadSeeds } from '../fuzz/seeds';

const FIXED_SEED = 20261122;
const RANDOM_SEED = Number(process.env.LAYERWISE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** The budget the issue sets for one analysis; inputs over it are counted and reported. */
const BUDGET_MS = 100;
/** Fails the test: no input of these sizes takes this long on any machine unless the engine hangs. */
const HANG_MS = 5000;

const seeds = loadSeeds();

function campaign(t: TestContext, kinds: InputKind[], seed: number, numRuns: number): void {
  let overBudget = 0, slowest = 0, fixed = 0;
  fc.assert(fc.property(fuzzInput(seeds.all, kinds), input => {
    const timings = checkEngineProperties(input.text);
    if (timings.analyzeMs > HANG_MS) throw new Error(`analysis took ${timings.analyzeMs.toFixed(0)} ms`);
    if (timings.analyzeMs > BUDGET_MS) overBudget++;
    if (timings.fixesApplied) fixed++;
    slowest = Math.max(slowest, timings.analyzeMs);
  }), { seed, numRuns });
  t.diagnostic(`${kinds.join('+')}: seed ${seed}, ${numRuns} inputs, ${fixed} changed by fix-all, ${overBudget} analyses over ${BUDGET_MS} ms, slowest ${slowest.toFixed(1)} ms`);
}

describe('fuzzing the engine (short campaign)', () => {
  it('has seeds to mutate: every rule example, and the real-world corpus when present', () => {
    assert.ok(seeds.examples.length > 100, `rule examples: ${seeds.examples.length}`);
  });

  it(`random bytes, code units, token soup and deep nesting (seed ${FIXED_SEED})`, t => campaign(t, ['noise'], FIXED_SEED, 1500));
  it(`instruction sequences from the grammar (seed ${FIXED_SEED})`, t => campaign(t, ['grammar'], FIXED_SEED, 600));
  it(`mutated corpus files and rule examples (seed ${FIXED_SEED})`, t => campaign(t, ['mutation'], FIXED_SEED, 300));
  it(`all generators, random seed ${RANDOM_SEED} (rerun with LAYERWISE_FUZZ_SEED=${RANDOM_SEED})`, t => campaign(t, ['noise', 'grammar', 'mutation'], RANDOM_SEED, 300));
});
