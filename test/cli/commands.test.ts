import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/engine/rules';
import { runCli, type JsonFileResult } from '../helpers/cli';
import { APP_CONTEXT, APP_DOCKERFILE } from '../helpers/fixtures';
import { makeTempDir, REPO_ROOT } from '../helpers/paths';

const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;

function ruleIds(stdout: string): string[] {
  return (JSON.parse(stdout) as JsonFileResult[]).flatMap(r => r.findings.map(f => f.ruleId));
}

describe('cli: --config', { concurrency: true }, () => {
  it('--config FILE applies that file', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE, 'conf/strict.yaml': 'rules:\n  base-image-latest: off\n  DL3064: warning\n' });
    const r = await runCli(['check', '--format', 'json', '--config', 'conf/strict.yaml', 'Dockerfile'], { cwd: dir });
    const results = JSON.parse(r.stdout) as JsonFileResult[];
    const ids = results[0].findings.map(f => f.ruleId);
    assert.ok(!ids.includes('base-image-latest'), `base-image-latest is off in the config: ${r.describe()}`);
    assert.equal(results[0].findings.find(f => f.ruleId === 'secret-in-env-or-arg')?.severity, 'warning', 'DL3064 alias sets the secret rule to warning');
    assert.equal(r.status, 0, `nothing reaches error any more.${r.describe()}`);
  });

  it('--config replaces the nearest .layerwise.yaml', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE, '.layerwise.yaml': 'rules:\n  secret-in-env-or-arg: off\n', 'other.yaml': 'rules:\n  base-image-latest: off\n' });
    const nearest = ruleIds((await runCli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir })).stdout);
    assert.ok(!nearest.includes('secret-in-env-or-arg') && nearest.includes('base-image-latest'), `the nearest config applies by default: ${nearest}`);
    const explicit = ruleIds((await runCli(['check', '--format', 'json', '--config=other.yaml', 'Dockerfile'], { cwd: dir })).stdout);
    assert.ok(explicit.includes('secret-in-env-or-arg') && !explicit.includes('base-image-latest'), `--config is used instead of the nearest file: ${explicit}`);
  });

  it('a .layerwise.yaml in a parent folder applies', async () => {
    const dir = makeTempDir({ '.layerwise.yaml': 'rules:\n  copy-all-before-install: off\n', 'app/Dockerfile': APP_DOCKERFILE, 'app/requirements.txt': 'flask\n' });
    const ids = ruleIds((await runCli(['check', '--format', 'json', 'app/Dockerfile'], { cwd: dir })).stdout);
    assert.ok(!ids.includes('copy-all-before-install') && ids.includes('base-image-latest'), JSON.stringify(ids));
  });
});

