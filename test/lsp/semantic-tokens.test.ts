// Semantic tokens over stdio: the legend, the relative encoding of a full answer, and range requests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lsp-client';

const DOCKERFILE = [
  '# escape=\\',                                      // 0
  'ARG BASE=alpine',                                  // 1
  'FROM ${BASE} AS build',                            // 2
  'RUN --mount=type=cache,target=/c echo $BASE',      // 3
  'FROM build',                                       // 4
  'COPY --from=build /a /b',                          // 5
  '',
].join('\n');
const URI = 'untitled:tokens/Dockerfile';

/** Decodes LSP's five-integer relative encoding into `line:text type.modifiers`. */
function decode(tokens: SemanticTokens, legend: SemanticTokensLegend, text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0, character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, length, type, mods] = tokens.data.slice(i, i + 5);
    line += dl;
    character = dl ? dc : character + dc;
    const modifiers = legend.tokenModifiers.filter((_, bit) => mods & (1 << bit));
    out.push(`${line}:${lines[line].slice(character, character + length)} ${[legend.tokenTypes[type], ...modifiers].join('.')}`);
  }
  return out;
}

describe('language server: semantic tokens', () => {
  let client: LspTestClient;
  let legend: SemanticTokensLegend;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} } });
    const provider = client.initializeResult.capabilities.semanticTokensProvider!;
    legend = provider.legend;
    await client.open(URI, DOCKERFILE);
  });
  after(async () => { await client?.shutdown(); });

  it('advertises a legend of standard token types with full and range requests', () => {
    const provider = client.initializeResult.capabilities.semanticTokensProvider!;
    assert.ok(provider.full && provider.range);
    for (const type of ['keyword', 'comment', 'variable', 'namespace', 'type', 'parameter']) assert.ok(legend.tokenTypes.includes(type), type);
    assert.ok(legend.tokenModifiers.includes('declaration'));
  });

  it('full: keywords, flags, variables, stage names (declared and used) and images', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    assert.deepEqual(decode(tokens, legend, DOCKERFILE), [
      '0:# escape=\\ macro',
      '1:ARG keyword', '1:BASE variable.declaration',
      '2:FROM keyword', '2:BASE variable', '2:AS keyword', '2:build namespace.declaration',
      '3:RUN keyword', '3:--mount parameter', '3:BASE variable',
      '4:FROM keyword', '4:build namespace',
      '5:COPY keyword', '5:--from parameter', '5:build namespace',
    ]);
  });

  it('range: only the tokens of the requested lines', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri: URI }, range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } },
    });
    assert.deepEqual(decode(tokens, legend, DOCKERFILE), ['4:FROM keyword', '4:build namespace', '5:COPY keyword', '5:--from parameter', '5:build namespace']);
  });
});
