import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, FileChangeType, MessageType } from 'vscode-languageserver-protocol/node';
import { APP_CONTEXT, APP_DOCKERFILE } from '../helpers/fixtures';
import { LspTestClient, withCode } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';

const LATEST = 'base-image-latest';
const SECRET = 'secret-in-env-or-arg';
const COPY = 'copy-all-before-install';

describe('language server: .layerwise.yaml', () => {
  let client: LspTestClient;
  let dir: string;
  let configFile: string;
  let uri: string;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: { validate: { debounce: 0 } } } });
    dir = makeTempDir({ ...APP_CONTEXT, '.layerwise.yaml': 'rules:\n  secret-in-env-or-arg: off\n' });
    configFile = path.join(dir, '.layerwise.yaml');
    uri = fileUri(path.join(dir, 'Dockerfile'));
    await client.open(uri, APP_DOCKERFILE);
  });
  after(async () => { await client?.shutdown(); });

  async function editConfig(text: string): Promise<number> {
    fs.writeFileSync(configFile, text);
    // Make sure the modification time differs even on coarse file systems.
    const future = new Date(Date.now() + 5000 + Math.random() * 1000);
    fs.utimesSync(configFile, future, future);
    const count = client.publishCount(uri);
    await client.didChangeWatchedFiles([{ uri: fileUri(configFile), type: FileChangeType.Changed }]);
    return count;
  }

  it('a .layerwise.yaml next to the Dockerfile is honoured', async () => {
    const p = await client.waitForVersion(uri, 1);
    assert.equal(withCode(p.diagnostics, SECRET).length, 0, `secret-in-env-or-arg is off in .layerwise.yaml: ${JSON.stringify(p.diagnostics)}`);
    assert.equal(withCode(p.diagnostics, LATEST).length, 1, 'other rules still report');
  });

  it('editing it and sending workspace/didChangeWatchedFiles applies the change', async () => {
    const count = await editConfig('rules:\n  secret-in-env-or-arg: warning\n  DL3007: off\n');
    const p = await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, LATEST).length === 0, 10_000, count);
    const secret = withCode(p.diagnostics, SECRET);
    assert.equal(secret.length, 1, 'the secret rule is back on');
    assert.equal(secret[0].severity, DiagnosticSeverity.Warning, 'with the configured severity (warning instead of the default error)');
    assert.equal(p.version, 1, 'no document edit was needed');
  });

  it('editor settings override the file', async () => {
    client.settings = { layerwise: { validate: { debounce: 0 }, rules: { [LATEST]: 'error' } } };
    const count = client.publishCount(uri);
    await client.didChangeConfiguration(null);
    const p = await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, LATEST).length === 1, 10_000, count);
    assert.equal(withCode(p.diagnostics, LATEST)[0].severity, DiagnosticSeverity.Error, 'the setting (error) wins over the file (off)');
    assert.equal(withCode(p.diagnostics, SECRET)[0]?.severity, DiagnosticSeverity.Warning, 'rules not in the settings still come from the file');
    client.settings = { layerwise: { validate: { debounce: 0 } } };
    const count2 = client.publishCount(uri);
    await client.didChangeConfiguration(null);
    await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, LATEST).length === 0, 10_000, count2);
  });

  it('an invalid file shows a window/showMessage warning, the server keeps working with the defaults', async () => {
    const count = await editConfig('rules: [unclosed\n  : : :\n');
    const msg = await client.waitForMessage(m => m.message.includes('.layerwise.yaml'));
    assert.equal(msg.type, MessageType.Warning, `expected a warning: ${JSON.stringify(msg)}`);
    assert.match(msg.message, /YAML/i, `the message should say what is wrong: ${msg.message}`);
    const p = await client.waitForDiagnostics(uri, () => true, 10_000, count);
    assert.equal(withCode(p.diagnostics, LATEST).length, 1, 'defaults apply: base-image-latest is reported');
    assert.equal(withCode(p.diagnostics, SECRET)[0]?.severity, DiagnosticSeverity.Error, 'defaults apply: the literal secret is an error');
    assert.equal(client.exitCode, null, `the server must not crash.${client.describe(uri)}`);
    const hover = await client.hover(uri, { line: 0, character: 14 });
    assert.ok(hover, 'hover still works');
  });

  it('an unknown rule or severity in the file is reported the same way', async () => {
    const before = client.messages.length;
    await editConfig('rules:\n  no-such-rule: off\n');
    const msg = await client.waitForMessage(m => m.message.includes('no-such-rule'));
    assert.equal(msg.type, MessageType.Warning);
    assert.ok(client.messages.length > before);
  });

  it('fixing the file recovers without a restart', async () => {
    const count = await editConfig('rules:\n  copy-all-before-install: off\n');
    const p = await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, COPY).length === 0, 10_000, count);
    assert.equal(withCode(p.diagnostics, LATEST).length, 1);
    assert.equal(withCode(p.diagnostics, SECRET).length, 1);
  });

  it('deleting it restores the defaults', async () => {
    fs.rmSync(configFile);
    const count = client.publishCount(uri);
    await client.didChangeWatchedFiles([{ uri: fileUri(configFile), type: FileChangeType.Deleted }]);
    const p = await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, COPY).length === 1, 10_000, count);
    assert.equal(withCode(p.diagnostics, LATEST).length, 1);
    assert.equal(withCode(p.diagnostics, SECRET)[0]?.severity, DiagnosticSeverity.Error);
  });

  it('a .layerwise.yaml in a parent folder applies to Dockerfiles in subfolders; the nearest one wins', async () => {
    const root = makeTempDir({ '.layerwise.yaml': 'rules:\n  base-image-latest: off\n', 'svc/requirements.txt': 'flask\n', 'other/.layerwise.yaml': 'rules:\n  secret-in-env-or-arg: off\n', 'other/requirements.txt': 'flask\n' });
    const inSub = fileUri(path.join(root, 'svc', 'Dockerfile'));
    const inOther = fileUri(path.join(root, 'other', 'Dockerfile'));
    await client.open(inSub, APP_DOCKERFILE);
    await client.open(inOther, APP_DOCKERFILE);
    const a = await client.waitForVersion(inSub, 1);
    assert.equal(withCode(a.diagnostics, LATEST).length, 0, 'the parent config turns base-image-latest off');
    assert.equal(withCode(a.diagnostics, SECRET).length, 1);
    const b = await client.waitForVersion(inOther, 1);
    assert.equal(withCode(b.diagnostics, SECRET).length, 0, 'the nearest config turns the secret rule off');
    assert.equal(withCode(b.diagnostics, LATEST).length, 1, 'the nearest config replaces the parent one (it does not merge)');
  });
});
