import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'copy-from-own-stage';

describe(ID, () => {
  it('reports a COPY --from that names its own stage, by name or index', () => {
    assert.deepEqual(lines(check(ID, 'FROM node as foo\nCOPY --from=foo bar .\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM node AS Foo\nCOPY --from=FOO bar .\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM a\nFROM b\nCOPY --from=1 /x /x\n')), [3]);
    assert.deepEqual(lines(check(ID, 'FROM node AS app\nARG SELF=app\nCOPY --from=$SELF /x /y\n')), [3]);
    assert.equal(check(ID, 'FROM node as foo\nCOPY --from=foo bar .\n')[0].severity, 'error');
  });
  it('is quiet for other stages and images', () => {
    assert.deepEqual(check(ID, 'FROM scratch as build\nRUN foo\nFROM node as run\nCOPY --from=build foo .\nRUN baz\n'), []);
    assert.deepEqual(check(ID, 'FROM a\nFROM b\nCOPY --from=0 /x /x\n'), []);
    assert.deepEqual(check(ID, 'FROM node as foo\nCOPY --from=foo:1 bar .\n'), []);
  });
  it('follows inline and global pragmas', () => {
    assert.deepEqual(check(ID, 'FROM node as foo\n# hadolint ignore=DL3023, DL3021\nCOPY --from=foo bar baz .\n'), []);
    assert.deepEqual(check(ID, '# hadolint global ignore = DL3023 , DL3021\nFROM node as foo\nCOPY --from=foo bar baz .\n'), []);
  });
});
