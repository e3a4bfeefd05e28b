import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'workdir-relative';

describe(ID, () => {
  it('reports relative paths, quoted or not, when no absolute WORKDIR came before', () => {
    for (const w of ['relative/dir', "'relative/dir'", '"relative/dir"', 'app/', './app']) {
      assert.deepEqual(lines(check(ID, `FROM scratch\nWORKDIR ${w}\n`)), [2], w);
    }
    assert.deepEqual(lines(check(ID, 'WORKDIR relative/dir\n')), [1], 'without FROM too');
  });
  it('accepts absolute Linux and Windows paths and unresolved variables', () => {
    for (const w of ['/usr/local', "'/usr/local'", '"/usr/local"', '${work}', '"${dir}"', '$HOME/app', "'C:\\'", '"C:\\"', 'C:/', '"C:/"', 'c:\\app']) {
      assert.deepEqual(check(ID, `FROM scratch\nWORKDIR ${w}\n`), [], w);
    }
  });
  it('resolves variables whose value the Dockerfile gives', () => {
    assert.deepEqual(lines(check(ID, 'FROM scratch\nARG DIR=app\nWORKDIR $DIR/src\n')), [3]);
    assert.deepEqual(check(ID, 'FROM scratch\nARG DIR=/app\nWORKDIR ${DIR}/src\n'), []);
  });
  it('is quiet after an absolute WORKDIR in the stage or a stage it is built on, as BuildKit', () => {
    assert.deepEqual(check(ID, 'FROM scratch\nWORKDIR /srv\nWORKDIR app\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n'), []);
    assert.deepEqual(lines(check(ID, 'FROM scratch AS a\nWORKDIR /app\nFROM scratch\nWORKDIR subdir/\n')), [4], 'an unrelated stage');
    assert.deepEqual(lines(check(ID, 'FROM node:20\nWORKDIR app\nWORKDIR /srv\n')), [2], 'only WORKDIRs before count');
  });
  it('honours the BuildKit skip directive and both aliases in pragmas', () => {
    assert.deepEqual(check(ID, '# check=skip=WorkdirRelativePath\nFROM scratch\nWORKDIR app/\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch\n# hadolint ignore=DL3000\nWORKDIR app/\n'), []);
  });
  it('makes the path absolute; safe only on scratch, where the base working directory is known', () => {
    assert.equal(fixOnce(ID, 'FROM node:20\nWORKDIR app\n'), 'FROM node:20\nWORKDIR /app\n');
    assert.equal(fixOnce(ID, 'FROM node:20\nWORKDIR "my app"\n'), 'FROM node:20\nWORKDIR "/my app"\n');
    assert.equal(fixOnce(ID, 'FROM node:20\nWORKDIR ./app\n'), 'FROM node:20\nWORKDIR /app\n');
    assert.equal(check(ID, 'FROM node:20\nWORKDIR app\n')[0].fixes!()[0].safe, false);
    assert.equal(check(ID, 'FROM scratch\nWORKDIR app\n')[0].fixes!()[0].safe, true);
  });
});
