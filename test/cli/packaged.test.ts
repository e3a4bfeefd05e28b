import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { REPO_ROOT, makeTempDir } from '../helpers/paths';

/**
 * The published package, as a user installs it: `npm pack` of this checkout, installed globally
 * into a temporary prefix. Its commands must work without the build tools a checkout has.
 */
describe('the packed npm package, installed globally', { timeout: 240_000 }, () => {
  const prefix = makeTempDir({});
  const bin = (name: string) => path.join(prefix, 'bin', name);
  before(() => {
    const packed = spawnSync('npm', ['pack', '--pack-destination', prefix, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = path.join(prefix, JSON.parse(packed.stdout)[0].filename);
    // Dependencies come from npm's cache when it has them; the package needs none at run time.
    const installed = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { encoding: 'utf8' });
    assert.equal(installed.status, 0, installed.stderr);
  });

  it('ships only what runs: the bundles, the rule pages, the grammar', () => {
    const list = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const files: string[] = JSON.parse(list.stdout)[0].files.map((f: { path: string }) => f.path);
    assert.ok(files.includes('dist/server.js') && files.includes('dist/cli.js') && files.includes('docs/rules/base-image-latest.md'), files.join('\n'));
    assert.deepEqual(files.filter(f => /^(server|client|test)\//.test(f) || f.endsWith('.map') || f.endsWith('.vsix')), []);
  });

  it('`layerwise check` works from the installed command', () => {
    const r = spawnSync(bin('layerwise'), ['check', '-', '--no-shellcheck'], { input: 'FROM python:latest\n', encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^<stdin>:1:13 warning base-image-latest /m);
  });

  describe('`layerwise-language-server --stdio`', () => {
    it('initializes and publishes diagnostics', async () => {
      // Started here: the install above runs in `before`.
      const server = spawn(bin('layerwise-language-server'), ['--stdio'], { stdio: 'pipe' });
      const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
      const published: { uri: string; diagnostics: { code?: string | number }[] }[] = [];
      connection.onNotification('textDocument/publishDiagnostics', (p: (typeof published)[number]) => { published.push(p); });
      connection.listen();
      after(() => { connection.dispose(); server.kill(); });
      const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }) as { serverInfo?: { name: string } };
      assert.equal(init.serverInfo?.name, 'layerwise');
      await connection.sendNotification('initialized', {});
      const uri = 'untitled:Dockerfile';
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM python:latest\n' } });
      const deadline = Date.now() + 30_000;
      while (!published.some(p => p.uri === uri) && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
      const codes = published.find(p => p.uri === uri)?.diagnostics.map(d => d.code);
      assert.ok(codes?.includes('base-image-latest'), JSON.stringify(published));
    });
  });
});

describe('the VSIX', { timeout: 180_000 }, () => {
  it('packages with vsce and holds the bundles, rule pages and grammar, no sources or tests', () => {
    const out = path.join(makeTempDir({}), 'layerwise.vsix');
    const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
    const packaged = spawnSync(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(packaged.status, 0, packaged.stdout + packaged.stderr);
    const listed = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const files = listed.stdout.split('\n').filter(Boolean);
    for (const f of ['dist/client.js', 'dist/server.js', 'syntaxes/dockerfile.tmLanguage.json', 'docs/rules/base-image-latest.md']) assert.ok(files.includes(f), `${f} missing from:\n${listed.stdout}`);
    assert.deepEqual(files.filter(f => /^(server|client|test|scripts)\//.test(f) || f.endsWith('.map')), []);
  });
});
