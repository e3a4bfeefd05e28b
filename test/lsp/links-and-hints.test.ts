// Document links and inlay hints over stdio: registry pages for FROM images, build-context files for
// COPY sources, resolved values after variable uses (secrets masked), and the setting that turns hints off.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { DocumentLink, InlayHint } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';

const DOCKERFILE = [
  'ARG PY=3.12',                                   // 0
  'FROM python:${PY}-slim AS build',               // 1
  'ARG PY',                                        // 2
  'ARG PIP_TOKEN=s3cr3t-value',                    // 3
  'ENV APP_HOME=/srv/app',                         // 4
  'COPY requirements.txt missing.txt $APP_HOME/',  // 5
  'RUN pip install --index-url https://u:$PIP_TOKEN@pypi.example/simple -r $APP_HOME/requirements.txt', // 6
  'FROM ghcr.io/astral-sh/uv:0.4 AS uv',           // 7
  'FROM bitnami/redis:7.2',                        // 8
  'COPY --from=build /srv/app /srv/app',           // 9
  'COPY ["app/main.py", "/srv/app/"]',             // 10
  '',
].join('\n');

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } };

describe('language server: document links and inlay hints', () => {
  let client: LspTestClient;
  let dir: string;
  let uri: string;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} } });
    dir = makeTempDir({ 'requirements.txt': 'flask\n', 'app/main.py': 'print(1)\n' });
    uri = fileUri(path.join(dir, 'Dockerfile'));
    await client.open(uri, DOCKERFILE);
  });
  after(async () => { await client?.shutdown(); });

  it('links images to their registry pages and existing COPY sources to their files', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    const shown = links.map(l => ({ range: l.range, target: l.target }));
    assert.deepEqual(shown, [
      { range: range(1, 5, 22), target: 'https://hub.docker.com/_/python' },
      { range: range(7, 5, 25), target: 'https://ghcr.io/astral-sh/uv' },
      { range: range(8, 5, 18), target: 'https://hub.docker.com/r/bitnami/redis' },
      { range: range(5, 5, 21), target: pathToFileURL(path.join(dir, 'requirements.txt')).href },
      { range: range(10, 7, 18), target: pathToFileURL(path.join(dir, 'app', 'main.py')).href },
    ]);
  });

  it('documents without a folder on disk get image links only', async () => {
    const untitled = 'untitled:links/Dockerfile';
    await client.open(untitled, 'FROM node:20\nCOPY requirements.txt .\n');
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: untitled } });
    assert.deepEqual(links.map(l => l.target), ['https://hub.docker.com/_/node']);
  });

  it('shows resolved values after uses, masks secrets and skips what is not known', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: WHOLE });
    assert.deepEqual(hints.map(h => `${h.position.line}:${h.position.character} ${String(h.label)}`), [
      '1:17 = 3.12', '5:43 = /srv/app', '6:48 = ••••••', '6:81 = /srv/app',
    ]);
    assert.ok(!JSON.stringify(hints).includes('s3cr3t'), 'the secret value never reaches the client');
    const line5 = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: range(5, 0, 5) });
    assert.deepEqual(line5.map(h => h.position.line), [5]);
  });

  it('layerwise.inlayHints.enable = false turns them off', async () => {
    const off = await LspTestClient.start({ settings: { layerwise: { inlayHints: { enable: false } } } });
    try {
      await off.open(uri, DOCKERFILE);
      assert.equal(await off.request('textDocument/inlayHint', { textDocument: { uri }, range: WHOLE }), null);
    } finally {
      await off.shutdown();
    }
  });

  it('asks clients that support it to refresh their hints when settings change', async () => {
    const refreshing = await LspTestClient.start({ settings: { layerwise: {} }, capabilities: { workspace: { inlayHint: { refreshSupport: true } } } });
    try {
      let refreshes = 0;
      refreshing.connection.onRequest('workspace/inlayHint/refresh', () => { refreshes++; return null; });
      await refreshing.open(uri, DOCKERFILE);
      assert.ok(await refreshing.request<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri }, range: WHOLE }));
      refreshing.settings = { layerwise: { inlayHints: { enable: false } } };
      await refreshing.didChangeConfiguration();
      const deadline = Date.now() + 10_000;
      while (refreshes === 0 && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
      assert.equal(refreshes, 1, 'one refresh request after the change');
      assert.equal(await refreshing.request('textDocument/inlayHint', { textDocument: { uri }, range: WHOLE }), null);
    } finally {
      await refreshing.shutdown();
    }
  });
});
