import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'reserved-stage-name';

describe(ID, () => {
  it('reports stages named scratch or context, in any case', () => {
    assert.deepEqual(lines(check(ID, 'FROM foo:bar AS scratch\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM foo:bar AS context\n')), [1]);
    assert.deepEqual(lines(check(ID, '\nFROM scratch AS scratch\nFROM scratch AS Context\n')), [2, 3]);
  });
  it('is quiet for other names and unnamed stages', () => {
    assert.deepEqual(check(ID, 'FROM foo:bar AS foobar\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch\nFROM scratch AS a\n'), []);
  });
});
