import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'tls-verification-disabled';
const run = (cmd: string) => check(ID, `FROM debian:12\nRUN ${cmd}\n`);

describe(ID, () => {
  it('finds the download options that skip certificate checks', () => {
    for (const cmd of ['curl -k https://x', 'curl -fsSLk https://x', 'curl --insecure https://x', 'wget --no-check-certificate https://x', 'wget --check-certificate=off x', 'wget -e check_certificate=off x',
      'pip install --trusted-host pypi.org flask==3', 'python3 -m pip install --trusted-host=h x==1', 'pip config set global.trusted-host h',
      'npm config set strict-ssl false', 'npm set strict-ssl=false', 'yarn config set strict-ssl false', 'npm install --no-strict-ssl', 'git config --global http.sslVerify false',
      'git -c http.sslVerify=false clone https://x', 'git config --global http.https://x.sslverify 0', 'conda config --set ssl_verify false', 'echo insecure >> ~/.curlrc',
      'apt-get -o Acquire::https::Verify-Peer=false update', 'bash -c "$(curl -k https://x)"']) {
      assert.equal(run(cmd).length, 1, cmd);
    }
  });
  it('finds environment switches on commands, in export, ENV and ARG defaults', () => {
    for (const cmd of ['NODE_TLS_REJECT_UNAUTHORIZED=0 node x.js', 'export GIT_SSL_NO_VERIFY=1 && git clone x', 'env PIP_TRUSTED_HOST=h pip install x==1', 'npm_config_strict_ssl=false npm ci']) {
      assert.equal(run(cmd).length, 1, cmd);
    }
    const found = check(ID, 'FROM d\nENV NODE_TLS_REJECT_UNAUTHORIZED=0 GIT_SSL_NO_VERIFY=false\nARG PIP_TRUSTED_HOST=pypi.org\nARG GIT_SSL_NO_VERIFY\n');
    assert.deepEqual(lines(found), [2, 2, 3]);
    assert.match(found[0].message, /every container/);
    assert.match(found[1].message, /even `false`/);
  });
  it('leaves verifying settings alone', () => {
    for (const cmd of ['curl -fsSL -o f https://x', 'curl -H "k: v" x', 'curl --cacert /ca.pem https://x', 'wget --ca-certificate=/ca.pem x', 'NODE_TLS_REJECT_UNAUTHORIZED=1 node x', 'git config --global http.sslVerify true', 'npm config set strict-ssl true', 'pip install --cert /ca.pem x==1']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
    assert.equal(check(ID, 'FROM d\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n').length, 0);
  });
  it('removes the option as an unsafe fix', () => {
    assert.equal(fixOnce(ID, 'FROM d\nRUN curl -fsSLk -o f https://x\n'), 'FROM d\nRUN curl -fsSL -o f https://x\n');
    assert.equal(fixOnce(ID, 'FROM d\nRUN wget --no-check-certificate https://x\n'), 'FROM d\nRUN wget https://x\n');
    assert.equal(run('curl -k x')[0].fixes!()[0].safe, false);
  });
});
