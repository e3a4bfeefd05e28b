// Every navigation request on closed documents, absurd positions and ranges, and half-typed text:
// answered (null or empty), never an internal error, and the server keeps running.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../helpers/lsp-client';

const HALF_TYPED = ['FROM', 'FROM alpine AS', 'ARG', 'ENV =', 'COPY --from=', 'RUN --mount=from=,', 'RUN echo ${', 'RUN <<EOF', 'echo $', 'ONBUILD COPY --from=x', '# escape=`', 'FROM "quoted" AS "x"', 'LABEL a=', 'HEALTHCHECK CMD $'].join('\n');

const POSITIONS = [{ line: -1, character: -1 }, { line: 0, character: 1e9 }, { line: 1e6, character: 0 }, { line: 6, character: 11 }, { line: 7, character: 3 }];
const RANGES = [{ start: { line: 5, character: 0 }, end: { line: 1, character: 0 } }, { start: { line: -3, character: -3 }, end: { line: 1e6, character: 1e6 } }];

function requestsFor(uri: string): [string, unknown][] {
  const doc = { textDocument: { uri } };
  const out: [string, unknown][] = [
    ['textDocument/documentSymbol', doc], ['textDocument/foldingRange', doc], ['textDocument/documentLink', doc],
    ['textDocument/semanticTokens/full', doc],
  ];
  for (const position of POSITIONS) {
    out.push(['textDocument/definition', { ...doc, position }], ['textDocument/documentHighlight', { ...doc, position }],
      ['textDocument/references', { ...doc, position, context: { includeDeclaration: true } }]);
  }
  for (const range of RANGES) out.push(['textDocument/semanticTokens/range', { ...doc, range }], ['textDocument/inlayHint', { ...doc, range }]);
  return out;
}

describe('language server: navigation requests never fail', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} }, capabilities: { textDocument: { rename: { prepareSupport: true } } } });
  });
  after(async () => { await client?.shutdown(); });

  it('on half-typed text and on a document that was never opened', async () => {
    const open = 'untitled:robust/Dockerfile';
    await client.open(open, HALF_TYPED);
    for (const uri of [open, 'untitled:robust/never-opened']) {
      for (const [method, params] of requestsFor(uri)) {
        await client.request(method, params).catch((e: Error) => assert.fail(`${method} ${JSON.stringify(params)} failed: ${e.message}`));
      }
    }
    // Rename may refuse, but with a reason, not a crash.
    for (const position of POSITIONS) {
      await client.request('textDocument/prepareRename', { textDocument: { uri: open }, position })
        .catch((e: Error) => assert.match(e.message, /renamed|not declared|scope/));
    }
    assert.equal(client.exitCode, null, 'the server is still running');
    const thrown = client.logs.filter(l => /^layerwise \S+ failed on/.test(l.message));
    assert.deepEqual(thrown.map(l => l.message.split('\n')[0]), [], 'no handler threw');
  });
});
