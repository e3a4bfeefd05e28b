import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'zypper-without-non-interactive';
const run = (cmd: string) => check(ID, `FROM opensuse/leap:15.6\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports subcommands that ask first', () => {
    for (const cmd of ['zypper install httpd', 'zypper in x', 'zypper rm x', 'zypper patch', 'zypper up', 'zypper dup', 'zypper si x']) assert.equal(run(cmd).length, 1, cmd);
  });
  it('accepts -n, --non-interactive, -y and --no-confirm in either position, and `yes |`', () => {
    for (const cmd of ['zypper -n install x', 'zypper --non-interactive in x', 'zypper install -y x', 'zypper install --no-confirm x', 'zypper install -n x', 'yes | zypper install x', 'zypper refresh', 'zypper clean']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('adds --non-interactive after zypper, safely', () => {
    assert.equal(fixOnce(ID, 'FROM o\nRUN zypper install x=1\n'), 'FROM o\nRUN zypper --non-interactive install x=1\n');
    assert.equal(run('zypper in x')[0].fixes!()[0].safe, true);
  });
});
