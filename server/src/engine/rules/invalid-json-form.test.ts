import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-json-form';

describe(ID, () => {
  it('reports arrays with non-strings and SHELL outside JSON form', () => {
    assert.deepEqual(lines(check(ID, 'FROM alpine\nCMD ["sleep", 10]\nENTRYPOINT ["a", ["b"]]\nSHELL /bin/bash -c\nSHELL []\n')), [2, 3, 4, 5]);
  });
  it('leaves text that is not JSON to cmd-shell-form (Docker runs it as a shell command)', () => {
    assert.deepEqual(lines(check(ID, "FROM alpine\nCMD ['sh', '-c', 'x']\nSHELL [\"/bin/sh\", \"-c\"]\n")), []);
  });
});
