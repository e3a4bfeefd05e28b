import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-copy-from';

describe(ID, () => {
  it('reports later stages, missing indexes and variables', () => {
    assert.deepEqual(lines(check(ID, 'FROM a AS one\nCOPY --from=two /x /y\nCOPY --from=5 /x /y\nCOPY --from=1 /x /y\nARG S=one\nCOPY --from=$S /x /y\nFROM a AS two\n')), [2, 3, 4, 6]);
    assert.match(check(ID, 'FROM a\nCOPY --from=b /x /y\nFROM a AS b\n')[0].message, /defined after this one \(line 3\)/);
  });
  it('accepts earlier stages by name (any case) or index, and images', () => {
    assert.deepEqual(lines(check(ID, 'FROM a AS one\nFROM a\nCOPY --from=ONE /x /y\nCOPY --from=0 /x /y\nCOPY --from=nginx:1.27 /x /y\n')), []);
  });
});
