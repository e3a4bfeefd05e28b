import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-stop-signal';

describe(ID, () => {
  it('accepts signal names with or without SIG, in any case, and numbers', () => {
    assert.deepEqual(lines(check(ID, 'FROM a\nSTOPSIGNAL SIGTERM\nSTOPSIGNAL quit\nSTOPSIGNAL 9\nSTOPSIGNAL SIGRTMAX-2\nARG S=SIGINT\nSTOPSIGNAL $S\n')), []);
  });
  it('reports what is not a signal, after substitution', () => {
    assert.deepEqual(lines(check(ID, 'FROM a\nSTOPSIGNAL SIGTREM\nSTOPSIGNAL 0\nARG S=nope\nSTOPSIGNAL $S\n')), [2, 3, 5]);
  });
});
