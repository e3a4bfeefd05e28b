// Every real-world Dockerfile in the shared corpus is analysed without a crash and
// every safe fix leaves text that still parses into the same stages.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix';

/** The corpus lives outside the project; CI has it beside the clone. */
export const CORPUS = process.env.LAYERWISE_CORPUS ?? path.resolve(__dirname, '../../../shared/corpus/realworld');

describe('real-world corpus', () => {
  it(`is present (${CORPUS}; set LAYERWISE_CORPUS to point elsewhere)`, () => {
    assert.ok(fs.existsSync(CORPUS), `corpus folder not found: ${CORPUS}`);
  });
  const files = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter(f => /dockerfile$|^(Docker|Container)file/i.test(f)).sort() : [];
  for (const file of files) {
    it(`analyses ${file} without rule failures, and fix-all keeps it parseable`, () => {
      const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      const result = analyze(text);
      assert.deepEqual(result.failures.map(f => `${f.ruleId}: ${f.error.message}`), []);
      const fixed = fixAll(text);
      const again = analyze(fixed.text);
      assert.deepEqual(again.failures, []);
      assert.equal(again.model.stages.length, result.model.stages.length, 'fixes must not change the stage structure');
    });
  }
});
