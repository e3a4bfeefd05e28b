import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-variable-substitution';

describe(ID, () => {
  it('reports lexer errors in expanded words, at the expression', () => {
    const [f] = check(ID, 'FROM a\nWORKDIR /x/${APP\n');
    assert.equal(f.range.start.line, 1);
    assert.deepEqual(lines(check(ID, 'FROM a\nENV A=${}\nARG V=1\nENV B=${V:=2}\nCOPY "my file" /dst/\nLABEL x=${NOPE?needed}\n')), [2, 4, 5, 6]);
  });
  it('does not report ${NAME?} on a declared ARG (a required build argument), or RUN/CMD text', () => {
    assert.deepEqual(lines(check(ID, 'ARG V\nFROM alpine:${V:?required}\nARG W\nENV X=${W?required}\nRUN echo ${BROKEN\nCMD echo "${ALSO\n')), []);
  });
});
