import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'dnf-without-yes';
const run = (cmd: string) => check(ID, `FROM fedora:40\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports dnf, microdnf, dnf5 and tdnf without -y', () => {
    for (const cmd of ['dnf install httpd && dnf clean all', 'microdnf install httpd', 'dnf5 in x', 'tdnf install x', 'dnf upgrade', 'dnf group install "Development Tools"']) assert.equal(run(cmd).length, 1, cmd);
  });
  it('accepts -y and --assumeyes, and ignores other programs and read-only subcommands', () => {
    for (const cmd of ['dnf install -y x', 'microdnf -y install x', 'dnf --assumeyes upgrade', 'notdnf install httpd', 'dnf clean all', 'dnf makecache', 'dnf list installed', 'yum install x']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('adds -y safely', () => {
    assert.equal(fixOnce(ID, 'FROM f\nRUN microdnf install httpd\n'), 'FROM f\nRUN microdnf install -y httpd\n');
  });
});
