import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'instruction-before-from';

describe(ID, () => {
  it('reports the first instruction other than ARG before the first FROM', () => {
    assert.deepEqual(lines(check(ID, 'LABEL foo=bar\nFROM foo\n')), [1]);
    assert.deepEqual(lines(check(ID, 'ARG A=1\nENV B=2\nRUN x\nFROM foo\n')), [2]);
    assert.equal(check(ID, 'LABEL foo=bar\nFROM foo\n')[0].severity, 'error');
  });
  it('reports a file without FROM once', () => {
    const found = check(ID, 'RUN a\nRUN b\n');
    assert.deepEqual(lines(found), [1]);
    assert.match(found[0].message, /no FROM/);
  });
  it('accepts ARG, comments and directives before FROM', () => {
    assert.deepEqual(check(ID, 'FROM foo\nLABEL foo=bar\n'), []);
    assert.deepEqual(check(ID, 'ARG A=B\nFROM foo\nLABEL foo=bar\n'), []);
    assert.deepEqual(check(ID, '# syntax = docker/dockerfile:1.0-experimental\nFROM node:16-alpine3.13\n'), []);
    assert.deepEqual(check(ID, 'FROM foo\nARG A=B\nRUN echo bla\n'), []);
    assert.deepEqual(check(ID, ''), []);
  });
});
