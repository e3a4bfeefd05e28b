import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'unsigned-packages';
const run = (cmd: string) => check(ID, `FROM debian:12\nRUN ${cmd}\n`);

describe(ID, () => {
  it('finds options and settings that skip signature checks', () => {
    for (const cmd of ['apk add --allow-untrusted /tmp/x.apk', 'apt-get install -y --allow-unauthenticated x', 'apt-get install -y --force-yes x', 'apt-get update --allow-insecure-repositories',
      'apt-get -o APT::Get::AllowUnauthenticated=true install -y x', 'yum install -y --nogpgcheck x', 'dnf install -y --setopt=*.gpgcheck=0 x', 'microdnf --nogpgcheck install x',
      'echo "gpgcheck=0" >> /etc/yum.repos.d/x.repo', 'sed -i "s/gpgcheck=1/gpgcheck=0/" /etc/yum.repos.d/x.repo', 'rpm -ivh --nosignature x.rpm', 'zypper --no-gpg-checks in x',
      'echo "deb [trusted=yes] https://x bookworm main" > /etc/apt/sources.list.d/x.list', 'echo \'APT::Get::AllowUnauthenticated "true";\' > /etc/apt/apt.conf.d/99x', 'GOSUMDB=off go mod download']) {
      assert.equal(run(cmd).length, 1, cmd);
    }
    assert.equal(check(ID, 'FROM d\nRUN cat > /etc/yum.repos.d/x.repo <<EOF\n[x]\nbaseurl=https://x\ngpgcheck=0\nEOF\n').length, 1);
    assert.equal(check(ID, 'FROM golang:1.22\nENV GOSUMDB=off\n').length, 1);
  });
  it('leaves signed setups, local repositories and indexing alone', () => {
    for (const cmd of ['apk add --no-cache x', 'apk index --allow-untrusted -o APKINDEX.tar.gz *.apk', 'echo "repo_gpgcheck=0" >> x.repo', 'echo "gpgcheck=1" >> x.repo',
      'echo "deb [ trusted=yes ] file:///tmp/repo ./" > /etc/apt/sources.list.d/temp.list', 'zypper --gpg-auto-import-keys ref', 'echo "deb [signed-by=/k.gpg] https://x main" > x.list']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('points at the option', () => {
    const [f] = run('yum install -y --nogpgcheck x');
    assert.deepEqual(f.range, { start: { line: 1, character: 19 }, end: { line: 1, character: 31 } });
  });
});
