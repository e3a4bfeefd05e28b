import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'expose-invalid-port';
const at = (text: string) => check(ID, text).map(f => `${f.range.start.line + 1}:${f.range.start.character}-${f.range.end.character}`);

describe(ID, () => {
  it('reports ports above 65535, alone or in ranges, on the port itself', () => {
    assert.deepEqual(at('EXPOSE 80000\n'), ['1:7-12']);
    assert.deepEqual(at('FROM x\nEXPOSE 80 40000-80000/tcp\n'), ['2:10-25']);
    assert.deepEqual(at('FROM x\nEXPOSE "65536/udp"\n'), ['2:7-18']);
    assert.equal(check(ID, 'EXPOSE 80000\n')[0].severity, 'error');
  });
  it('accepts valid ports, ranges and variables', () => {
    for (const p of ['60000', '0', '65535/udp', '40000-60000/tcp', '${FOOBAR}', '40000-${FOOBAR}', '$PORT/tcp']) {
      assert.deepEqual(check(ID, `EXPOSE ${p}\n`), [], p);
    }
  });
  it('reports a range that runs backwards', () => {
    assert.match(check(ID, 'FROM x\nEXPOSE 9000-8000\n')[0].message, /8000-9000/);
  });
  it('checks ONBUILD EXPOSE and follows stage ignore pragmas', () => {
    assert.equal(check(ID, 'FROM x\nONBUILD EXPOSE 70000\n').length, 1);
    assert.deepEqual(check(ID, '# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\n'), []);
    assert.equal(check(ID, '# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\nFROM ubuntu\nEXPOSE 80000\n').length, 1);
  });
});
