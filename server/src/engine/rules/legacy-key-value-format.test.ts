import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'legacy-key-value-format';

describe(ID, () => {
  it('fires on ENV and LABEL in the legacy form, not on ARG (BuildKit does not either)', () => {
    assert.deepEqual(lines(check(ID, 'FROM scratch\nENV testkey value\nLABEL key value\nENV a=b\nARG foo bar\n')), [2, 3]);
  });
  it('quotes values with spaces, and offers no fix when quotes or escapes would change meaning', () => {
    assert.equal(fixOnce(ID, 'FROM scratch\nENV DEPS curl git\n'), 'FROM scratch\nENV DEPS="curl git"\n');
    assert.deepEqual(check(ID, 'FROM scratch\nLABEL maintainer James "j@example.com"\n')[0].fixes!(), []);
    assert.deepEqual(check(ID, 'FROM scratch\nENV DEPS \\\n  curl\n')[0].fixes!(), [], 'multi-line values keep their leading spaces in the legacy form');
  });
});
