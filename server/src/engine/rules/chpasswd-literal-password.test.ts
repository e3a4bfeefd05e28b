import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'chpasswd-literal-password';
const run = (cmd: string) => check(ID, `FROM debian:12\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports literal passwords piped or passed as a here-string, and never repeats them', () => {
    for (const cmd of ['echo "root:s3cret-Pw" | chpasswd', "echo 'app:s3cret-Pw' | sudo chpasswd", 'printf "app:s3cret-Pw\\n" | chpasswd', 'chpasswd <<< "app:s3cret-Pw"', 'echo s3cret-Pw | passwd --stdin app', 'echo -e "s3cret-Pw\\ns3cret-Pw" | passwd app']) {
      const found = run(cmd);
      assert.equal(found.length, 1, cmd);
      assert.doesNotMatch(found[0].message, /s3cret/, cmd);
    }
    assert.match(run('echo "root:s3cret-Pw" | chpasswd')[0].message, /`root`/);
  });
  it('names every user of a multi-line input and calls a hash a hash', () => {
    assert.match(run('echo -e "a:x1\\nb:x2" | chpasswd')[0].message, /`a`, `b`/);
    assert.match(run("echo 'a:abcdef' | chpasswd --encrypted")[0].message, /password hash/);
  });
  it('leaves passwords from variables, unrelated commands and password removal alone', () => {
    for (const cmd of ['echo "root:$ROOT_PASSWORD" | chpasswd', 'echo root:x; chpasswd', 'passwd -d root', 'passwd -l root', 'chpasswd < /run/secrets/pw', 'echo hello | tee /tmp/x']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
});
