import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'yum-cache-not-cleaned';
const run = (cmd: string) => check(ID, `FROM centos:7\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports an install without yum clean all after it', () => {
    const [f] = run('yum install -y mariadb-10.4');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /`&& yum clean all`/);
    assert.equal(run('yum clean all && yum install -y x').length, 1, 'cleaned before, not after');
    assert.equal(run('yum install -y a && yum clean all && yum install -y b').length, 1, 'the last install must be cleaned (deviation)');
    assert.equal(run('yum -y update').length, 1);
  });
  it('accepts clean all, removing the cache folder, and a cache mount', () => {
    for (const cmd of ['yum install -y x && yum clean all', 'yum install -y x && rm -rf /var/cache/yum/*', 'yum install -y x && rm -rf /var/cache/yum', 'yum install -y x; rm -rf /var/cache/*', 'bash -c `# not even a yum command`']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
    assert.equal(check(ID, 'FROM c\nRUN --mount=type=cache,target=/var/cache/yum yum install -y x\n').length, 0);
    assert.equal(run('yum install -y x && rm -rf /tmp/*').length, 1, 'any rm -rf is not a cleanup (deviation)');
  });
  it('is a hint in a stage that is not shipped', () => {
    assert.deepEqual(check(ID, 'FROM c AS build\nRUN yum install -y gcc\nFROM c\nCOPY --from=build /x /x\n').map(f => f.severity), ['hint']);
  });
  it('appends yum clean all; safe unless a later RUN uses yum again', () => {
    assert.equal(fixOnce(ID, 'FROM c\nRUN yum install -y x\n'), 'FROM c\nRUN yum install -y x && yum clean all\n');
    assert.equal(check(ID, 'FROM c\nRUN yum install -y x\n')[0].fixes!()[0].safe, true);
    assert.equal(check(ID, 'FROM c\nRUN yum install -y x\nRUN yum install -y y && yum clean all\n')[0].fixes!()[0].safe, false);
    assert.equal(fixOnce(ID, 'FROM c\nRUN <<EOF\nyum install -y x\nEOF\n'), 'FROM c\nRUN <<EOF\nyum install -y x\nyum clean all\nEOF\n');
  });
});
