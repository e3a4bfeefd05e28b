import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'apt-instead-of-apt-get';
const run = (cmd: string) => check(ID, `FROM ubuntu:24.04\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports every apt command, also behind sudo, and not apt-get, apt-cache or apt-key', () => {
    assert.equal(run('apt update && apt install -y python').length, 2);
    assert.equal(run('sudo apt install -y x').length, 1);
    assert.equal(run('apt-get install -y x && apt-cache policy x && apt-key list').length, 0);
  });
  it('names the replacement, with advice where there is no exact one', () => {
    assert.match(run('apt search curl')[0].message, /`apt-cache search`/);
    assert.match(run('apt full-upgrade -y')[0].message, /`apt-get dist-upgrade`/);
  });
  it('replaces apt with apt-get or apt-cache, as an unsafe fix', () => {
    assert.equal(fixOnce(ID, 'FROM u\nRUN apt install -y x\n'), 'FROM u\nRUN apt-get install -y x\n');
    assert.equal(fixOnce(ID, 'FROM u\nRUN ["/usr/bin/apt", "show", "x"]\n'), 'FROM u\nRUN ["/usr/bin/apt-cache", "show", "x"]\n');
    assert.equal(run('apt install -y x')[0].fixes!()[0].safe, false);
    assert.deepEqual(run('apt upgrade -y')[0].fixes!(), []);
  });
});
