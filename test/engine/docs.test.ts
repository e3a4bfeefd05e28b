import assert from 'node:assert/strict';
import { it } from 'node:test';
import { staleFiles } from '../../scripts/generate-docs';

it('generated rule docs, README table and settings schema are current (run `npm run docs`)', () => {
  assert.deepEqual(staleFiles(), []);
});
