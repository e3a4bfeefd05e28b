import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'zypper-dist-upgrade';
const run = (cmd: string) => check(ID, `FROM opensuse/leap:15.6\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports dist-upgrade and dup, as info', () => {
    assert.equal(run('zypper --non-interactive dist-upgrade')[0].severity, 'info');
    assert.equal(run('zypper -n dup && zypper clean').length, 1);
  });
  it('leaves update and patch alone', () => {
    assert.equal(run('zypper -n update && zypper -n patch').length, 0);
  });
});
