import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli';
import { APP_CONTEXT, APP_DOCKERFILE, CLEAN_DOCKERFILE, onlyRulesConfig, TWO_STAGE_DOCKERFILE } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/paths';

function read(dir: string, file = 'Dockerfile'): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

/** `git apply` (no repository needed) in `cwd`; returns its exit status and output. */
function gitApply(cwd: string, patch: string, check: boolean) {
  const r = spawnSync('git', ['apply', ...(check ? ['--check'] : []), '-v', '-'], { cwd, input: patch, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function assertManifestFirst(text: string) {
  const ls = text.split(/\r?\n/);
  const manifest = ls.indexOf('COPY requirements.txt .');
  const install = ls.findIndex(l => l.startsWith('RUN pip install'));
  const all = ls.indexOf('COPY . .');
  assert.ok(manifest >= 0 && manifest < install && install < all, `expected COPY requirements.txt . < RUN pip install < COPY . .:\n${text}`);
}

describe('cli: --fix', { concurrency: true }, () => {
  it('rewrites the file with the safe fixes, then reports what is left', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE });
    const r = await runCli(['check', '--fix', 'Dockerfile'], { cwd: dir });
    const fixed = read(dir);
    assert.notEqual(fixed, APP_DOCKERFILE, `the file should be rewritten.${r.describe()}`);
    assertManifestFirst(fixed);
    assert.ok(fixed.includes('FROM python:latest'), 'unsafe fixes (pinning the base image) are not applied');
    assert.ok(fixed.includes('ENV API_TOKEN=abc123'), 'unsafe fixes (removing the secret) are not applied');
    assert.ok(!r.stdout.includes('copy-all-before-install'), `the fixed finding is not reported any more.${r.describe()}`);
    assert.ok(r.stdout.includes('secret-in-env-or-arg'), `remaining findings are reported.${r.describe()}`);
    assert.equal(r.status, 1, 'the remaining literal secret is still an error');
  });

  it('is idempotent: a second run changes nothing', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: TWO_STAGE_DOCKERFILE });
    const first = await runCli(['check', '--fix', 'Dockerfile'], { cwd: dir });
    const once = read(dir);
    assert.notEqual(once, TWO_STAGE_DOCKERFILE, first.describe());
    assert.equal(once.split('\n').filter(l => l === 'COPY requirements.txt .').length, 2, `both stages are fixed:\n${once}`);
    const mtime = fs.statSync(path.join(dir, 'Dockerfile')).mtimeMs;
    const second = await runCli(['check', '--fix', 'Dockerfile'], { cwd: dir });
    assert.equal(read(dir), once, `the second --fix must not change the file.${second.describe()}`);
    assert.equal(fs.statSync(path.join(dir, 'Dockerfile')).mtimeMs, mtime, 'a file with nothing to fix is not rewritten');
    // Messages may mention the context size, which the first run changed; compare where and what.
    const where = (out: string) => out.split('\n').map(l => /^(\S+:\d+:\d+ \w+ \S+) /.exec(l)?.[1]).filter(Boolean);
    assert.deepEqual(where(second.stdout), where(first.stdout), 'both runs report the same remaining findings');
  });

  it('fixes every Dockerfile found in a directory and leaves clean files alone', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE, 'api.dockerfile': APP_DOCKERFILE, 'Dockerfile.clean': CLEAN_DOCKERFILE, '.layerwise.yaml': onlyRulesConfig() });
    const r = await runCli(['check', '--fix', '.'], { cwd: dir });
    assertManifestFirst(read(dir, 'Dockerfile'));
    assertManifestFirst(read(dir, 'api.dockerfile'));
    assert.equal(read(dir, 'Dockerfile.clean'), CLEAN_DOCKERFILE, r.describe());
  });

  it('keeps CRLF line endings', async () => {
    const crlf = APP_DOCKERFILE.replace(/\n/g, '\r\n');
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: crlf });
    await runCli(['check', '--fix', 'Dockerfile'], { cwd: dir });
    const fixed = read(dir);
    assertManifestFirst(fixed);
    assert.ok(!/[^\r]\n/.test(fixed), `every line break should still be CRLF: ${JSON.stringify(fixed)}`);
  });

  it('does not apply the manifest copy when the manifest is missing from the build context', async () => {
    const dir = makeTempDir({ Dockerfile: APP_DOCKERFILE });
    const r = await runCli(['check', '--fix', 'Dockerfile'], { cwd: dir });
    const ls = read(dir).split('\n');
    assert.ok(!ls.includes('COPY requirements.txt .'), `without requirements.txt next to it, the reorder fix is not safe to apply.${r.describe()}`);
    assert.ok(ls.indexOf('COPY . .') < ls.findIndex(l => l.startsWith('RUN pip install')), 'COPY . . stays before the install');
    assert.match(r.stdout, /copy-all-before-install/, 'the finding is still reported');
  });

  it('with `-`, stdout is the fixed Dockerfile (and nothing else), so it can be redirected to a file', async () => {
    const dir = makeTempDir(APP_CONTEXT);
    const r = await runCli(['check', '--fix', '-', '--stdin-filename', 'Dockerfile'], { cwd: dir, input: APP_DOCKERFILE });
    const reference = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE });
    await runCli(['check', '--fix', 'Dockerfile'], { cwd: reference });
    assert.equal(r.stdout, read(reference), `stdout should be exactly the fixed file; the report belongs on stderr.${r.describe()}`);
  });
});

