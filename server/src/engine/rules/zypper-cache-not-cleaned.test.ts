import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'zypper-cache-not-cleaned';
const run = (cmd: string) => check(ID, `FROM opensuse/leap:15.6\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports installs and updates without zypper clean after them', () => {
    for (const cmd of ['zypper install -y x=1', 'zypper clean && zypper install -y x', 'zypper -n up', 'zypper -n patch']) assert.equal(run(cmd).length, 1, cmd);
  });
  it('accepts zypper clean/cc with any options, removing the cache, and cache mounts', () => {
    for (const cmd of ['zypper install -y x && zypper clean', 'zypper in -y x && zypper cc', 'zypper -n in x && zypper clean --all', 'zypper -n in x && rm -rf /var/cache/zypp/*', 'zypper refresh']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
    assert.equal(check(ID, 'FROM o\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y x\n').length, 0);
  });
  it('appends zypper clean --all', () => {
    assert.equal(fixOnce(ID, 'FROM o\nRUN zypper -n in x\n'), 'FROM o\nRUN zypper -n in x && zypper clean --all\n');
  });
});
