import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'from-as-casing';

describe(ID, () => {
  it('compares AS with a FROM written in one case only', () => {
    assert.deepEqual(lines(check(ID, 'FROM scratch as a\nfrom scratch AS b\nfrom scratch as c\nFrom scratch as d\nFROM scratch AS e\n')), [1, 2]);
  });
  it('quotes BuildKit\'s message and fixes the AS', () => {
    assert.match(check(ID, 'from scratch AS base\n')[0].message, /^'AS' and 'from' keywords' casing do not match/);
    assert.equal(fixOnce(ID, 'FROM scratch as base\n'), 'FROM scratch AS base\n');
  });
});
