import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'dnf-version-unpinned';
const run = (cmd: string) => check(ID, `FROM fedora:40\nRUN ${cmd}\n`);

describe(ID, () => {
  it('checks dnf, microdnf, dnf5 and tdnf, not yum', () => {
    for (const tool of ['dnf', 'microdnf', 'dnf5', 'tdnf']) assert.match(run(`${tool} install -y tomcat`)[0].message, new RegExp(`\`${tool} install\``), tool);
    assert.equal(run('yum install -y tomcat').length, 0);
  });
  it('reads `in`, module streams and group installs like hadolint', () => {
    assert.equal(run('dnf in -y tomcat').length, 1);
    assert.equal(run('dnf module install -y tomcat:9').length, 0);
    assert.equal(run('dnf -y --setopt=group_package_types="mandatory" group install "Development Tools"').length, 0);
    assert.equal(run('dnf install -y rpm-sign-4.16.1.3').length, 0);
  });
  it('cannot evaluate shell-only expansions, so does not guess', () => {
    assert.equal(check(ID, 'FROM fedora:40\nARG V=12.4\nRUN dnf install -y cuda-toolkit-${V//./-}\n').length, 0);
  });
});
