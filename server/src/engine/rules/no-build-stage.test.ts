import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'no-build-stage';

describe(ID, () => {
  it('reports empty files, comment-only files and ARG-only files', () => {
    assert.equal(check(ID, '').length, 1);
    assert.equal(check(ID, '# just a comment\n\n').length, 1);
    assert.equal(check(ID, 'ARG A=1\nARG B\n').length, 1);
  });
  it('leaves other instructions before FROM to instruction-before-from', () => {
    assert.deepEqual(check(ID, 'RUN true\n'), []);
    assert.deepEqual(check(ID, 'ARG A\nFROM a\n'), []);
  });
});
