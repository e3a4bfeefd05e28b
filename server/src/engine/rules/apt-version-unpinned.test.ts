import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../analyze';
import { parseConfig } from '../config';
import { check, lines } from '../testing';
import { ruleById } from './index';

const ID = 'apt-version-unpinned';
const run = (cmd: string, pre = '') => check(ID, `FROM debian:12\n${pre}RUN ${cmd}\n`);

describe(ID, () => {
  it('reports unpinned packages once per install, pointing at `apt-get install`, as a hint', () => {
    const [f, ...rest] = run('apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.5-0+deb12u1 wget');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'hint');
    assert.deepEqual(f.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 37 } });
    assert.match(f.message, /`curl` and `wget`/);
  });
  it('accepts versions, wildcards, target releases and .deb files', () => {
    for (const cmd of ['apt-get install -y python=2.7.*', 'apt-get install -y -t bookworm-backports golang=2:1.21~2', 'apt-get install -y golang/bookworm-backports', 'apt-get install -y ./pkg_1.0_amd64.deb', 'apt-get -o Dpkg::Options::=--force-confold install -y x=1']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('also checks apt and sudo apt-get (hadolint checks apt-get only), not aptitude or other subcommands', () => {
    assert.equal(run('apt install -y curl').length, 1);
    assert.equal(run('sudo apt-get install -y curl').length, 1);
    assert.equal(run('aptitude install -y curl').length, 0);
    assert.equal(run('apt-get remove -y curl').length, 0);
  });
  it('follows variables: a version variable pins, a package list is expanded, unknown lists are left alone', () => {
    assert.equal(run('apt-get install -y curl=$CURL_VERSION', 'ARG CURL_VERSION\n').length, 0);
    assert.match(run('apt-get install -y $PKGS', 'ENV PKGS="curl wget=1.21"\n')[0].message, /`curl`;/);
    assert.equal(run('apt-get install -y $PHPIZE_DEPS').length, 0, 'comes from the base image');
    assert.equal(run('apt-get install -y linux-headers-$(uname -r)').length, 0);
  });
  it('sees ONBUILD triggers, heredocs and exec form', () => {
    assert.deepEqual(lines(check(ID, 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n')), [4]);
    assert.equal(check(ID, 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n').length, 1);
  });
  it('raises to the configured severity', () => {
    const found = analyze('FROM debian:12\nRUN apt-get install -y curl\n', { rules: [ruleById(ID)!], config: parseConfig('rules:\n  DL3008: warning\n', 'x.yaml') }).findings;
    assert.equal(found[0].severity, 'warning');
  });
});
