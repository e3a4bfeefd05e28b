import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, type JsonFileResult } from '../helpers/cli';
import { makeTempDir } from '../helpers/paths';
import { sarifValidator } from '../helpers/sarif';

const DOCKERFILE = 'FROM debian:bookworm-slim\nRUN echo start && \\\n    cd $dir\n';

function requireShellCheck(): void {
  if (spawnSync('shellcheck', ['--version']).status !== 0) assert.fail('install shellcheck (apt-get install shellcheck): the CLI integration is tested against the real program');
}

describe('cli: ShellCheck', { concurrency: true }, () => {
  const dir = makeTempDir({ Dockerfile: DOCKERFILE });

  it('reports ShellCheck findings as SC<code> at their Dockerfile line and column', async () => {
    requireShellCheck();
    const r = await runCli(['check', 'Dockerfile', '--fail-on', 'none'], { cwd: dir });
    assert.equal(r.status, 0, r.describe());
    assert.match(r.stdout, /^Dockerfile:3:8 info SC2086 Double quote to prevent globbing/m, r.describe());
    assert.match(r.stdout, /^Dockerfile:3:5 warning SC2164 /m, r.describe());
  });

  it('includes them in JSON output and in --fail-on', async () => {
    requireShellCheck();
    const r = await runCli(['check', 'Dockerfile', '--format', 'json', '--fail-on', 'warning'], { cwd: dir });
    const [file] = JSON.parse(r.stdout) as JsonFileResult[];
    const sc = file.findings.find(f => f.ruleId === 'SC2154');
    assert.ok(sc, r.describe());
    assert.deepEqual([sc.line, sc.column, sc.endLine, sc.endColumn, sc.severity], [3, 8, 3, 12, 'warning']);
    assert.equal(r.status, 1, `a ShellCheck warning reaches --fail-on warning.${r.describe()}`);
  });

  it('includes them in SARIF, described by ShellCheck\'s wiki, with ShellCheck\'s own fixes', async () => {
    requireShellCheck();
    const r = await runCli(['check', 'Dockerfile', '--format', 'sarif', '--fail-on', 'none'], { cwd: dir });
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = log.runs[0];
    const sc2086 = run.results.find((x: { ruleId: string }) => x.ruleId === 'SC2086');
    assert.ok(sc2086, r.describe());
    assert.equal(sc2086.locations[0].physicalLocation.region.startLine, 3);
    assert.equal(run.tool.driver.rules[sc2086.ruleIndex].id, 'SC2086');
    assert.equal(run.tool.driver.rules[sc2086.ruleIndex].helpUri, 'https://www.shellcheck.net/wiki/SC2086');
    assert.deepEqual(sc2086.fixes?.[0].artifactChanges[0].replacements.map((x: { insertedContent: { text: string } }) => x.insertedContent.text), ['"', '"']);
  });

  it('--no-shellcheck leaves it out', async () => {
    const r = await runCli(['check', 'Dockerfile', '--no-shellcheck', '--format', 'json'], { cwd: dir });
    const [file] = JSON.parse(r.stdout) as JsonFileResult[];
    assert.equal(file.findings.some(f => f.ruleId.startsWith('SC')), false, r.describe());
  });

  it('works on stdin, and honours `# hadolint ignore=SC…`', async () => {
    requireShellCheck();
    const r = await runCli(['check', '-', '--fail-on', 'none'], { cwd: dir, input: `FROM debian:bookworm-slim\n# hadolint ignore=SC2086\nRUN cd $d || exit 1\n` });
    assert.match(r.stdout, /^<stdin>:3:8 warning SC2154 /m, r.describe());
    assert.doesNotMatch(r.stdout, / SC2086 /, r.describe());
  });

  it('without ShellCheck on PATH there is no error and no ShellCheck finding', async () => {
    const bin = makeTempDir({});
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const r = await runCli(['check', 'Dockerfile', '--fail-on', 'none'], { cwd: dir, env: { PATH: bin } });
    assert.equal(r.status, 0, r.describe());
    assert.equal(r.stderr, '', r.describe());
    assert.doesNotMatch(r.stdout, / SC\d{4} /, r.describe());
  });
});
