import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'ssh-port-exposed';

describe(ID, () => {
  it('reports 22, 22/tcp, ranges that include 22 and variables that resolve to 22', () => {
    const found = check(ID, 'FROM d\nARG SSH=22\nEXPOSE 80 22 22/tcp 20-25 $SSH 22/udp 2222\n');
    assert.equal(found.length, 4);
    assert.deepEqual(found[0].range, { start: { line: 2, character: 10 }, end: { line: 2, character: 12 } });
  });
  it('ignores stages that are only copied from, and checks ONBUILD EXPOSE', () => {
    assert.equal(check(ID, 'FROM d AS build\nEXPOSE 22\nFROM d\nCOPY --from=build /x /x\n').length, 0);
    assert.equal(check(ID, 'FROM d AS base\nEXPOSE 22\nFROM base\n').length, 1);
    assert.match(check(ID, 'FROM d\nONBUILD EXPOSE 22\n')[0].message, /every image built from this one/);
  });
});
