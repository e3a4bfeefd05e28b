import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'yarn-cache-not-cleaned';
const run = (cmd: string) => check(ID, `FROM node:20\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports yarn, yarn install, yarn add and yarn global add without yarn cache clean after them', () => {
    for (const cmd of ['yarn', 'yarn install --frozen-lockfile', 'yarn add left-pad', 'yarn global add serve', 'yarn cache clean && yarn install']) assert.equal(run(cmd).length, 1, cmd);
  });
  it('accepts yarn cache clean afterwards, cache mounts and removing the cache', () => {
    for (const cmd of ['yarn install && yarn cache clean', 'yarn install && yarn cache clean --force', 'yarn --version', 'yarn build', 'yarn install && rm -rf /usr/local/share/.cache/yarn', 'foo']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
    assert.equal(check(ID, 'FROM n\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install\n').length, 0);
    assert.equal(check(ID, 'FROM n\nRUN --mount=type=cache,target=/var/lib/foo yarn install\n').length, 1);
  });
  it('like hadolint, only checks stages that are shipped, and ONBUILD everywhere', () => {
    assert.equal(check(ID, 'FROM n AS deps\nRUN yarn install\nFROM scratch\nCOPY --from=deps /x /x\n').length, 0);
    assert.deepEqual(lines(check(ID, 'FROM n AS deps\nRUN yarn install\nFROM deps\nRUN echo\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM n AS deps\nONBUILD RUN yarn install\nFROM scratch\n')), [2]);
  });
  it('appends yarn cache clean, always safely', () => {
    assert.equal(fixOnce(ID, 'FROM n\nRUN yarn install\nRUN yarn add x && yarn cache clean\n'), 'FROM n\nRUN yarn install && yarn cache clean\nRUN yarn add x && yarn cache clean\n');
    assert.equal(check(ID, 'FROM n\nRUN yarn install\nRUN yarn add x\n')[0].fixes!()[0].safe, true);
  });
});
