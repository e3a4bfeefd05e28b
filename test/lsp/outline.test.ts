// Document symbols and folding ranges over stdio: the hierarchical outline for clients that support
// it, SymbolInformation with container names for those that do not, and line folds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, FoldingRange, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lsp-client';

const DOCKERFILE = [
  '# syntax=docker/dockerfile:1',  // 0
  '',                              // 1
  '# Build the binary,',           // 2
  '# statically linked.',          // 3
  'ARG GO=1.22',                   // 4
  'FROM golang:${GO} AS build',    // 5
  'ENV CGO_ENABLED=0',             // 6
  'RUN go build \\',               // 7
  '    -o /out/app ./cmd/app',     // 8
  'FROM scratch AS final',         // 9
  'COPY --from=build /out/app /',  // 10
  'COPY <<EOF /etc/motd',          // 11
  'hello',                         // 12
  'EOF',                           // 13
  '',
].join('\n');
const URI = 'untitled:outline/Dockerfile';

describe('language server: outline and folding', () => {
  let client: LspTestClient;
  let flatClient: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} }, capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } } });
    flatClient = await LspTestClient.start({ settings: { layerwise: {} } });
    await client.open(URI, DOCKERFILE);
    await flatClient.open(URI, DOCKERFILE);
  });
  after(async () => { await client?.shutdown(); await flatClient?.shutdown(); });

  it('hierarchical clients get stages with their instructions', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(symbols.map(s => [s.name, s.detail, (s.children ?? []).map(c => c.name)]), [
      ['ARG', 'GO=1.22', ['GO']],
      ['build', 'FROM golang:${GO}', ['ENV', 'RUN']],
      ['final', 'FROM scratch', ['COPY', 'COPY']],
    ]);
    assert.deepEqual(symbols[1].range, { start: { line: 5, character: 0 }, end: { line: 8, character: 25 } });
    assert.deepEqual(symbols[1].selectionRange, { start: { line: 5, character: 21 }, end: { line: 5, character: 26 } });
  });

  it('clients without hierarchy get a flat list whose container is the stage', async () => {
    const symbols = await flatClient.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.ok(symbols.every(s => 'location' in s && !('children' in s)));
    assert.deepEqual(symbols.map(s => `${s.containerName ?? '-'}/${s.name}`), [
      '-/ARG', 'ARG/GO', '-/build', 'build/ENV', 'ENV/CGO_ENABLED', 'build/RUN', '-/final', 'final/COPY', 'final/COPY',
    ]);
  });

  it('folds stages, continued instructions, heredocs and comment blocks', async () => {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepEqual(folds.map(f => `${f.startLine}-${f.endLine}${f.kind === 'comment' ? ' comment' : ''}`), ['2-3 comment', '5-8', '7-8', '9-13', '11-13']);
  });

  it('an empty or half-typed document answers without failing', async () => {
    const uri = 'untitled:outline/Half';
    await client.open(uri, 'FROM\nCOPY --from=\nRUN <<EOF\n');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
    await client.request('textDocument/foldingRange', { textDocument: { uri } });
    await client.change(uri, '');
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });
});
