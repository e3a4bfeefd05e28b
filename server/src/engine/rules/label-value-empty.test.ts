import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../analyze';
import { parseConfig } from '../config';
import { ruleById } from '.';

const ID = 'label-value-empty';
const run = (text: string, yaml = 'labelSchema:\n  version: semver\n  notes: text\n') =>
  analyze(text, { rules: [ruleById(ID)!], config: parseConfig(yaml, 'test.yaml') }).findings;

describe(ID, () => {
  it('reports empty and blank values of schema labels of any type', () => {
    assert.equal(run('LABEL version=""\n').length, 1);
    assert.equal(run('LABEL notes="   "\n').length, 1);
    assert.equal(run('LABEL version=\n').length, 1);
  });
  it('ignores labels outside the schema, set values and variables', () => {
    assert.deepEqual(run('LABEL other=""\nLABEL version=1.0.0\nLABEL version=$VERSION\n'), []);
  });
  it('points at the quotes of an empty value, or at the key when there is nothing to point at', () => {
    assert.deepEqual(run('LABEL version=""\n')[0].range, { start: { line: 0, character: 14 }, end: { line: 0, character: 16 } });
    assert.deepEqual(run('LABEL version=\n')[0].range, { start: { line: 0, character: 6 }, end: { line: 0, character: 13 } });
  });
  it('mentions the expected format', () => {
    assert.match(run('LABEL version=""\n')[0].message, /semver/);
  });
});
