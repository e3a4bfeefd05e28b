import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'yum-version-unpinned';
const run = (cmd: string, pre = '') => check(ID, `FROM centos:7\n${pre}RUN ${cmd}\n`);

describe(ID, () => {
  it('reports packages without a version, and modules without a stream', () => {
    assert.match(run('yum install -y tomcat rpm-sign && yum clean all')[0].message, /`tomcat` and `rpm-sign`/);
    assert.match(run('yum module install -y nodejs')[0].message, /stream/);
    assert.equal(run('yum install -y tomcat')[0].severity, 'hint');
  });
  it('accepts name-version (epochs and + included), .rpm files and module streams', () => {
    for (const cmd of ['yum install -y tomcat-9.2', 'yum install -y openssl-1:1.1.1k', 'yum install -y gcc-c++-1.1.1', 'yum install -y https://x/epel-release-latest-7.noarch.rpm', 'yum module install -y nodejs:18']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('leaves groups, capabilities, paths and option values alone', () => {
    for (const cmd of ['yum groupinstall -y "Development Tools"', 'yum install -y @development', 'yum install -y "perl(Data::Dumper)"', 'yum install -y /usr/bin/python3', 'yum install -y --enablerepo epel x-1.0']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('treats a version from a variable set for this step, or an ARG anywhere, as pinned', () => {
    assert.equal(run('yum -y install git-core-${version}', 'ENV version=2.51.0\n').length, 0);
    assert.equal(check(ID, 'FROM a:1 AS build\nARG version=2\nFROM a:1\nRUN yum -y install git-core-${version}\n').length, 0);
    assert.equal(check(ID, 'FROM a:1 AS build\nENV version=2\nFROM a:1\nRUN yum -y install git-core-${version}\n').length, 1, 'ENV of an unrelated stage is empty here');
    assert.equal(check(ID, 'FROM a:1 AS build\nENV version=2\nFROM build\nRUN yum -y install git-core-${version}\n').length, 0);
  });
  it('is not dnf', () => {
    assert.equal(run('dnf install -y tomcat').length, 0);
  });
});
