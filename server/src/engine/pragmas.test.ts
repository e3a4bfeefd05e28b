import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyze';
import { DockerfileModel } from './model';
import { readSuppressions } from './pragmas';
import { ruleById } from './rules';

const latest = ruleById('base-image-latest')!;
/** 1-based lines where base-image-latest still fires. */
const firing = (text: string) => analyze(text, { rules: [latest] }).findings.map(f => f.range.start.line + 1);

describe('stage pragmas', () => {
  it('above a FROM: the whole stage, FROM line included, and not the next stage', () => {
    for (const tool of ['hadolint', 'layerwise']) {
      const id = tool === 'hadolint' ? 'DL3007' : 'base-image-latest';
      assert.deepEqual(firing(`# ${tool} stage ignore=${id}\nFROM python:latest\nCOPY --from=node:latest / /\nFROM node:latest\n`), [4], tool);
    }
  });
  it('inside a stage: from the next instruction to the end of that stage', () => {
    const text = 'FROM python:latest AS a\nRUN true\n# layerwise stage ignore=DL3011\nEXPOSE 80000\nEXPOSE 70000\nFROM a\nEXPOSE 90000\n';
    const s = readSuppressions(new DockerfileModel(text));
    assert.deepEqual([...s.byInstruction.keys()], [2, 3]);
    assert.ok(s.byInstruction.get(3)!.has('dl3011'));
  });
  it('before the first FROM it covers the global ARGs only', () => {
    const s = readSuppressions(new DockerfileModel('# hadolint stage ignore=DL3007\nARG V=latest\nFROM python:${V}\n'));
    assert.deepEqual([...s.byInstruction.keys()], [0]);
    assert.deepEqual(firing('# hadolint stage ignore=DL3007\nARG V=latest\nFROM python:${V}\n'), [3]);
  });
  it('stacks with instruction pragmas and allows spaces, several names and a trailing comment', () => {
    const s = readSuppressions(new DockerfileModel('# hadolint stage ignore = DL3011 , DL3002 # legacy ports\n# hadolint ignore=DL3006\nFROM ubuntu\nUSER root\n'));
    assert.deepEqual([...s.byInstruction.get(0)!].sort(), ['dl3002', 'dl3006', 'dl3011']);
    assert.deepEqual([...s.byInstruction.get(1)!].sort(), ['dl3002', 'dl3011']);
  });
});

describe('hadolint pragma names', () => {
  it('a hadolint pragma with a name that is not a rule code is void, as in hadolint', () => {
    assert.deepEqual(firing('# hadolint ignore=crazy,DL3007\nFROM python:latest\n'), [2]);
    assert.deepEqual(firing('# hadolint ignore=DL3007\nFROM python:latest\n'), []);
  });
  it('our own pragmas take rule ids and aliases', () => {
    assert.deepEqual(firing('# layerwise ignore=no-such-rule,base-image-latest\nFROM python:latest\n'), []);
    assert.deepEqual(firing('# layerwise ignore=DL3007\nFROM python:latest\n'), []);
  });
});

describe('# check=skip= is a parser directive', () => {
  it('counts at the top of the file, after other directives', () => {
    const s = readSuppressions(new DockerfileModel('# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended,StageNameCasing\nFROM a\n'));
    assert.deepEqual([...s.global].sort(), ['jsonargsrecommended', 'stagenamecasing']);
    assert.equal(readSuppressions(new DockerfileModel('#check=skip=all;error=true\nFROM a\n')).skipAllBuildkit, true);
  });
  it('is not file-wide after a comment, a blank line or an instruction (above an instruction it is local: check-directive.ts)', () => {
    for (const text of [
      '# build the app\n# check=skip=all\nFROM a\n',
      '\n# check=skip=all\nFROM a\n',
      'FROM a\n# check=skip=SecretsUsedInArgOrEnv\nENV password=x\n',
    ]) {
      const s = readSuppressions(new DockerfileModel(text));
      assert.equal(s.skipAllBuildkit, false, text);
      assert.deepEqual([...s.global], [], text);
      assert.equal(s.byInstruction.size, 0, text);
    }
  });
});
