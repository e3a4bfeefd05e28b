import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-flag-value';

describe(ID, () => {
  it('checks RUN --mount options the way BuildKit does', () => {
    const bad = ['type=cahce,target=/x', 'type=cache,taget=/x', 'type=secret', 'type=secret,id=a,from=b', 'type=bind,target=/x,size=1m', 'type=bind,target=/x,mode=755', 'type=cache,target=/x,sharing=all', 'type=bind,target=/x,ro=maybe', 'target=/x,from=$STAGE'];
    for (const m of bad) assert.equal(check(ID, `FROM alpine\nRUN --mount=${m} true\n`).length, 1, m);
    const good = ['type=cache,target=/root/.cache,sharing=locked,mode=0755,uid=1000', 'type=secret,id=tok,env=TOKEN,required', 'type=ssh', 'type=tmpfs,target=/t,size=64m', 'target=/src,ro', 'type=bind,from=alpine,source=/etc,target=/e,rw=true'];
    for (const m of good) assert.deepEqual(check(ID, `FROM alpine\nRUN --mount=${m} true\n`), [], m);
  });
  it('checks --network, --security, --chmod, --checksum and FROM --platform', () => {
    assert.deepEqual(lines(check(ID, 'FROM alpine\nRUN --network=bridge true\nRUN --security=privileged true\nCOPY --chmod=999 a /b\nCOPY --chmod=u+x a /b\nADD --checksum=sha256:00 a.tgz /b/\n')), [2, 3, 4, 6]);
    assert.deepEqual(lines(check(ID, 'FROM --platform=linux/amd64/v3/x alpine\n')), [1]);
    assert.deepEqual(lines(check(ID, 'ARG P=linux/arm64\nFROM --platform=$P alpine\nFROM --platform=$TARGETPLATFORM alpine\n')), []);
  });
  it('does not judge values that depend on a build argument without default', () => {
    assert.deepEqual(check(ID, 'ARG P\nFROM --platform=$P alpine\nARG M\nCOPY --chmod=$M a /b\n'), []);
  });
});
