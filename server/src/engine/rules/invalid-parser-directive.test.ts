import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-parser-directive';

describe(ID, () => {
  it('reports duplicate directives, bad escapes and invalid check options at the directive', () => {
    assert.deepEqual(lines(check(ID, '# syntax=a\n# escape=`\n# syntax=b\nFROM x\n')), [3]);
    assert.deepEqual(lines(check(ID, '# escape=x\nFROM x\n')), [1]);
    assert.match(check(ID, '# check=skip=all;foo=bar\nFROM x\n')[0].message, /invalid check option "foo"/);
  });
  it('ignores directive-looking comments after the top block', () => {
    assert.deepEqual(lines(check(ID, '# hello\n# escape=x\nFROM x\n# check=nonsense\n')), []);
  });
});
