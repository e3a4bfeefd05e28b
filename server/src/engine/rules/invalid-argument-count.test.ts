import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-argument-count';

describe(ID, () => {
  it('reports missing or extra arguments', () => {
    const text = 'FROM alpine latest\nFROM alpine AT x\nFROM alpine\nCOPY a\nADD\nWORKDIR\nUSER\nEXPOSE\nVOLUME\nONBUILD\nLABEL\nRUN\nVOLUME [""]\n';
    assert.deepEqual(lines(check(ID, text)), [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });
  it('accepts CMD and ENTRYPOINT without arguments and USER with a space (one argument for BuildKit)', () => {
    assert.deepEqual(lines(check(ID, 'FROM alpine\nCMD\nENTRYPOINT []\nUSER app user\nCOPY a b c\nRUN <<EOF\ntrue\nEOF\n')), []);
  });
});
