import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, type CliResult, type JsonFileResult } from '../helpers/cli';
import { onlyRulesConfig, WARNING_ONLY_DOCKERFILE } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/paths';

/** `rule:severity` of every finding in a `--format json` run, sorted. */
function ids(r: CliResult): string[] {
  let results: JsonFileResult[];
  try { results = JSON.parse(r.stdout); } catch { assert.fail(`expected JSON on stdout.${r.describe()}`); }
  return results.flatMap(x => x.findings.map(f => `${f.ruleId}:${f.severity}`)).sort();
}
/** Only these rules run, so rules added later do not change the results. */
const only = (...rules: string[]) => onlyRulesConfig(rules);
const UNTAGGED_AND_LATEST = 'FROM python:latest\nFROM node\n';

describe('cli: .hadolint.yaml', { concurrency: true }, () => {
  it('ignored codes are off and override changes severities (style is hint)', async () => {
    const dir = makeTempDir({
      '.layerwise.yaml': only('base-image-latest', 'base-image-untagged'),
      '.hadolint.yaml': 'ignored:\n  - DL3007\n  - SC2086\noverride:\n  style:\n    - DL3006\n',
      Dockerfile: UNTAGGED_AND_LATEST,
    });
    const r = await runCli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(ids(r), ['base-image-untagged:hint'], r.describe());
  });

  it('is found in a parent folder; .yml works too', async () => {
    const dir = makeTempDir({
      '.layerwise.yaml': only('base-image-latest'),
      '.hadolint.yml': 'override:\n  error: [DL3007]\n',
      'a/b/Dockerfile': WARNING_ONLY_DOCKERFILE,
    });
    const r = await runCli(['check', 'a/b/Dockerfile'], { cwd: dir });
    assert.equal(r.status, 1, r.describe());
    assert.match(r.stdout, /a\/b\/Dockerfile:1:13 error base-image-latest /);
  });

  it('.layerwise.yaml wins over it', async () => {
    const dir = makeTempDir({
      '.layerwise.yaml': `${only('base-image-latest')}  base-image-latest: warning\n`,
      '.hadolint.yaml': 'override:\n  error: [DL3007]\n',
      Dockerfile: WARNING_ONLY_DOCKERFILE,
    });
    const r = await runCli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(ids(r), ['base-image-latest:warning'], r.describe());
    assert.equal(r.status, 0);
  });

  it('failure-threshold is the default of --fail-on; failOn in .layerwise.yaml and --fail-on win', async () => {
    const files = { '.layerwise.yaml': only('base-image-latest'), '.hadolint.yaml': 'failure-threshold: warning\n', Dockerfile: WARNING_ONLY_DOCKERFILE };
    const dir = makeTempDir(files);
    assert.equal((await runCli(['check', 'Dockerfile'], { cwd: dir })).status, 1, 'a warning reaches the hadolint threshold');
    assert.equal((await runCli(['check', '--fail-on', 'error', 'Dockerfile'], { cwd: dir })).status, 0, '--fail-on wins');
    const ours = makeTempDir({ ...files, '.layerwise.yaml': `${only('base-image-latest')}failOn: error\n` });
    assert.equal((await runCli(['check', 'Dockerfile'], { cwd: ours })).status, 0, 'failOn in .layerwise.yaml wins');
    const noFail = makeTempDir({ ...files, '.hadolint.yaml': 'failure-threshold: warning\nno-fail: true\n' });
    assert.equal((await runCli(['check', 'Dockerfile'], { cwd: noFail })).status, 0, 'no-fail never fails');
  });

  it('label-schema, strict-labels and trustedRegistries turn on the label and registry rules', async () => {
    const dir = makeTempDir({
      '.layerwise.yaml': only('label-missing', 'label-not-in-schema', 'label-value-not-url', 'image-from-untrusted-registry'),
      '.hadolint.yaml': 'label-schema:\n  org.opencontainers.image.source: url\n  maintainer: email\nstrict-labels: true\ntrustedRegistries:\n  - registry.corp.example\n',
      Dockerfile: 'FROM quay.io/org/base:1\nLABEL org.opencontainers.image.source="github.com/org/app" team=platform\n',
    });
    const r = await runCli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(ids(r), ['image-from-untrusted-registry:warning', 'label-missing:info', 'label-not-in-schema:info', 'label-value-not-url:info'], r.describe());
  });

  it('--hadolint-config FILE replaces the nearest one; --no-hadolint-config reads none', async () => {
    const dir = makeTempDir({
      '.layerwise.yaml': only('base-image-latest'),
      '.hadolint.yaml': 'ignored: [DL3007]\n',
      'ci/hadolint.yaml': 'override:\n  error: [DL3007]\n',
      Dockerfile: WARNING_ONLY_DOCKERFILE,
    });
    const explicit = await runCli(['check', '--format', 'json', '--hadolint-config', 'ci/hadolint.yaml', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(ids(explicit), ['base-image-latest:error'], explicit.describe());
    const none = await runCli(['check', '--format', 'json', '--no-hadolint-config', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(ids(none), ['base-image-latest:warning'], none.describe());
    const nearest = await runCli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(ids(nearest), [], nearest.describe());
  });

  it('a malformed .hadolint.yaml is a configuration error naming the file (exit 2)', async () => {
    const dir = makeTempDir({ '.hadolint.yaml': 'override:\n  fatal: [DL3007]\n', Dockerfile: WARNING_ONLY_DOCKERFILE });
    const r = await runCli(['check', 'Dockerfile'], { cwd: dir });
    assert.equal(r.status, 2, r.describe());
    assert.match(r.stderr, /\.hadolint\.yaml: "override\.fatal" is not a hadolint severity/);
  });
});

describe('cli: .layerwise.yaml options', { concurrency: true }, () => {
  it('labelSchema and trustedRegistries configure the rules; bad values are reported with the key', async () => {
    const dir = makeTempDir({
      '.layerwise.yaml': `${only('label-value-not-semver', 'image-from-untrusted-registry')}labelSchema:\n  org.opencontainers.image.version: semver\ntrustedRegistries: [docker.io]\n`,
      Dockerfile: 'FROM ghcr.io/org/app:1\nLABEL org.opencontainers.image.version=v1.2.0\n',
    });
    const r = await runCli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(ids(r), ['image-from-untrusted-registry:warning', 'label-value-not-semver:info'], r.describe());
    const bad = makeTempDir({ '.layerwise.yaml': 'labelSchema:\n  a: date\n', Dockerfile: WARNING_ONLY_DOCKERFILE });
    const b = await runCli(['check', 'Dockerfile'], { cwd: bad });
    assert.equal(b.status, 2, b.describe());
    assert.match(b.stderr, /\.layerwise\.yaml: label "a" in "labelSchema" has type "date"/);
  });
});
