import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'redundant-target-platform';

describe(ID, () => {
  it('reports --platform=$TARGETPLATFORM in either spelling', () => {
    assert.deepEqual(lines(check(ID, 'FROM --platform=$TARGETPLATFORM alpine:3.24\n')), [1]);
    assert.deepEqual(lines(check(ID, '\nFROM --platform=${TARGETPLATFORM} scratch\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM --platform="$TARGETPLATFORM" scratch\n')), [1]);
  });
  it('is quiet for other platforms, and when TARGETPLATFORM has a default of its own', () => {
    for (const p of ['$FOOBAR', 'foobar', 'foobar/arm64', '$BUILDPLATFORM']) assert.deepEqual(check(ID, `FROM --platform=${p} alpine:3.24\n`), [], p);
    assert.deepEqual(check(ID, 'FROM alpine:3.24\n'), []);
    assert.deepEqual(check(ID, 'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine\n'), []);
    assert.deepEqual(check(ID, '# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM scratch\n'), []);
  });
  it('removes the flag safely', () => {
    assert.equal(fixOnce(ID, 'FROM --platform=$TARGETPLATFORM alpine:3.24 AS a\n'), 'FROM alpine:3.24 AS a\n');
    assert.equal(check(ID, 'FROM --platform=$TARGETPLATFORM alpine\n')[0].fixes!()[0].safe, true);
  });
});