describe('cli: usage and I/O errors exit 2 with a message on stderr', { concurrency: true }, () => {
  const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE, 'bad.yaml': 'rules: [unclosed\n  - : :\n', 'unknown-rule.yaml': 'rules:\n  no-such-rule: off\n' });

  const cases: { name: string; args: string[]; stderr: RegExp; cwd?: string }[] = [
    { name: 'unknown flag', args: ['check', '--bogus', 'Dockerfile'], stderr: /unknown option "--bogus"/ },
    { name: 'bad --format', args: ['check', '--format', 'xml', 'Dockerfile'], stderr: /--format.*xml/ },
    { name: 'bad --fail-on', args: ['check', '--fail-on', 'sometimes', 'Dockerfile'], stderr: /--fail-on.*sometimes/ },
    { name: '--format without a value', args: ['check', 'Dockerfile', '--format'], stderr: /--format needs a value/ },
    { name: 'missing file', args: ['check', 'NoSuchDockerfile'], stderr: /NoSuchDockerfile/ },
    { name: 'invalid YAML in --config', args: ['check', '--config', 'bad.yaml', 'Dockerfile'], stderr: /bad\.yaml.*(YAML|yaml)/ },
    { name: 'unknown rule in --config', args: ['check', '--config', 'unknown-rule.yaml', 'Dockerfile'], stderr: /no-such-rule/ },
    { name: 'missing --config file', args: ['check', '--config', 'nope.yaml', 'Dockerfile'], stderr: /nope\.yaml/ },
    { name: 'unknown command', args: ['lint', 'Dockerfile'], stderr: /unknown command "lint"/ },
    { name: 'explain an unknown rule', args: ['explain', 'DL9999'], stderr: /DL9999/ },
    { name: 'explain without a rule', args: ['explain'], stderr: /explain needs/ },
    { name: '--stdin-filename without -', args: ['check', '--stdin-filename', 'x/Dockerfile', 'Dockerfile'], stderr: /stdin-filename/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runCli(c.args, { cwd: c.cwd ?? dir });
      assert.equal(r.status, 2, `expected exit 2.${r.describe()}`);
      assert.match(r.stderr, c.stderr, `stderr should explain the problem.${r.describe()}`);
      assert.match(r.stderr, /^layerwise: /, 'messages start with the program name');
      assert.ok(!/\n\s+at .*\(.*:\d+:\d+\)/.test(r.stderr), `no stack trace for a user error.${r.describe()}`);
      assert.equal(r.stdout, '', `nothing on stdout for a usage error.${r.describe()}`);
    });
  }

  it('an invalid nearest .layerwise.yaml exits 2 and names the file', async () => {
    const d = makeTempDir({ Dockerfile: APP_DOCKERFILE, '.layerwise.yaml': 'rules:\n  base-image-latest: [\n' });
    const r = await runCli(['check', 'Dockerfile'], { cwd: d });
    assert.equal(r.status, 2, r.describe());
    assert.match(r.stderr, /\.layerwise\.yaml/, r.describe());
  });

  it('no command prints usage and exits 2; --help exits 0', async () => {
    const none = await runCli([], { cwd: dir });
    assert.equal(none.status, 2, none.describe());
    assert.match(none.stdout + none.stderr, /Usage:/);
    const help = await runCli(['--help'], { cwd: dir });
    assert.equal(help.status, 0, help.describe());
    assert.match(help.stdout, /Usage:[\s\S]*--fail-on/);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), PACKAGE_VERSION);
  });
});

describe('cli: rules and explain', { concurrency: true }, () => {
  const cwd = makeTempDir();

  it('`layerwise rules` lists every registered rule id with its summary', async () => {
    const r = await runCli(['rules'], { cwd });
    assert.equal(r.status, 0, r.describe());
    assert.ok(ALL_RULES.length >= 4, 'the registry has the proving-slice rules');
    const listed = r.stdout.split('\n').filter(Boolean).map(l => l.split(/\s+/)[0]);
    for (const rule of ALL_RULES) {
      assert.ok(listed.includes(rule.id), `rules should list ${rule.id}.${r.describe()}`);
      const line = r.stdout.split('\n').find(l => l.split(/\s+/)[0] === rule.id)!;
      assert.ok(line.includes(rule.docs.summary.slice(0, 30)), `the ${rule.id} line should show its summary: ${line}`);
    }
    assert.equal(listed.length, ALL_RULES.length, `one line per rule: ${JSON.stringify(listed)}`);
  });

  it('`layerwise rules --format json` lists ids, aliases and severities', async () => {
    const r = await runCli(['rules', '--format', 'json'], { cwd });
    const rules = JSON.parse(r.stdout) as { id: string; aliases: string[]; severity: string; fixable: boolean }[];
    assert.deepEqual(rules.map(x => x.id).sort(), ALL_RULES.map(x => x.id).sort());
    assert.deepEqual(rules.find(x => x.id === 'base-image-latest')?.aliases, ['DL3007']);
  });

  it('`layerwise explain DL3007` explains base-image-latest', async () => {
    const r = await runCli(['explain', 'DL3007'], { cwd });
    assert.equal(r.status, 0, r.describe());
    assert.match(r.stdout, /^base-image-latest\b/, `explain should start with the rule id.${r.describe()}`);
    assert.ok(r.stdout.includes('DL3007'));
    assert.ok(r.stdout.includes('FROM python:latest'), 'the explanation shows the example that triggers it');
    const byId = await runCli(['explain', 'base-image-latest'], { cwd });
    assert.equal(byId.stdout, r.stdout, 'explaining by id or by alias gives the same text');
  });

  it('`layerwise explain` accepts BuildKit check names case-insensitively', async () => {
    const r = await runCli(['explain', 'secretsusedinargorenv'], { cwd });
    assert.equal(r.status, 0, r.describe());
    assert.match(r.stdout, /^secret-in-env-or-arg\b/, r.describe());
  });
});
