import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'inconsistent-instruction-casing';

describe(ID, () => {
  it('reports instructions against the majority, ties going to upper case', () => {
    assert.deepEqual(lines(check(ID, 'from scratch\nCOPY a /foo\nCOPY a /bar\nCOPY a /baz\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM scratch\ncopy a /foo\ncopy a /bar\ncopy a /baz\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM scratch\ncopy a /foo\n')), [2]);
    assert.match(check(ID, 'frOM scratch as base\nfrom scratch as base2\n')[0].message, /Command 'frOM' should match the case of the command majority \(lowercase\)/);
  });
  it('ignores ARGs before the first FROM and heredoc bodies', () => {
    assert.deepEqual(lines(check(ID, 'arg A=1\nFROM alpine\nRUN <<EOF\nenv\nEOF\n')), []);
  });
  it('fixes the keyword only', () => {
    assert.equal(fixOnce(ID, 'FROM alpine\nCopy a /b\nRUN true\n'), 'FROM alpine\nCOPY a /b\nRUN true\n');
  });
});
