import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'inline-ignore-pragma';

describe(ID, () => {
  it('reports hadolint and layerwise pragmas that ignore rules for the next instruction, on the comment', () => {
    assert.deepEqual(lines(check(ID, '# hadolint ignore=DL3003\nRUN foo bar\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM debian\n  # layerwise ignore=apt-update-alone, DL3008\nRUN apt-get update\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM debian\n# hadolint ignore=DL3008 # pinned by the base image\nRUN apt-get install -y curl\n')), [2]);
    assert.equal(check(ID, 'FROM debian\n# hadolint ignore=DL3008,SC2086\nRUN x\n')[0].severity, 'hint');
  });
  it('leaves global, stage and shell pragmas, other comments and files without pragmas alone', () => {
    assert.deepEqual(check(ID, '# hadolint shell=powershell\nRUN foo bar\n'), []);
    assert.deepEqual(check(ID, '# hadolint shell=powershell # foobar\nFROM ubuntu\n'), []);
    assert.deepEqual(check(ID, '# hadolint global ignore=DL3008\nFROM debian\n'), []);
    assert.deepEqual(check(ID, '# hadolint stage ignore=DL3008\nFROM debian\n'), []);
    assert.deepEqual(check(ID, '# foobar\nRUN foo bar\n'), []);
    assert.deepEqual(check(ID, 'FROM debian\nRUN foo bar\n'), []);
  });
  it('does not read comment lines inside a continued RUN as pragmas', () => {
    assert.deepEqual(check(ID, 'FROM debian\nRUN a \\\n# hadolint ignore=DL3008\n  && b\n'), []);
  });
  it('can itself be switched off file-wide', () => {
    assert.deepEqual(check(ID, '# hadolint global ignore=DL1001\nFROM debian\n# hadolint ignore=DL3008\nRUN x\n'), []);
  });
});