describe('cli: --diff', { concurrency: true }, () => {
  it('prints a unified diff that git apply and patch accept, and writes nothing', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE });
    const r = await runCli(['check', '--diff', 'Dockerfile'], { cwd: dir });
    assert.equal(read(dir), APP_DOCKERFILE, '--diff must not modify the file');
    assert.match(r.stdout, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ -\d+(,\d+)? \+\d+(,\d+)? @@/m, `expected a unified diff header.${r.describe()}`);
    assert.ok(r.stdout.split('\n').includes('+COPY requirements.txt .'), r.describe());
    const check = gitApply(dir, r.stdout, true);
    assert.equal(check.status, 0, `git apply --check rejected the diff:\n${check.output}${r.describe()}`);
    const p = spawnSync('patch', ['--dry-run', '-p1'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    assert.equal(p.status, 0, `patch --dry-run -p1 rejected the diff:\n${p.stdout}${p.stderr}`);
  });

  it('applying the diff gives exactly what --fix writes', async () => {
    const withDiff = makeTempDir({ ...APP_CONTEXT, Dockerfile: TWO_STAGE_DOCKERFILE });
    const withFix = makeTempDir({ ...APP_CONTEXT, Dockerfile: TWO_STAGE_DOCKERFILE });
    const d = await runCli(['check', '--diff', 'Dockerfile'], { cwd: withDiff });
    await runCli(['check', '--fix', 'Dockerfile'], { cwd: withFix });
    const applied = gitApply(withDiff, d.stdout, false);
    assert.equal(applied.status, 0, applied.output);
    assert.equal(read(withDiff), read(withFix), 'git apply of --diff should equal the --fix result');
  });

  it('handles a file without a final newline', async () => {
    const text = APP_DOCKERFILE.trimEnd();
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: text });
    const fixDir = makeTempDir({ ...APP_CONTEXT, Dockerfile: text });
    const d = await runCli(['check', '--diff', 'Dockerfile'], { cwd: dir });
    await runCli(['check', '--fix', 'Dockerfile'], { cwd: fixDir });
    const applied = gitApply(dir, d.stdout, false);
    assert.equal(applied.status, 0, `${applied.output}${d.describe()}`);
    assert.equal(read(dir), read(fixDir));
  });

  it('paths in the diff work for files in subdirectories found from a directory argument', async () => {
    const dir = makeTempDir({ 'svc/Dockerfile': APP_DOCKERFILE, 'svc/requirements.txt': 'flask\n', 'web/Dockerfile': CLEAN_DOCKERFILE, 'web/requirements.txt': 'flask\n', '.layerwise.yaml': onlyRulesConfig() });
    const r = await runCli(['check', '--diff', '.'], { cwd: dir });
    assert.match(r.stdout, /^--- a\/svc\/Dockerfile$/m, r.describe());
    assert.ok(!r.stdout.includes('web/Dockerfile'), 'files without fixes produce no diff');
    const check = gitApply(dir, r.stdout, true);
    assert.equal(check.status, 0, `git apply --check:\n${check.output}${r.describe()}`);
  });

  it('prints nothing when there is nothing to fix', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: CLEAN_DOCKERFILE, '.layerwise.yaml': onlyRulesConfig() });
    const r = await runCli(['check', '--diff', 'Dockerfile'], { cwd: dir });
    assert.equal(r.stdout, '', r.describe());
    assert.equal(r.status, 0);
  });

  it('the diff for a CRLF file applies to that file', async () => {
    const crlf = APP_DOCKERFILE.replace(/\n/g, '\r\n');
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: crlf });
    const r = await runCli(['check', '--diff', 'Dockerfile'], { cwd: dir });
    assert.ok(r.stdout.length > 0, r.describe());
    const check = gitApply(dir, r.stdout, true);
    assert.equal(check.status, 0, `git apply --check rejected the diff of a CRLF file (context lines must keep their \\r):\n${check.output}\n${JSON.stringify(r.stdout)}`);
  });

  it('a path given as ./Dockerfile yields a diff git apply accepts', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE });
    const r = await runCli(['check', '--diff', './Dockerfile'], { cwd: dir });
    const check = gitApply(dir, r.stdout, true);
    assert.equal(check.status, 0, `git apply --check rejected the diff for ./Dockerfile:\n${check.output}${r.describe()}`);
  });

  it('an absolute path yields a diff that applies from the current directory', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE });
    const r = await runCli(['check', '--diff', path.join(dir, 'Dockerfile')], { cwd: dir });
    const check = gitApply(dir, r.stdout, true);
    const p = spawnSync('patch', ['--dry-run', '-p1', '--batch'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    assert.ok(check.status === 0 || p.status === 0, `neither git apply --check nor patch -p1 accept the diff for an absolute path:\n${check.output}\n${p.stdout}${p.stderr}${r.describe()}`);
  });

  it('--fix and --diff together are a usage error', async () => {
    const dir = makeTempDir({ ...APP_CONTEXT, Dockerfile: APP_DOCKERFILE });
    const r = await runCli(['check', '--fix', '--diff', 'Dockerfile'], { cwd: dir });
    assert.equal(r.status, 2, r.describe());
    assert.equal(read(dir), APP_DOCKERFILE);
  });
});
