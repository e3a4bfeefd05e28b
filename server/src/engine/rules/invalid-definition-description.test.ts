import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-definition-description';
const ON = '# check=experimental=InvalidDefinitionDescription\n';

describe(ID, () => {
  it('is off unless the check directive enables it', () => {
    assert.deepEqual(check(ID, '# bar this is the bar\nARG foo=bar\nFROM scratch\n'), []);
  });
  it('checks the last comment above ARGs and named stages (BuildKit\'s test case)', () => {
    const text = ON + '# bar this is the bar\nARG foo=bar\n# BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\nARG version=latest\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n';
    const found = check(ID, text);
    assert.deepEqual(lines(found), [3, 5, 7, 9]);
    assert.match(found[1].message, /# base <description>/);
    assert.match(found[3].message, /# <arg_key> <description>/);
  });
  it('accepts matching comments, any key of a multi-ARG, and comments cut off by #', () => {
    const text = ON + '# foo this is the foo\nARG foo=bar\n# base the base image\nFROM scratch AS base\n# baz this is the baz\nARG foo=baz bar=qux baz=quux\n# unrelated\n#\nARG bit=bat\n# a COPY comment\nCOPY a /b\n';
    assert.deepEqual(lines(check(ID, text)), []);
  });
});
