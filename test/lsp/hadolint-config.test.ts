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

describe('language server: .hadolint.yaml', () => {
  let client: LspTestClient;
  let dir: string;
  let hadolintFile: string;
  let uri: string;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: { validate: { debounce: 0 } } } });
    dir = makeTempDir({ ...APP_CONTEXT, '.hadolint.yaml': 'ignored:\n  - DL3007\noverride:\n  warning:\n    - DL3064\n' });
    hadolintFile = path.join(dir, '.hadolint.yaml');
    uri = fileUri(path.join(dir, 'Dockerfile'));
    await client.open(uri, APP_DOCKERFILE);
  });
  after(async () => { await client?.shutdown(); });

  async function edit(file: string, text: string): Promise<number> {
    fs.writeFileSync(file, text);
    const future = new Date(Date.now() + 5000 + Math.random() * 1000);
    fs.utimesSync(file, future, future);
    const count = client.publishCount(uri);
    await client.didChangeWatchedFiles([{ uri: fileUri(file), type: FileChangeType.Changed }]);
    return count;
  }

  it('its ignored and override lists apply through the rules\' DL aliases', async () => {
    const p = await client.waitForVersion(uri, 1);
    assert.equal(withCode(p.diagnostics, LATEST).length, 0, `DL3007 is ignored: ${JSON.stringify(p.diagnostics)}`);
    assert.equal(withCode(p.diagnostics, SECRET)[0]?.severity, DiagnosticSeverity.Warning, 'DL3064 is overridden to warning');
    assert.equal(withCode(p.diagnostics, COPY).length, 1, 'other rules still report');
  });

  it('a .layerwise.yaml beside it wins', async () => {
    const ours = path.join(dir, '.layerwise.yaml');
    const count = await edit(ours, 'rules:\n  DL3007: error\n');
    const p = await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, LATEST).length === 1, 10_000, count);
    assert.equal(withCode(p.diagnostics, LATEST)[0].severity, DiagnosticSeverity.Error);
    assert.equal(withCode(p.diagnostics, SECRET)[0]?.severity, DiagnosticSeverity.Warning, 'what .layerwise.yaml does not set still comes from .hadolint.yaml');
    fs.rmSync(ours);
    const count2 = client.publishCount(uri);
    await client.didChangeWatchedFiles([{ uri: fileUri(ours), type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, LATEST).length === 0, 10_000, count2);
  });

  it('an invalid file is reported as a warning and the rest keeps working', async () => {
    const count = await edit(hadolintFile, 'override:\n  fatal: [DL3007]\n');
    const msg = await client.waitForMessage(m => m.message.includes('.hadolint.yaml'));
    assert.equal(msg.type, MessageType.Warning);
    assert.match(msg.message, /override\.fatal/);
    const p = await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, LATEST).length === 1, 10_000, count);
    assert.equal(withCode(p.diagnostics, SECRET)[0]?.severity, DiagnosticSeverity.Error, 'defaults apply');
  });

  it('its label schema turns on the label rules', async () => {
    const count = await edit(hadolintFile, 'label-schema:\n  org.opencontainers.image.source: url\n');
    const p = await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, 'label-missing').length === 1, 10_000, count);
    assert.equal(withCode(p.diagnostics, 'label-missing')[0].severity, DiagnosticSeverity.Information);
  });
});
