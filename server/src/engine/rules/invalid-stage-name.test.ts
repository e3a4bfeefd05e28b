import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-stage-name';

describe(ID, () => {
  it('reports names that do not start with a letter or hold other symbols, at the name', () => {
    const [f] = check(ID, 'FROM alpine AS 1st\n');
    assert.deepEqual(f.range, { start: { line: 0, character: 15 }, end: { line: 0, character: 18 } });
    assert.deepEqual(lines(check(ID, 'FROM a AS my/stage\nFROM a AS $N\nFROM a AS ok-1.x_y\nFROM a AS Upper\n')), [1, 2]);
  });
});
