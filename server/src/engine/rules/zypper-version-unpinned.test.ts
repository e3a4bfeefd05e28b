import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'zypper-version-unpinned';
const run = (cmd: string) => check(ID, `FROM opensuse/leap:15.6\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports packages without a version', () => {
    assert.match(run('zypper install -y tomcat && zypper clean')[0].message, /`tomcat`/);
    assert.equal(run('zypper -n in tomcat').length, 1);
  });
  it('accepts =, >=, >, <=, < (escaped or quoted) and .rpm files', () => {
    for (const cmd of ['zypper install -y tomcat=9.0.39', 'zypper install -y tomcat\\>=9.0', 'zypper install -y "tomcat<10"', 'zypper install -y tomcat-9.0.39-1.rpm']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('skips patterns and products, and option values', () => {
    assert.equal(run('zypper -n install -t pattern devel_basis').length, 0);
    assert.equal(run('zypper -n install --from repo-oss x=1').length, 0);
  });
});
