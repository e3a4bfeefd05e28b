import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, type JsonFileResult, type JsonFinding } from '../helpers/cli';
import { APP_CONTEXT, APP_DOCKERFILE, CLEAN_DOCKERFILE, onlyRulesConfig, WARNING_ONLY_DOCKERFILE } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/paths';

const LINE = /^(?<file>[^\s:]+):(?<line>\d+):(?<col>\d+) (?<severity>error|warning|info|hint) (?<rule>[a-z0-9-]+) (?<message>.+)$/;

function findingLines(stdout: string) {
  return stdout.split('\n').map(l => LINE.exec(l)?.groups).filter((g): g is NonNullable<typeof g> => !!g);
}

function parseJson(stdout: string, describe: () => string): JsonFileResult[] {
  try {
    return JSON.parse(stdout) as JsonFileResult[];
  } catch (e) {
    assert.fail(`--format json should print valid JSON (${(e as Error).message}).${describe()}`);
  }
}

function finding(results: JsonFileResult[], file: string, ruleId: string): JsonFinding {
  const r = results.find(x => x.file === file);
  assert.ok(r, `no result for ${file} in ${JSON.stringify(results.map(x => x.file))}`);
  const found = r.findings.filter(f => f.ruleId === ruleId);
  assert.equal(found.length, 1, `expected one ${ruleId} finding in ${file}: ${JSON.stringify(r.findings)}`);
  return found[0];
}

describe('cli: check output', { concurrency: true }, () => {
  const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE });

  it('text output is `file:line:col severity rule message` with 1-based positions', async () => {
    const r = await runCli(['check', 'Dockerfile'], { cwd: dir });
    const lines = findingLines(r.stdout);
    const get = (rule: string) => {
      const hits = lines.filter(l => l.rule === rule);
      assert.equal(hits.length, 1, `expected one ${rule} line.${r.describe()}`);
      return hits[0];
    };
    const where = (rule: string) => { const g = get(rule); return `${g.file}:${g.line}:${g.col} ${g.severity}`; };
    assert.equal(where('base-image-latest'), 'Dockerfile:1:13 warning');
    assert.equal(where('copy-all-before-install'), 'Dockerfile:4:1 warning');
    assert.equal(where('secret-in-env-or-arg'), 'Dockerfile:6:5 error');
    assert.match(get('secret-in-env-or-arg').message, /API_TOKEN/);
    assert.ok(!r.stdout.includes('\x1b['), 'no colour codes when stdout is not a terminal');
    assert.equal(r.stderr, '', `nothing on stderr.${r.describe()}`);
  });

  it('text output ends with a summary line; a clean file says so', async () => {
    const r = await runCli(['check', 'Dockerfile'], { cwd: dir });
    assert.match(r.stdout.trimEnd().split('\n').at(-1)!, /problems? in 1 file/, r.describe());
    // Rules added after these tests must not make the clean file dirty: only the proving-slice rules run.
    const clean = makeTempDir({ ...APP_CONTEXT, Dockerfile: CLEAN_DOCKERFILE, '.layerwise.yaml': onlyRulesConfig() });
    const c = await runCli(['check', 'Dockerfile'], { cwd: clean });
    assert.equal(findingLines(c.stdout).length, 0, `the clean Dockerfile should have no findings.${c.describe()}`);
    assert.match(c.stdout, /No problems/, c.describe());
    assert.equal(c.status, 0, c.describe());
  });

  it('--format json has the documented shape, with 1-based lines and columns', async () => {
    const r = await runCli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir });
    const results = parseJson(r.stdout, r.describe);
    assert.ok(Array.isArray(results) && results.length === 1, `expected one file result.${r.describe()}`);
    assert.equal(results[0].file, 'Dockerfile');
    assert.ok(Array.isArray(results[0].findings));
    for (const f of results[0].findings) {
      assert.equal(typeof f.ruleId, 'string');
      assert.ok(Array.isArray(f.aliases), 'aliases is an array');
      assert.ok(['error', 'warning', 'info', 'hint'].includes(f.severity), `severity ${f.severity}`);
      assert.equal(typeof f.message, 'string');
      for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(f[k]) && f[k] >= 1, `${k} must be a 1-based integer: ${JSON.stringify(f)}`);
      assert.equal(typeof f.fixable, 'boolean');
    }
    const { message: latestMessage, ...latest } = finding(results, 'Dockerfile', 'base-image-latest');
    assert.deepEqual(latest, { ruleId: 'base-image-latest', aliases: ['DL3007'], severity: 'warning', line: 1, column: 13, endLine: 1, endColumn: 19, fixable: true });
    assert.match(latestMessage, /python:latest/);
    const secret = finding(results, 'Dockerfile', 'secret-in-env-or-arg');
    assert.deepEqual({ line: secret.line, column: secret.column, endLine: secret.endLine, endColumn: secret.endColumn, severity: secret.severity },
      { line: 6, column: 5, endLine: 6, endColumn: 21, severity: 'error' });
    assert.ok(secret.aliases.includes('DL3064') && secret.aliases.includes('SecretsUsedInArgOrEnv'), JSON.stringify(secret.aliases));
    const copy = finding(results, 'Dockerfile', 'copy-all-before-install');
    assert.deepEqual({ line: copy.line, column: copy.column, endLine: copy.endLine, fixable: copy.fixable, aliases: copy.aliases },
      { line: 4, column: 1, endLine: 4, fixable: true, aliases: [] });
    assert.ok(!copy.message.includes('\x1b['));
  });

  it('--format json lists clean files with an empty findings array', async () => {
    const clean = makeTempDir({ ...APP_CONTEXT, Dockerfile: CLEAN_DOCKERFILE, '.layerwise.yaml': onlyRulesConfig() });
    const r = await runCli(['check', '--format=json', 'Dockerfile'], { cwd: clean });
    assert.deepEqual(parseJson(r.stdout, r.describe), [{ file: 'Dockerfile', findings: [] }]);
    assert.equal(r.status, 0);
  });
});

