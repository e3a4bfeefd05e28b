import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../analyze';
import { parseConfig } from '../config';
import { lines } from '../testing';
import { ruleById } from '.';

const ID = 'label-not-in-schema';
const STRICT = 'labelSchema:\n  org.opencontainers.image.source: url\n  maintainer: email\nstrictLabels: true\n';
const run = (text: string, yaml = STRICT) => analyze(text, { rules: [ruleById(ID)!], config: parseConfig(yaml, 'test.yaml') }).findings;

describe(ID, () => {
  it('needs strictLabels', () => {
    assert.deepEqual(run('LABEL other=1\n', 'labelSchema: {a: text}\n'), []);
    assert.deepEqual(run('LABEL other=1\n', 'labelSchema: {a: text}\nstrictLabels: false\n'), []);
  });
  it('reports each key outside the schema at the key', () => {
    const found = run('FROM a\nLABEL maintainer="a@b.c" other="x" build-host=y\n');
    assert.deepEqual(found.map(f => f.message.match(/`([^`]+)`/)![1]), ['other', 'build-host']);
    assert.deepEqual(lines(found), [2, 2]);
  });
  it('suggests the schema key for a near miss', () => {
    assert.match(run('LABEL org.opencontainers.image.sorce=x\n')[0].message, /did you mean `org\.opencontainers\.image\.source`/);
  });
  it('with an empty schema every label is superfluous', () => {
    assert.match(run('LABEL a=1\n', 'strictLabels: true\n')[0].message, /schema is empty/);
  });
  it('is quiet without labels', () => {
    assert.deepEqual(run(''), []);
    assert.deepEqual(run('FROM a\nLABEL maintainer=x\n'), []);
  });
});
