import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { ConfigError, mergeConfigs, parseConfig } from '../../server/src/engine/config';
import { MemoryBuildContext } from '../../server/src/engine/context';
import { fixAll } from '../../server/src/engine/fix';
import { DockerfileModel, parseImageReference, resolvePath } from '../../server/src/engine/model';
import { defineRule } from '../../server/src/engine/rule';
import { ALL_RULES, ruleById } from '../../server/src/engine/rules';
import { ignoreForInstructionEdit, ignoreInFileEdit } from '../../server/src/engine/suppress';
import { applyEdits, LineIndex, minimalEdit } from '../../server/src/engine/text';


/** These tests exercise the framework with the first rules; later rules must not change them. */
const SLICE = ['copy-all-before-install', 'base-image-latest', 'base-image-untagged', 'secret-in-env-or-arg'].map(id => ruleById(id)!);
const ids = (text: string, opts = {}) => analyze(text, { rules: SLICE, ...opts }).findings.map(f => f.ruleId);

describe('suppressions', () => {
  const latest = 'FROM python:latest\nRUN echo hi\n';
  it('layerwise ignore applies to the next instruction only', () => {
    assert.ok(!ids(`# layerwise ignore=base-image-latest\n${latest}`).includes('base-image-latest'));
    assert.ok(ids(`FROM python:3.12-slim\n# layerwise ignore=base-image-latest\nRUN echo\nFROM python:latest\n`).includes('base-image-latest'));
  });
  it('hadolint pragmas work through aliases', () => {
    assert.ok(!ids(`# hadolint ignore=DL3007\n${latest}`).includes('base-image-latest'));
    assert.ok(ids(`# hadolint ignore=DL3006\n${latest}`).includes('base-image-latest'));
    assert.ok(!ids(`# hadolint global ignore=DL3007\nRUN true\n${latest}`).includes('base-image-latest'));
  });
  it('layerwise global ignore applies everywhere', () => {
    assert.ok(!ids(`${latest}# layerwise global ignore=base-image-latest\n`).includes('base-image-latest'));
  });
  it("BuildKit's check=skip directive is honoured, including skip=all for BuildKit-aliased rules", () => {
    const secret = 'FROM python:3.12-slim\nENV API_TOKEN=x\n';
    assert.ok(ids(secret).includes('secret-in-env-or-arg'));
    assert.ok(!ids(`# check=skip=SecretsUsedInArgOrEnv\n${secret}`).includes('secret-in-env-or-arg'));
    assert.ok(!ids(`# check=skip=all\n${secret}`).includes('secret-in-env-or-arg'));
    // Below the directive block, a check comment covers only the instruction under it (BuildKit's rule).
    const lines = analyze('FROM python:3.12-slim\n# check=skip=all\nENV API_TOKEN=x\nENV DB_PASSWORD=y\n', { rules: SLICE }).findings
      .filter(f => f.ruleId === 'secret-in-env-or-arg').map(f => f.range.start.line + 1);
    assert.deepEqual(lines, [4]);
  });
  it('ignore edits extend an existing pragma instead of stacking another', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM python:latest\nENV API_TOKEN=x\n';
    const model = new DockerfileModel(text);
    const once = applyEdits(text, [ignoreInFileEdit(model, 'base-image-latest')]);
    assert.equal(once.split('\n')[0], '# syntax=docker/dockerfile:1', 'directives stay first');
    const twice = applyEdits(once, [ignoreInFileEdit(new DockerfileModel(once), 'secret-in-env-or-arg')]);
    assert.match(twice, /# layerwise global ignore=base-image-latest,secret-in-env-or-arg\n/);
    assert.deepEqual(ids(twice), []);
    const env = model.instructions[1];
    const local = applyEdits(text, [ignoreForInstructionEdit(model, env, 'secret-in-env-or-arg')]);
    assert.match(local, /# layerwise ignore=secret-in-env-or-arg\nENV API_TOKEN/);
  });
});

describe('configuration', () => {
  it('sets severities by id or alias and turns rules off', () => {
    const config = parseConfig('rules:\n  DL3007: error\n  secret-in-env-or-arg: off\n', 'test.yaml');
    const found = analyze('FROM python:latest\nENV API_TOKEN=x\n', { config, rules: SLICE }).findings;
    assert.equal(found.find(f => f.ruleId === 'base-image-latest')?.severity, 'error');
    assert.ok(!found.some(f => f.ruleId === 'secret-in-env-or-arg'));
  });
  it('rejects unknown rules, bad severities and bad YAML with the file name', () => {
    assert.throws(() => parseConfig('rules:\n  no-such-rule: error\n', 'x.yaml'), (e: Error) => e instanceof ConfigError && /x\.yaml.*no-such-rule/.test(e.message));
    assert.throws(() => parseConfig('rules:\n  DL3007: loud\n', 'x.yaml'), /severity "loud"/);
    assert.throws(() => parseConfig('rules: [', 'x.yaml'), /not valid YAML/);
    assert.throws(() => parseConfig('rulez: {}\n', 'x.yaml'), /unknown key "rulez"/);
  });
  it('later layers win', () => {
    const merged = mergeConfigs(parseConfig('rules: {DL3007: error}', 'a'), parseConfig('rules: {base-image-latest: off}', 'b'));
    assert.equal(merged.rules.get('base-image-latest'), 'off');
  });
});

describe('robustness', () => {
  it('a rule that throws is reported and the other rules still run', () => {
    const broken = defineRule({ ...ALL_RULES[0], id: 'always-throws', check() { throw new Error('boom'); } });
    const result = analyze('FROM python:latest\n', { rules: [broken, ...ALL_RULES] });
    assert.equal(result.failures.length, 1);
    assert.equal(result.failures[0].ruleId, 'always-throws');
    assert.ok(result.findings.some(f => f.ruleId === 'base-image-latest'));
  });
  it('odd input never throws', () => {
    for (const text of ['', '\n\n', '\r', 'FROM', 'RUN \\', 'FROM a AS', '\uFEFFFROM x:1\r\nRUN a\r', 'COPY . .\nRUN pip install -r', '\0\0\0', 'FROM ${X:-}\n']) {
      assert.doesNotThrow(() => analyze(text), JSON.stringify(text));
    }
  });
});

describe('fix-all', () => {
  it('applies only safe fixes and is idempotent', () => {
    const text = 'FROM python:latest\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nENV API_TOKEN=abc\n';
    const ctx = new MemoryBuildContext({ 'requirements.txt': 'flask\n' });
    const once = fixAll(text, { buildContext: ctx, rules: SLICE });
    assert.match(once.text, /COPY requirements\.txt \.\nRUN pip install -r requirements\.txt\nCOPY \. \.\n/);
    assert.match(once.text, /FROM python:latest/, 'pinning a base image is not a safe fix');
    assert.match(once.text, /ENV API_TOKEN=abc/, 'removing a secret is not a safe fix');
    assert.equal(fixAll(once.text, { buildContext: ctx, rules: SLICE }).text, once.text);
  });
});

describe('text and model utilities', () => {
  it('LineIndex handles LF, CRLF and lone CR', () => {
    const idx = new LineIndex('a\r\nb\rc\nd');
    assert.equal(idx.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map(l => idx.lineText(l)), ['a', 'b', 'c', 'd']);
    assert.deepEqual(idx.positionAt(idx.offsetAt({ line: 2, character: 1 })), { line: 2, character: 1 });
  });
  it('minimalEdit reproduces the target', () => {
    for (const [a, b] of [['abc', 'abd'], ['', 'x'], ['x\ny\n', 'x\nz\ny\n'], ['same', 'same']]) {
      const e = minimalEdit(a, b);
      assert.equal(e ? applyEdits(a, [e]) : a, b);
    }
  });
  it('applyEdits rejects overlapping edits', () => {
    const r = (s: number, e: number) => ({ start: { line: 0, character: s }, end: { line: 0, character: e } });
    assert.throws(() => applyEdits('abcdef', [{ range: r(0, 3), newText: '' }, { range: r(2, 4), newText: '' }]), /overlapping/);
  });
  it('parses image references with registries, ports, tags and digests', () => {
    assert.deepEqual(parseImageReference('python:3.12-slim'), { name: 'python', tag: '3.12-slim', digest: undefined });
    assert.deepEqual(parseImageReference('localhost:5000/app'), { name: 'localhost:5000/app', tag: undefined, digest: undefined });
    assert.deepEqual(parseImageReference('ghcr.io/o/a:1@sha256:ab'), { name: 'ghcr.io/o/a', tag: '1', digest: 'sha256:ab' });
  });
  it('resolves container paths and tracks WORKDIR per stage', () => {
    assert.equal(resolvePath('/app', 'src/../lib'), '/app/lib');
    assert.equal(resolvePath('/app', '/opt'), '/opt');
    const model = new DockerfileModel('FROM a:1 AS base\nWORKDIR /app\nWORKDIR src\nFROM base\nRUN x\nFROM b:1\nRUN y\n');
    assert.deepEqual(model.instructions.map(i => i.workdir), ['/', '/app', '/app/src', '/app/src', '/app/src', '/', '/']);
  });
  it('resolves FROM through global ARG defaults', () => {
    const model = new DockerfileModel('ARG BASE=python\nARG TAG=latest\nFROM ${BASE}:${TAG}\n');
    assert.equal(model.stages[0].image.resolved, 'python:latest');
    assert.ok(ids('ARG BASE=python\nARG TAG=latest\nFROM ${BASE}:${TAG}\n').includes('base-image-latest'));
    assert.ok(!ids('ARG TAG\nFROM python:${TAG}\n').includes('base-image-untagged'), 'unknown values are not guessed');
  });
});
