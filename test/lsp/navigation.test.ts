// Go to definition, find references and document highlight over stdio, against the bundled server:
// stages referred to before and after their definition, a global ARG re-declared in one stage and
// shadowed in another, uses in heredocs and RUN, and names that must give nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentHighlight, Location, LocationLink, Position } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lsp-client';

const DOCKERFILE = [
  'ARG VERSION=1.0',                       // 0
  'FROM alpine:3.19 AS build',             // 1
  'ARG VERSION',                           // 2
  'COPY --from=assets /a /a',              // 3   stage used before its definition
  'RUN echo "${VERSION:-none}" > /v',      // 4
  'FROM alpine:3.19 AS assets',            // 5
  'ARG VERSION=2.0',                       // 6   shadows the global in this stage only
  'RUN echo $VERSION',                     // 7
  'FROM build',                            // 8
  'COPY --from=assets /b /b',              // 9   ... and after it
  'COPY --from=nowhere /c /c',             // 10  not a stage
  'COPY <<EOF /etc/version',               // 11
  '$VERSION',                              // 12
  'EOF',                                   // 13
  '',
].join('\n');

const URI = 'untitled:navigation/Dockerfile';
const pos = (line: number, character: number): Position => ({ line, character });
const spots = (locations: { range: { start: Position } }[] | null) => (locations ?? []).map(l => `${l.range.start.line}:${l.range.start.character}`).sort();

describe('language server: definition, references, highlight', () => {
  let client: LspTestClient;
  let linkClient: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} } });
    linkClient = await LspTestClient.start({ settings: { layerwise: {} }, capabilities: { textDocument: { definition: { linkSupport: true } } } });
    await client.open(URI, DOCKERFILE);
    await linkClient.open(URI, DOCKERFILE);
  });
  after(async () => { await client?.shutdown(); await linkClient?.shutdown(); });

  it('advertises the providers', () => {
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.definitionProvider && caps.referencesProvider && caps.documentHighlightProvider);
  });

  it('a stage used before and after its definition goes to `AS assets`', async () => {
    for (const use of [pos(3, 14), pos(9, 14)]) {
      const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: URI }, position: use });
      assert.deepEqual(locations, [{ uri: URI, range: { start: pos(5, 20), end: pos(5, 26) } }]);
    }
    const base = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: URI }, position: pos(8, 6) });
    assert.deepEqual(spots(base), ['1:20']);
  });

  it('an unknown stage name, a keyword or an image gives no definition', async () => {
    for (const p of [pos(10, 15), pos(1, 2), pos(1, 7), pos(99, 0)]) {
      const result = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: URI }, position: p });
      assert.equal(result, null, `nothing at ${p.line}:${p.character}`);
    }
  });

  it('clients with linkSupport get a LocationLink spanning the declaring instruction', async () => {
    const links = await linkClient.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: URI }, position: pos(4, 14) });
    assert.equal(links.length, 1);
    assert.deepEqual(links[0].originSelectionRange, { start: pos(4, 12), end: pos(4, 19) });
    assert.deepEqual(links[0].targetSelectionRange, { start: pos(2, 4), end: pos(2, 11) }, 'the re-declaration in this stage');
    assert.deepEqual(links[0].targetRange, { start: pos(2, 0), end: pos(2, 11) });
  });

  it('references of the global ARG cover the stage that re-declares it and its heredoc, not the stage that shadows it', async () => {
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: pos(0, 5), context: { includeDeclaration: true } });
    assert.deepEqual(spots(refs), ['0:4', '12:1', '2:4', '4:12']);
    const shadowed = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: pos(7, 11), context: { includeDeclaration: false } });
    assert.deepEqual(spots(shadowed), ['7:10']);
    const withDeclaration = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: pos(7, 11), context: { includeDeclaration: true } });
    assert.deepEqual(spots(withDeclaration), ['6:4', '7:10']);
  });

  it('highlights every occurrence of a stage, declarations as writes', async () => {
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: URI }, position: pos(5, 22) });
    assert.deepEqual(highlights.map(h => `${h.range.start.line}:${h.range.start.character}:${h.kind}`).sort(), ['3:12:2', '5:20:3', '9:12:2']);
  });

  it('follows edits, and answers null for closed documents and positions off the text', async () => {
    const uri = 'untitled:navigation/Edited';
    await client.open(uri, 'FROM alpine AS one\nFROM one\n');
    await client.change(uri, 'FROM alpine AS two\nFROM two\nCOPY --from=two / /\n');
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: pos(1, 6), context: { includeDeclaration: true } });
    assert.deepEqual(spots(refs), ['0:15', '1:5', '2:12']);
    await client.close(uri);
    assert.equal(await client.request('textDocument/definition', { textDocument: { uri }, position: pos(1, 6) }), null);
    assert.equal(await client.request('textDocument/documentHighlight', { textDocument: { uri: URI }, position: pos(-1, -5) }), null);
  });
});
