import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'duplicate-stage-name';
const at = (text: string) => check(ID, text).map(f => `${f.range.start.line + 1}:${f.range.start.character}`);

describe(ID, () => {
  it('reports the later stage that reuses a name, on the name', () => {
    assert.deepEqual(at('FROM node as foo\nRUN something\nFROM scratch as foo\nRUN something\n'), ['3:16']);
    assert.deepEqual(at('\nFROM scratch AS b\nFROM scratch AS b\n'), ['3:16']);
    assert.deepEqual(at('FROM a AS x\nFROM b AS x\nFROM c AS x\n'), ['2:10', '3:10']);
  });
  it('compares names without regard to case, as Docker does', () => {
    assert.deepEqual(at('FROM a AS Build\nFROM b AS build\n'), ['2:10']);
  });
  it('is quiet for unique names', () => {
    assert.deepEqual(check(ID, 'FROM scratch as build\nRUN foo\nFROM node as run\nRUN baz\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch AS b1\nFROM scratch AS b2\nFROM scratch\nFROM scratch\n'), []);
  });
});
