import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../analyze';
import { parseConfig, parseHadolintConfig } from '../config';
import { ruleById } from '.';

const ID = 'label-value-not-semver';
const run = (text: string, yaml = 'labelSchema:\n  checked: semver\n  free: text\n') =>
  analyze(text, { rules: [ruleById(ID)!], config: parseConfig(yaml, 'test.yaml') }).findings;

describe(ID, () => {
  it('is silent without a schema label of type semver', () => {
    assert.deepEqual(analyze('LABEL checked="v1.2.0"\n', { rules: [ruleById(ID)!] }).findings, []);
    assert.deepEqual(run('LABEL free="v1.2.0"\n'), []);
  });
  it('accepts a valid value and reports an invalid one at the value', () => {
    assert.deepEqual(run('LABEL checked="2.0.1-rc1"\n'), []);
    const [f, ...rest] = run('FROM a\nLABEL other=1 checked="v1.2.0"\n');
    assert.equal(rest.length, 0);
    assert.equal(f.range.start.line, 1);
    assert.equal(f.range.start.character, 'LABEL other=1 checked='.length);
    assert.match(f.message, /drop the/);
    assert.equal(f.severity, 'info');
  });
  it('leaves empty values to label-value-empty and does not judge variables', () => {
    assert.deepEqual(run('LABEL checked=""\nLABEL checked=$VALUE\nLABEL checked="${VALUE}"\n'), []);
  });
  it('reads the schema from .hadolint.yaml spelling too', () => {
    const config = parseHadolintConfig('label-schema:\n  checked: semver\n', '.hadolint.yaml');
    assert.equal(analyze('LABEL checked="v1.2.0"\n', { rules: [ruleById(ID)!], config }).findings.length, 1);
  });
});
