import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'from-platform-constant';
const at = (text: string) => check(ID, text).map(f => `${f.range.start.line + 1}:${f.range.start.character}-${f.range.end.character}`);

describe(ID, () => {
  it('reports a constant platform, on the flag', () => {
    assert.deepEqual(at('FROM --platform=linux debian:jessie\n'), ['1:5-21']);
    assert.deepEqual(at('\nFROM --platform=linux/amd64 scratch\n'), ['2:5-27']);
    assert.deepEqual(at('FROM --platform="linux/arm64" alpine AS build\n'), ['1:5-29']);
    assert.equal(check(ID, 'FROM --platform=linux/amd64 scratch\n')[0].severity, 'info');
  });
  it('accepts variables and no flag', () => {
    for (const p of ['$BUILDPLATFORM', '"$BUILDPLATFORM"', '${BUILDPLATFORM}', '${BUILDPLATFORM:-}', '"${BUILDPLATFORM:-}"', '$TARGETPLATFORM', '$MYPLATFORM']) {
      assert.deepEqual(check(ID, `FROM --platform=${p} debian:jessie\n`), [], p);
    }
    assert.deepEqual(check(ID, 'FROM debian:jessie\n'), []);
  });
  it('accepts stages named after their platform, as BuildKit', () => {
    assert.deepEqual(check(ID, 'FROM --platform=linux/amd64 scratch AS my_amd64_stage\n'), []);
    assert.deepEqual(check(ID, 'FROM --platform=linux/amd64 scratch AS linux\n'), []);
  });
});