describe('cli: exit codes and --fail-on', { concurrency: true }, () => {
  const dir = makeTempDir({
    ...APP_CONTEXT,
    // Severities of later rules must not change these thresholds: only the proving-slice rules run.
    '.layerwise.yaml': onlyRulesConfig(),
    'errors/Dockerfile': APP_DOCKERFILE, 'errors/requirements.txt': 'flask\n',
    'warnings/Dockerfile': WARNING_ONLY_DOCKERFILE,
    'clean/Dockerfile': CLEAN_DOCKERFILE, 'clean/requirements.txt': 'flask\n',
  });
  const cases: [string, string[], number][] = [
    ['errors', [], 1],
    ['errors', ['--fail-on', 'error'], 1],
    ['errors', ['--fail-on', 'none'], 0],
    ['warnings', [], 0],
    ['warnings', ['--fail-on', 'error'], 0],
    ['warnings', ['--fail-on', 'warning'], 1],
    ['warnings', ['--fail-on=warning'], 1],
    ['warnings', ['--fail-on', 'info'], 1],
    ['warnings', ['--fail-on', 'none'], 0],
    ['clean', ['--fail-on', 'info'], 0],
    ['clean', [], 0],
  ];
  for (const [folder, flags, expected] of cases) {
    it(`${folder}/Dockerfile ${flags.join(' ') || '(default --fail-on error)'} exits ${expected}`, async () => {
      const r = await runCli(['check', ...flags, `${folder}/Dockerfile`], { cwd: dir });
      assert.equal(r.status, expected, r.describe());
    });
  }

  it('a configured severity changes the exit code (warning raised to error)', async () => {
    const d = makeTempDir({ Dockerfile: WARNING_ONLY_DOCKERFILE, '.layerwise.yaml': 'rules:\n  DL3007: error\n' });
    const r = await runCli(['check', 'Dockerfile'], { cwd: d });
    assert.equal(r.status, 1, r.describe());
    assert.match(r.stdout, /Dockerfile:1:\d+ error base-image-latest /, r.describe());
  });
});

describe('cli: finding files', { concurrency: true }, () => {
  const dockerfiles = ['Dockerfile', 'Dockerfile.prod', 'api.dockerfile', 'Containerfile', 'services/web/Dockerfile'];
  const dir = makeTempDir({
    ...Object.fromEntries(dockerfiles.map(f => [f, WARNING_ONLY_DOCKERFILE])),
    'node_modules/some-pkg/Dockerfile': WARNING_ONLY_DOCKERFILE,
    'services/web/node_modules/dep/Dockerfile': WARNING_ONLY_DOCKERFILE,
    '.git/Dockerfile': WARNING_ONLY_DOCKERFILE,
    'README.md': '# not a Dockerfile\n',
    'docker-compose.yml': 'services: {}\n',
  });

  it('a directory argument finds Dockerfile, Dockerfile.prod, api.dockerfile, Containerfile (recursively) and skips node_modules', async () => {
    const r = await runCli(['check', '--format', 'json', '.'], { cwd: dir });
    const files = parseJson(r.stdout, r.describe).map(x => x.file).sort();
    assert.deepEqual(files, [...dockerfiles].sort(), `found files.${r.describe()}`);
  });

  it('the default path is the current directory', async () => {
    const r = await runCli(['check', '--format', 'json'], { cwd: dir });
    const files = parseJson(r.stdout, r.describe).map(x => x.file).sort();
    assert.deepEqual(files, [...dockerfiles].sort(), r.describe());
  });

  it('paths are reported relative to the directory argument as given', async () => {
    const r = await runCli(['check', 'services'], { cwd: dir });
    const files = findingLines(r.stdout).map(l => l.file);
    assert.ok(files.length > 0 && files.every(f => f === 'services/web/Dockerfile'), r.describe());
  });

  it('BuildKit per-Dockerfile ignore files (Dockerfile.dockerignore) are not linted as Dockerfiles', async () => {
    const d = makeTempDir({ Dockerfile: WARNING_ONLY_DOCKERFILE, 'Dockerfile.dockerignore': 'node_modules\n*.log\n', 'api.dockerfile.dockerignore': '.git\n' });
    const r = await runCli(['check', '--format', 'json', '.'], { cwd: d });
    assert.deepEqual(parseJson(r.stdout, r.describe).map(x => x.file), ['Dockerfile'], `.dockerignore files must not be checked.${r.describe()}`);
  });

  it('a directory without Dockerfiles says so on stderr and exits 0', async () => {
    const d = makeTempDir({ 'README.md': 'hi\n' });
    const r = await runCli(['check', '.'], { cwd: d });
    assert.equal(r.status, 0, r.describe());
    assert.match(r.stderr, /no Dockerfiles found/i, r.describe());
  });

  it('several paths are checked together', async () => {
    const r = await runCli(['check', '--format', 'json', 'Dockerfile', 'api.dockerfile'], { cwd: dir });
    assert.deepEqual(parseJson(r.stdout, r.describe).map(x => x.file), ['Dockerfile', 'api.dockerfile']);
  });
});

