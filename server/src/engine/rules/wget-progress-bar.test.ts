import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'wget-progress-bar';
const run = (cmd: string, from = 'debian:12') => check(ID, `FROM ${from}\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports wget without a progress, quiet or log option', () => {
    assert.equal(run('wget https://x/y.tgz').length, 1);
    assert.equal(run('wget -O /tmp/y.tgz https://x/y.tgz && tar xf /tmp/y.tgz').length, 1);
  });
  it('accepts --progress, -q, --quiet, -nv, --no-verbose, -o/-a log files', () => {
    for (const cmd of ['wget --progress=dot:giga x', 'wget -q x', 'wget -qO- x', 'wget --quiet x', 'wget -nv x', 'wget --no-verbose x', 'wget -o /tmp/log x', 'wget --output-file=/tmp/log x', 'wget -a /tmp/log x', 'wget --append-output=/tmp/log x', 'curl -fsSLO x']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('fixes with --progress=dot:giga on GNU wget images and -q on Alpine; only offers it on unknown images', () => {
    assert.equal(fixOnce(ID, 'FROM debian:12\nRUN wget x\n'), 'FROM debian:12\nRUN wget --progress=dot:giga x\n');
    assert.equal(fixOnce(ID, 'FROM alpine:3.20\nRUN wget x\n'), 'FROM alpine:3.20\nRUN wget -q x\n');
    assert.equal(run('wget x', 'debian:12')[0].fixes!()[0].safe, true);
    assert.equal(run('wget x', 'example.com/custom:1')[0].fixes!()[0].safe, false);
  });
});
