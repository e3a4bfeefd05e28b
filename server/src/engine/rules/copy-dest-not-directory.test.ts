import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'copy-dest-not-directory';

describe(ID, () => {
  it('reports several sources copied to a destination without a trailing slash', () => {
    assert.deepEqual(lines(check(ID, 'COPY foo bar baz\n')), [1]);
    assert.deepEqual(lines(check(ID, 'COPY foo bar "baz"\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM x\nCOPY go.mod go.sum .\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM x\nADD a.txt b.txt /srv\n')), [2], 'ADD too');
    assert.deepEqual(lines(check(ID, 'FROM x\nCOPY ["a b", "c", "/d"]\n')), [2], 'JSON form');
    assert.deepEqual(lines(check(ID, 'FROM x\nCOPY --chown=app:app \\\n  a \\\n  b \\\n  /dest\n')), [5], 'on the destination');
  });
  it('accepts one source, trailing slashes and unknown variables', () => {
    for (const args of ['foo bar', 'foo bar baz/', 'foo bar "baz/"', '["a", "b", "/d/"]', 'a b $DEST', 'a b "c:\\dir\\"']) {
      assert.deepEqual(check(ID, `FROM x\nCOPY ${args}\n`), [], args);
    }
  });
  it('checks variables with the value the Dockerfile gives them', () => {
    assert.deepEqual(lines(check(ID, 'FROM x\nARG DEST=/app\nCOPY a b $DEST\n')), [3]);
    assert.deepEqual(check(ID, 'FROM x\nARG DEST=/app/\nCOPY a b $DEST\n'), []);
  });
  it('adds the slash, inside quotes, and marks the fix safe', () => {
    assert.equal(fixOnce(ID, 'FROM x\nCOPY a b /app\n'), 'FROM x\nCOPY a b /app/\n');
    assert.equal(fixOnce(ID, 'FROM x\nCOPY a b "/my app"\n'), 'FROM x\nCOPY a b "/my app/"\n');
    assert.equal(fixOnce(ID, 'FROM x\nCOPY ["a", "b", "/d"]\n'), 'FROM x\nCOPY ["a", "b", "/d/"]\n');
    assert.equal(fixOnce(ID, 'FROM x\nCOPY a b .\n'), 'FROM x\nCOPY a b ./\n');
    assert.equal(check(ID, 'FROM x\nCOPY a b /app\n')[0].fixes!()[0].safe, true);
  });
  it('follows inline and global pragmas', () => {
    assert.deepEqual(check(ID, 'FROM node as foo\n# hadolint ignore=DL3023, DL3021\nCOPY --from=foo bar baz .\n'), []);
    assert.deepEqual(check(ID, '# hadolint global ignore = DL3023 , DL3021\nFROM node as foo\nCOPY --from=foo bar baz .\n'), []);
  });
});
