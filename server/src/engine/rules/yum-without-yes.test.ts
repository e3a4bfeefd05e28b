import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'yum-without-yes';
const run = (cmd: string, pre = '') => check(ID, `FROM centos:7\n${pre}RUN ${cmd}\n`);

describe(ID, () => {
  it('reports yum subcommands that ask first', () => {
    for (const cmd of ['yum install httpd && yum clean all', 'yum groupinstall "Dev Tools"', 'yum localinstall x.rpm', 'yum update', 'yum remove x', 'yum module install nodejs:18']) {
      assert.equal(run(cmd).length, 1, cmd);
    }
  });
  it('accepts -y, --assumeyes, --setopt=assumeyes=1, `yes |` and yum.conf', () => {
    for (const cmd of ['yum install -y x', 'yum -y install x', 'yum --assumeyes install x', 'yum -yq install x', 'yum install --setopt=assumeyes=1 x', 'yes | yum install x', 'yum clean all', 'yum makecache', 'bash -c `# not even a yum command`']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
    assert.equal(run('yum install x', 'RUN echo assumeyes=1 >> /etc/yum.conf\n').length, 0);
  });
  it('is not dnf', () => {
    assert.equal(run('dnf install x').length, 0);
  });
  it('adds -y after the subcommand (after both words for group and module actions)', () => {
    assert.equal(fixOnce(ID, 'FROM c\nRUN yum install httpd\n'), 'FROM c\nRUN yum install -y httpd\n');
    assert.equal(fixOnce(ID, 'FROM c\nRUN yum module install nodejs:18\n'), 'FROM c\nRUN yum module install -y nodejs:18\n');
  });
});
