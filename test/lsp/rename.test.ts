// Rename over stdio: prepareRename (and its absence for clients that do not ask), the edits for a
// stage and for a re-declared global ARG, and the refusals with their reasons.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ResponseError, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lsp-client';
import { applyTextEdits } from '../helpers/text-edits';

const DOCKERFILE = [
  'ARG NODE_VERSION=20',                               // 0
  'FROM node:${NODE_VERSION}-alpine AS deps',           // 1
  'ARG NODE_VERSION',                                   // 2
  'RUN echo "$NODE_VERSION" && npm ci',                 // 3
  'FROM node:${NODE_VERSION}-alpine',                   // 4
  'COPY --from=deps /app/node_modules ./node_modules',  // 5
  'RUN --mount=type=cache,from=deps,target=/x echo $HOME', // 6
  '',
].join('\n');

const URI = 'untitled:rename/Dockerfile';
const pos = (line: number, character: number): Position => ({ line, character });

describe('language server: rename', () => {
  let client: LspTestClient;
  let plainClient: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} }, capabilities: { textDocument: { rename: { prepareSupport: true } } } });
    plainClient = await LspTestClient.start({ settings: { layerwise: {} } });
    await client.open(URI, DOCKERFILE);
    await plainClient.open(URI, DOCKERFILE);
  });
  after(async () => { await client?.shutdown(); await plainClient?.shutdown(); });

  const rename = (c: LspTestClient, position: Position, newName: string) =>
    c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: URI }, position, newName });

  it('offers prepareRename only to clients that support it', () => {
    assert.deepEqual(client.initializeResult.capabilities.renameProvider, { prepareProvider: true });
    assert.equal(plainClient.initializeResult.capabilities.renameProvider, true);
  });

  it('prepareRename gives the name under the cursor and refuses elsewhere with a reason', async () => {
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: URI }, position: pos(5, 14) });
    assert.deepEqual(prepared, { range: { start: pos(5, 12), end: pos(5, 16) }, placeholder: 'deps' });
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: URI }, position: pos(3, 30) }),
      (e: unknown) => e instanceof ResponseError && /stage names and ARG or ENV variables/.test(e.message));
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: URI }, position: pos(6, 51) }),
      (e: unknown) => e instanceof ResponseError && /HOME is not declared/.test(e.message));
  });

  it('renames a stage at its definition, COPY --from and RUN --mount from=', async () => {
    const edit = await rename(client, pos(1, 39), 'dependencies');
    const text = applyTextEdits(DOCKERFILE, edit.changes![URI]);
    assert.equal(text.split('\n')[1], 'FROM node:${NODE_VERSION}-alpine AS dependencies');
    assert.equal(text.split('\n')[5], 'COPY --from=dependencies /app/node_modules ./node_modules');
    assert.equal(text.split('\n')[6], 'RUN --mount=type=cache,from=dependencies,target=/x echo $HOME');
  });

  it('renames a global ARG in both FROM lines, its re-declaration and the shell use', async () => {
    const edit = await rename(plainClient, pos(3, 14), 'NODE_MAJOR');
    const text = applyTextEdits(DOCKERFILE, edit.changes![URI]);
    assert.equal(text, DOCKERFILE.replaceAll('NODE_VERSION', 'NODE_MAJOR'));
  });

  it('refuses invalid new names', async () => {
    await assert.rejects(rename(client, pos(1, 39), '2fast'), (e: unknown) => e instanceof ResponseError && /not a valid stage name/.test(e.message));
    await assert.rejects(rename(client, pos(0, 5), 'NODE-VERSION'), (e: unknown) => e instanceof ResponseError && /not a valid variable name/.test(e.message));
  });
});
