import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'unknown-instruction';

describe(ID, () => {
  it('reports the keyword with BuildKit\'s suggestion', () => {
    const [f] = check(ID, 'FROM alpine\nRUNN echo hi\n');
    assert.deepEqual(f.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    assert.match(f.message, /Unknown instruction: RUNN \(did you mean RUN\?\)/);
  });
  it('hints at a forgotten continuation, and checks ONBUILD triggers', () => {
    assert.match(check(ID, 'FROM alpine\nRUN apk add curl &&\n    rm -rf /x\n')[0].message, /the rest of the RUN above: end line 2 with `\\`/);
    assert.match(check(ID, 'FROM alpine\nONBUILD FOO bar\n')[0].message, /ONBUILD trigger/);
  });
  it('is quiet on every instruction, in any case, and on heredoc bodies and continuations', () => {
    const all = 'from a\nADD a /b\nARG A\nCMD x\nCOPY a /b\nENTRYPOINT x\nENV A=1\nEXPOSE 80\nHEALTHCHECK NONE\nLABEL a=b\nMAINTAINER me\nONBUILD RUN x\nRUN x \\\n  more\nSHELL ["sh"]\nSTOPSIGNAL TERM\nUSER me\nVOLUME /v\nWORKDIR /w\nRUN <<EOF\nnot an instruction\nEOF\n';
    assert.deepEqual(lines(check(ID, all)), []);
  });
});
