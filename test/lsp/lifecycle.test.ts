import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ExitNotification, ResponseError, ErrorCodes, type CodeActionOptions } from 'vscode-languageserver-protocol/node';
import { APP_CONTEXT, APP_DOCKERFILE } from '../helpers/fixtures';
import { LspTestClient } from '../helpers/lsp-client';
import { assertBuilt, fileUri, makeTempDir, REPO_ROOT, SERVER_JS } from '../helpers/paths';

const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;

describe('language server: process and command line', () => {
  before(() => assertBuilt(SERVER_JS));

  it('exits with code 2 and prints usage on stderr when started without a transport flag', () => {
    const r = spawnSync(process.execPath, [SERVER_JS], { encoding: 'utf8', input: '', timeout: 10_000 });
    assert.equal(r.status, 2, `expected exit code 2, got ${r.status} (signal ${r.signal}); stderr: ${r.stderr}`);
    assert.match(r.stderr, /Usage:/, `stderr should contain a usage message, got: ${JSON.stringify(r.stderr)}`);
    assert.match(r.stderr, /--stdio/, 'the usage message should mention --stdio');
    assert.equal(r.stdout, '', 'nothing may be written to stdout (it is the LSP channel in normal use)');
  });

  it('--version prints the package version and exits 0', () => {
    const r = spawnSync(process.execPath, [SERVER_JS, '--version'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(r.status, 0, `--version should exit 0; stderr: ${r.stderr}`);
    assert.equal(r.stdout.trim(), PACKAGE_VERSION, `--version should print ${PACKAGE_VERSION}`);
  });

  it('--help prints usage on stdout and exits 0', () => {
    const r = spawnSync(process.execPath, [SERVER_JS, '--help'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(r.status, 0, `--help should exit 0; stderr: ${r.stderr}`);
    assert.match(r.stdout, /Usage:/);
  });

  it('shutdown followed by exit ends the process with code 0', async () => {
    const client = await LspTestClient.start();
    const code = await client.shutdown();
    assert.equal(code, 0, `expected exit code 0 after shutdown + exit.${client.describe()}`);
  });

  it('exit without a prior shutdown ends the process with code 1 (as the LSP specification requires)', async () => {
    const client = await LspTestClient.start();
    await client.connection.sendNotification(ExitNotification.type);
    const exited = await client.waitForExit(10_000);
    assert.ok(exited, 'the server should exit on the exit notification');
    assert.equal(client.exitCode, 1, `exit without shutdown should give code 1.${client.describe()}`);
    await client.shutdown();
  });
});

describe('language server: initialize and robustness', () => {
  let client: LspTestClient;
  let dir: string;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} } });
    dir = makeTempDir(APP_CONTEXT);
  });
  after(async () => { await client?.shutdown(); });

  it('initialize advertises hover, code actions (quickfix and source.fixAll.layerwise) and serverInfo', () => {
    const { capabilities, serverInfo } = client.initializeResult;
    assert.equal(capabilities.hoverProvider, true, 'hoverProvider should be true');
    const ca = capabilities.codeActionProvider;
    assert.ok(ca && typeof ca === 'object', `codeActionProvider should be an options object with kinds, got ${JSON.stringify(ca)}`);
    const kinds = (ca as CodeActionOptions).codeActionKinds ?? [];
    assert.ok(kinds.includes('quickfix'), `codeActionKinds should include quickfix: ${JSON.stringify(kinds)}`);
    assert.ok(kinds.includes('source.fixAll.layerwise'), `codeActionKinds should include source.fixAll.layerwise: ${JSON.stringify(kinds)}`);
    assert.ok(capabilities.textDocumentSync !== undefined, 'textDocumentSync should be set');
    assert.equal(serverInfo?.name, 'layerwise');
    assert.equal(serverInfo?.version, PACKAGE_VERSION, 'serverInfo.version should be the package version');
  });

  it('answers MethodNotFound for an unknown request and keeps working', async () => {
    await assert.rejects(client.request('layerwise/noSuchMethod', {}), (e: unknown) => {
      assert.ok(e instanceof ResponseError, `expected a ResponseError, got ${String(e)}`);
      assert.equal(e.code, ErrorCodes.MethodNotFound, `expected code ${ErrorCodes.MethodNotFound}, got ${e.code}: ${e.message}`);
      return true;
    });
    // Unknown notifications must be ignored too.
    await client.notify('layerwise/noSuchNotification', { x: 1 });
    await client.notify('$/noSuchProtocolNotification', {});

    const uri = fileUri(path.join(dir, 'Dockerfile'));
    await client.open(uri, APP_DOCKERFILE);
    const published = await client.waitForVersion(uri, 1, p => p.diagnostics.length > 0);
    assert.ok(published.diagnostics.some(d => d.code === 'base-image-latest'), 'the server should still analyse documents after an unknown method');
    const hover = await client.hover(uri, { line: 0, character: 1 });
    assert.ok(hover, 'hover should still answer after an unknown method');
  });

  it('answers requests for documents that were never opened with null / no actions', async () => {
    const uri = fileUri(path.join(dir, 'never-opened', 'Dockerfile'));
    const hover = await client.hover(uri, { line: 0, character: 0 });
    assert.equal(hover, null, 'hover on an unknown document should be null');
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, { only: ['quickfix'] });
    assert.ok(actions === null || (Array.isArray(actions) && actions.length === 0), `code actions on an unknown document should be null or [], got ${JSON.stringify(actions)}`);
    const fixAll = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { only: ['source.fixAll.layerwise'] });
    assert.ok(fixAll === null || (Array.isArray(fixAll) && fixAll.length === 0), `fix-all on an unknown document should be null or [], got ${JSON.stringify(fixAll)}`);
    assert.equal(client.exitCode, null, 'the server must still be running');
  });

  it('handles a document that is not a file: URI (untitled) without a build context', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, 'FROM python:latest\nENV DB_PASSWORD=hunter2\n');
    const p = await client.waitForVersion(uri, 1);
    assert.ok(p.diagnostics.some(d => d.code === 'base-image-latest'), `untitled documents should be analysed: ${JSON.stringify(p)}`);
    assert.ok(p.diagnostics.some(d => d.code === 'secret-in-env-or-arg'), `untitled documents should be analysed: ${JSON.stringify(p)}`);
    await client.close(uri);
  });

  it('survives garbage in a document (binary-ish text, unterminated heredoc, odd flags)', async () => {
    const uri = fileUri(path.join(dir, 'Garbage.dockerfile'));
    const garbage = '\u0000\u0001FROM\nRUN <<EOF\n  echo never closed\nCOPY --from= . .\nENV =\nARG\nFROM  AS\n\uFFFF\n';
    await client.open(uri, garbage);
    await client.waitForVersion(uri, 1, () => true, 10_000);
    const hover = await client.hover(uri, { line: 1, character: 1 });
    assert.ok(hover === null || typeof hover === 'object');
    assert.equal(client.exitCode, null, `the server must not crash on odd input.${client.describe(uri)}`);
    await client.close(uri);
  });
});
