import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'pointless-command-in-run';
const sev = (text: string) => check(ID, text).map(f => `${f.range.start.line + 1}:${f.severity}`);

describe(ID, () => {
  it('reports commands that make no sense in a build, also in ONBUILD triggers', () => {
    for (const c of ['top', 'ps aux', 'free -m', 'vim /etc/hosts', 'ssh host', 'shutdown -h now', 'mount /dev/sda1 /mnt', 'ifconfig eth0', 'sudo service nginx status']) {
      assert.deepEqual(lines(check(ID, `FROM debian\nRUN ${c}\n`)), [2], c);
    }
    assert.deepEqual(lines(check(ID, 'FROM debian\nONBUILD RUN top\n')), [2]);
    assert.deepEqual(lines(check(ID, 'RUN top\n')), [1], 'without FROM');
  });
  it('ignores package names and look-alike words', () => {
    assert.deepEqual(check(ID, 'FROM debian\nRUN apt-get install ssh vim procps\n'), []);
    assert.deepEqual(check(ID, 'FROM debian\nONBUILD RUN apt-get install ssh\n'), []);
    assert.deepEqual(check(ID, 'FROM debian\nRUN echo top && ssh-keyscan github.com >> /root/.ssh/known_hosts\n'), []);
  });
  it('warns when a RUN ends by starting a service; start-use-stop set-up is only a hint', () => {
    assert.deepEqual(sev('FROM debian\nRUN service nginx start\n'), ['2:warning']);
    assert.deepEqual(sev('FROM debian\nRUN apt-get install -y mysql-server && service mysql restart\n'), ['2:warning']);
    assert.deepEqual(sev('FROM debian\nRUN service mysql start && mysql < /init.sql && service mysql stop\n'), ['2:hint', '2:hint']);
    assert.deepEqual(sev('FROM debian\nRUN mysqld & sleep 5 && mysql < /init.sql && kill %1\n'), ['2:hint']);
    assert.deepEqual(sev('FROM debian\nRUN top -b -n 1\n'), ['2:info']);
  });
});
