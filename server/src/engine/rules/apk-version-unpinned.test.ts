import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'apk-version-unpinned';
const run = (cmd: string, pre = '') => check(ID, `FROM alpine:3.20\n${pre}RUN ${cmd}\n`);

describe(ID, () => {
  it('reports unpinned packages as a hint, listing them', () => {
    const [f] = run('apk add --no-cache curl=8.5.0-r0 git libffi');
    assert.equal(f.severity, 'hint');
    assert.match(f.message, /`git` and `libffi`/);
  });
  it('accepts =, ~, <, > constraints and .apk files; option values are not packages', () => {
    for (const cmd of ['apk add "flex>=2.6" "libffi~3.2" git=~2.52 x~=1', 'apk add x.apk', 'apk add --virtual .build-deps gcc=13.2.1-r0', 'apk add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0', 'apk add -t deps a=1']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('does not guess packages from variables the Dockerfile never sets', () => {
    assert.equal(run('apk add --virtual .phpize-deps $PHPIZE_DEPS').length, 0);
    assert.equal(run('apk add $DEPS', 'ARG DEPS="curl git=2"\n').length, 1);
  });
  it('reads continuations and ONBUILD', () => {
    assert.deepEqual(lines(check(ID, 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    flex=2.6.4-r1 \\\n    libffi\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM alpine:3.20\nONBUILD RUN apk add flex\n')), [2]);
  });
});
