import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from './analyze';
import {
  ConfigError, DEFAULT_RULE_OPTIONS, findConfigFile, findHadolintConfigFile, isHadolintConfigFile, loadConfigFile, mergeConfigs,
  parseConfig, parseHadolintConfig, ruleOptions,
} from './config';
import { defineRule, type RuleContext } from './rule';
import { ALL_RULES } from './rules';

describe('.layerwise.yaml options', () => {
  it('reads labelSchema, strictLabels, trustedRegistries and failOn', () => {
    const config = parseConfig([
      'labelSchema:',
      '  org.opencontainers.image.source: url',
      '  maintainer: Email',
      '  notes:',
      'strictLabels: true',
      'trustedRegistries: [docker.io, "*.Corp.example"]',
      'failOn: warning',
    ].join('\n'), 'x.yaml');
    const options = ruleOptions(config);
    assert.deepEqual([...options.labelSchema], [['org.opencontainers.image.source', 'url'], ['maintainer', 'email'], ['notes', 'text']]);
    assert.equal(options.strictLabels, true);
    assert.deepEqual(options.trustedRegistries, ['docker.io', '*.corp.example']);
    assert.equal(config.failOn, 'warning');
  });
  it('fills in defaults when nothing is set', () => {
    assert.deepEqual(ruleOptions(parseConfig('rules: {}\n', 'x')), DEFAULT_RULE_OPTIONS);
    assert.deepEqual(ruleOptions(undefined), DEFAULT_RULE_OPTIONS);
    assert.equal(parseConfig('rules: {}\n', 'x').options, undefined);
  });
  it('rejects wrong types with the file, the key and what to write', () => {
    const bad: [string, RegExp][] = [
      ['labelSchema: [a, b]\n', /x\.yaml: "labelSchema" must map label names to a value format/],
      ['labelSchema: {a: date}\n', /label "a" in "labelSchema" has type "date"; use one of text, url, hash, rfc3339, spdx, semver, email/],
      ['strictLabels: yes please\n', /"strictLabels" must be true or false/],
      ['trustedRegistries: [1]\n', /"trustedRegistries" must be a list of registry host names/],
      ['trustedRegistries: ["docker.io/library"]\n', /"docker\.io\/library" in "trustedRegistries" is not a registry host name/],
      ['trustedRegistries: ["a*b.com"]\n', /a `\*` may only start or end it/],
      ['failOn: sometimes\n', /"failOn" is "sometimes"; use one of error, warning, info, hint, none/],
      ['label-schema: {a: text}\n', /unknown key "label-schema" \(did you mean "labelSchema"\?/],
      ['ignored: [DL3000]\n', /unknown key "ignored" \(did you mean "rules: \{<rule>: off\}"\?/],
    ];
    for (const [text, message] of bad) assert.throws(() => parseConfig(text, 'x.yaml'), (e: Error) => e instanceof ConfigError && message.test(e.message), text);
  });
});

describe('.hadolint.yaml', () => {
  const HADOLINT = [
    'failure-threshold: warning',
    'ignored:',
    '  - DL3007',
    '  - SC2086          # no equivalent: skipped',
    '  - DL9999',
    'override:',
    '  error: [DL3006]',
    '  style: [DL3020]',
    '  info: [DL3007]   # ignored wins',
    'trustedRegistries:',
    '  - docker.io',
    '  - "*.corp.example"',
    'label-schema:',
    '  author: text',
    '  url: url',
    'strict-labels: true',
    'format: json         # hadolint output options are not ours: ignored',
    'no-color: true',
  ].join('\n');

  it('maps ignored, override, registries, label schema and failure threshold', () => {
    const config = parseHadolintConfig(HADOLINT, '.hadolint.yaml');
    assert.equal(config.rules.get('base-image-latest'), 'off');
    assert.equal(config.rules.get('base-image-untagged'), 'error');
    assert.equal(config.rules.get('add-instead-of-copy'), 'hint');
    assert.equal(config.failOn, 'warning');
    const options = ruleOptions(config);
    assert.deepEqual(options.trustedRegistries, ['docker.io', '*.corp.example']);
    assert.deepEqual([...options.labelSchema], [['author', 'text'], ['url', 'url']]);
    assert.equal(options.strictLabels, true);
  });
  it('applies to analysis: an ignored code is off, an overridden one changes severity', () => {
    const config = parseHadolintConfig('ignored: [DL3007]\noverride:\n  error: [DL3006]\n', '.hadolint.yaml');
    const found = analyze('FROM python:latest\nFROM node\n', { config, rules: ALL_RULES.filter(r => r.aliases.includes('DL3007') || r.aliases.includes('DL3006')) }).findings;
    assert.deepEqual(found.map(f => [f.ruleId, f.severity]), [['base-image-untagged', 'error']]);
  });
  it('failure thresholds and no-fail', () => {
    const threshold = (v: string) => parseHadolintConfig(`failure-threshold: ${v}\n`, 'h').failOn;
    assert.deepEqual(['error', 'warning', 'info', 'style', 'ignore', 'none'].map(threshold), ['error', 'warning', 'info', 'hint', 'none', 'none']);
    assert.equal(parseHadolintConfig('failure-threshold: error\nno-fail: true\n', 'h').failOn, 'none');
    assert.equal(parseHadolintConfig('no-fail: false\n', 'h').failOn, undefined);
  });
  it('rejects malformed values with clear errors', () => {
    const bad: [string, RegExp][] = [
      ['ignored: DL3007\n', /\.hadolint\.yaml: "ignored" must be a list of rule codes/],
      ['override: [DL3007]\n', /"override" must map error, warning, info or style/],
      ['override:\n  fatal: [DL3007]\n', /"override\.fatal" is not a hadolint severity/],
      ['label-schema:\n  a: date\n', /label "a" in "label-schema" has type "date"/],
      ['strict-labels: "yes"\n', /"strict-labels" must be true or false/],
      ['failure-threshold: loud\n', /"failure-threshold" is "loud"/],
      ['- a\n', /expected a mapping/],
      ['ignored: [\n', /not valid YAML/],
    ];
    for (const [text, message] of bad) assert.throws(() => parseHadolintConfig(text, '.hadolint.yaml'), (e: Error) => e instanceof ConfigError && message.test(e.message), text);
  });
  it('an empty file is an empty configuration', () => {
    assert.deepEqual(parseHadolintConfig('', 'h'), { rules: new Map(), source: 'h' });
  });
});

describe('layers', () => {
  it('.layerwise.yaml wins over .hadolint.yaml, option by option and rule by rule', () => {
    const hadolint = parseHadolintConfig('ignored: [DL3007, DL3006]\ntrustedRegistries: [docker.io]\nstrict-labels: true\nfailure-threshold: info\n', '.hadolint.yaml');
    const ours = parseConfig('rules: {DL3007: warning}\ntrustedRegistries: [ghcr.io]\n', '.layerwise.yaml');
    const merged = mergeConfigs(hadolint, ours);
    assert.equal(merged.rules.get('base-image-latest'), 'warning');
    assert.equal(merged.rules.get('base-image-untagged'), 'off');
    const options = ruleOptions(merged);
    assert.deepEqual(options.trustedRegistries, ['ghcr.io']);
    assert.equal(options.strictLabels, true);
    assert.equal(merged.failOn, 'info');
    assert.equal(mergeConfigs(merged, parseConfig('failOn: error\n', 'x')).failOn, 'error');
    assert.equal(merged.source, '.hadolint.yaml + .layerwise.yaml');
  });
  it('rules read the merged options through ctx.options', () => {
    let seen: RuleContext['options'] | undefined;
    const probe = defineRule({ ...ALL_RULES[0], id: 'probe', check(ctx) { seen = ctx.options; } });
    analyze('FROM a\n', { rules: [probe], config: mergeConfigs(parseHadolintConfig('label-schema: {a: url}\n', 'h'), parseConfig('strictLabels: true\n', 'l')) });
    assert.deepEqual([...seen!.labelSchema], [['a', 'url']]);
    assert.equal(seen!.strictLabels, true);
    assert.deepEqual(seen!.trustedRegistries, []);
  });
});

describe('finding config files', () => {
  it('finds the nearest .hadolint.yaml / .hadolint.yml and reads it by its name', () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-config-')));
    try {
      fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
      fs.writeFileSync(path.join(root, '.hadolint.yml'), 'ignored: [DL3007]\n');
      fs.writeFileSync(path.join(root, 'a', '.layerwise.yaml'), 'rules: {DL3006: error}\n');
      const hadolint = findHadolintConfigFile(path.join(root, 'a', 'b'), root);
      assert.equal(hadolint, path.join(root, '.hadolint.yml'));
      assert.equal(findConfigFile(path.join(root, 'a', 'b'), root), path.join(root, 'a', '.layerwise.yaml'));
      assert.ok(isHadolintConfigFile(hadolint!) && !isHadolintConfigFile(path.join(root, 'a', '.layerwise.yaml')));
      assert.equal(loadConfigFile(hadolint!).rules.get('base-image-latest'), 'off');
      assert.throws(() => loadConfigFile(path.join(root, 'missing.yaml')), /cannot read config .*ENOENT/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
