import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-key-value';

describe(ID, () => {
  it('reports ENV/LABEL without value, pairs without =, and empty names', () => {
    assert.deepEqual(lines(check(ID, 'FROM alpine\nENV DEBUG\nENV A=1 B\nLABEL =x\nARG =y\n')), [2, 3, 4, 5]);
    assert.match(check(ID, 'FROM alpine\nENV A=1 B\n')[0].message, /`B` has no `=`/);
  });
  it('accepts the legacy form, empty values and quoted values with spaces', () => {
    assert.deepEqual(lines(check(ID, 'FROM alpine\nENV A 1 2\nENV B= C="x y" D=\'z w\'\nLABEL a.b=""\n')), []);
  });
});
