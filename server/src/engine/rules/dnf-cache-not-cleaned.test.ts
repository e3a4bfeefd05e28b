import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'dnf-cache-not-cleaned';
const run = (cmd: string) => check(ID, `FROM fedora:40\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports installs and upgrades of dnf and microdnf without their own clean all', () => {
    for (const cmd of ['dnf install -y x', 'dnf in -y x', 'microdnf install -y x', 'dnf -y upgrade', 'dnf -y up-min', 'dnf -y rei', 'dnf install -y x && microdnf clean all', 'rm -rf /var/cache/libdnf5 && dnf install -y x']) {
      assert.equal(run(cmd).length, 1, cmd);
    }
  });
  it('accepts clean all of the same tool, removal of an RPM cache folder, and cache mounts', () => {
    for (const cmd of ['dnf install -y x && dnf clean all', 'microdnf install -y x && microdnf clean all', 'dnf install -y x && rm -rf /var/cache/yum/*', 'dnf install -y x && rm -rf /var/cache/libdnf5*', 'notdnf install x', 'dnf5 install -y x && dnf5 clean all']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
    assert.equal(check(ID, 'FROM f\nRUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf install -y x\n').length, 0);
    assert.equal(check(ID, 'FROM f\nRUN --mount=type=cache,target=/root/.cache/libdnf5 dnf install -y x\n').length, 0);
  });
  it('reports one finding per tool in a RUN', () => {
    assert.equal(run('dnf install -y a && microdnf install -y b').length, 2);
  });
  it('appends the clean command of the tool', () => {
    assert.equal(fixOnce(ID, 'FROM f\nRUN microdnf install -y x\n'), 'FROM f\nRUN microdnf install -y x && microdnf clean all\n');
    assert.deepEqual(lines(check(ID, 'FROM f\nONBUILD RUN dnf install -y x\n')), [2]);
    assert.equal(check(ID, 'FROM f\nONBUILD RUN dnf install -y x\n')[0].fixes!()[0].safe, false, 'changes images built from this one');
  });
});