describe('cli: stdin', { concurrency: true }, () => {
  it('`-` reads stdin; --stdin-filename names it and sets the folder for config and build context', async () => {
    const dir = makeTempDir({ 'svc/.layerwise.yaml': 'rules:\n  base-image-latest: off\n', 'svc/requirements.txt': 'flask\n' });
    const r = await runCli(['check', '--format', 'json', '-', '--stdin-filename', 'svc/Dockerfile'], { cwd: dir, input: APP_DOCKERFILE });
    const results = parseJson(r.stdout, r.describe);
    assert.equal(results.length, 1);
    assert.equal(results[0].file, 'svc/Dockerfile', 'results carry the --stdin-filename name');
    const ids = results[0].findings.map(f => f.ruleId);
    assert.ok(!ids.includes('base-image-latest'), `svc/.layerwise.yaml turns base-image-latest off: ${JSON.stringify(ids)}`);
    assert.ok(ids.includes('secret-in-env-or-arg') && ids.includes('copy-all-before-install'), JSON.stringify(ids));
    assert.equal(r.status, 1, 'the literal secret is an error');
  });

  it('--build-arg passes build arguments: BUILDKIT_DOCKERFILE_CHECK replaces the file\'s # check= directive', async () => {
    const dir = makeTempDir({ Dockerfile: 'FROM alpine:3.20\nARG API_TOKEN\n' });
    const ids = (r: { stdout: string; describe(): string }) => parseJson(r.stdout, r.describe)[0].findings.map(f => f.ruleId);
    const plain = await runCli(['check', '--format', 'json', '--no-shellcheck', 'Dockerfile'], { cwd: dir });
    assert.ok(ids(plain).includes('secret-in-env-or-arg'), plain.describe());
    const skipped = await runCli(['check', '--format', 'json', '--no-shellcheck', '--build-arg', 'BUILDKIT_DOCKERFILE_CHECK=skip=SecretsUsedInArgOrEnv', 'Dockerfile'], { cwd: dir });
    assert.ok(!ids(skipped).includes('secret-in-env-or-arg'), skipped.describe());
    const fromEnv = await runCli(['check', '--format', 'json', '--no-shellcheck', '--build-arg', 'BUILDKIT_DOCKERFILE_CHECK', 'Dockerfile'], { cwd: dir, env: { BUILDKIT_DOCKERFILE_CHECK: 'skip=all' } });
    assert.deepEqual(ids(fromEnv).filter(id => id === 'secret-in-env-or-arg'), [], fromEnv.describe());
    const bad = await runCli(['check', '--build-arg', '=x', 'Dockerfile'], { cwd: dir });
    assert.equal(bad.status, 2, bad.describe());
    assert.match(bad.stderr, /--build-arg needs NAME=VALUE/);
  });

  it('`-` without --stdin-filename reports as <stdin>', async () => {
    const dir = makeTempDir();
    const r = await runCli(['check', '-'], { cwd: dir, input: WARNING_ONLY_DOCKERFILE });
    assert.match(r.stdout, /^<stdin>:1:13 warning base-image-latest /m, r.describe());
  });

  it('stdin --stdin-filename never writes a file of that name', async () => {
    const dir = makeTempDir({ 'requirements.txt': 'flask\n' });
    await runCli(['check', '--fix', '-', '--stdin-filename', 'Dockerfile'], { cwd: dir, input: APP_DOCKERFILE });
    assert.ok(!fs.existsSync(path.join(dir, 'Dockerfile')), 'stdin input must not be written to disk');
  });
});
