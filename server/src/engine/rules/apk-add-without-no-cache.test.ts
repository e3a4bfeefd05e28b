import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'apk-add-without-no-cache';
const run = (cmd: string, mount = '') => check(ID, `FROM alpine:3.20\nRUN ${mount}${cmd}\n`);

describe(ID, () => {
  it('reports apk add and apk upgrade without --no-cache', () => {
    assert.equal(run('apk add flex=2.6.4-r1').length, 1);
    assert.equal(run('apk update && apk upgrade').length, 1);
    assert.equal(run('apk add -U curl', '--mount=type=cache,target=/var/cache/foo ').length, 1);
  });
  it('accepts --no-cache (before or after add), --no-network, cache and tmpfs mounts, and removing the cache afterwards', () => {
    for (const cmd of ['apk add --no-cache x', 'apk --no-cache add x', 'apk add --no-network --virtual .deps $deps', 'apk update && apk add x && rm -rf /var/cache/apk/*', 'apk del x', 'apk info']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
    assert.equal(run('apk add -U curl', '--mount=type=cache,target=/var/cache/apk ').length, 0);
    assert.equal(run('apk add -U curl', '--mount=type=tmpfs,target=/var/cache/apk ').length, 0);
  });
  it('is a hint in a stage that is not shipped', () => {
    assert.deepEqual(check(ID, 'FROM alpine AS b\nRUN apk add gcc\nFROM alpine\nCOPY --from=b /x /x\n').map(f => f.severity), ['hint']);
  });
  it('inserts --no-cache after add, safely', () => {
    assert.equal(fixOnce(ID, 'FROM a\nRUN apk add curl\n'), 'FROM a\nRUN apk add --no-cache curl\n');
    assert.equal(fixOnce(ID, 'FROM a\nRUN ["apk", "add", "curl"]\n'), 'FROM a\nRUN ["apk", "add", "--no-cache", "curl"]\n');
  });
});
