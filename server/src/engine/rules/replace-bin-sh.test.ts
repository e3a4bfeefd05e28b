import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'replace-bin-sh';

describe(ID, () => {
  it('reports ln with /bin/sh as an argument, also in ONBUILD triggers', () => {
    assert.deepEqual(lines(check(ID, 'RUN ln -sfv /bin/bash /bin/sh\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM debian\nRUN apt-get update && ln -sf bash /bin/sh\n')), [2]);
    assert.equal(check(ID, 'FROM debian\nONBUILD RUN ln -sfv /bin/bash /bin/sh\n').length, 1);
  });
  it('ignores other links and other commands mentioning /bin/sh', () => {
    assert.deepEqual(check(ID, 'RUN ln -sf /bin/true /sbin/initctl\n'), []);
    assert.deepEqual(check(ID, 'RUN ln -s foo bar && unrelated && something_with /bin/sh\n'), []);
    assert.deepEqual(check(ID, 'FROM debian\nONBUILD RUN ln -s foo bar && unrelated && something_with /bin/sh\n'), []);
  });
});
