import type { SemanticTokens } from 'vscode-languageserver/node';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES, type SemanticToken } from '../../engine/language/semantic-tokens';
import { documentHandler } from './document-handler';
import type { Feature } from './types';

/** Semantic tokens over the shared parse, for the whole document or a visible range. */
export const semanticTokensFeature: Feature = {
  name: 'semanticTokens',
  capabilities: () => ({
    semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true, range: true },
  }),
  register(ctx) {
    const empty: SemanticTokens = { data: [] };
    ctx.connection.languages.semanticTokens.on(documentHandler(ctx, 'semanticTokens', empty, model => encode(semanticTokens(model))));
    ctx.connection.languages.semanticTokens.onRange(documentHandler(ctx, 'semanticTokens/range', empty, (model, params) => encode(semanticTokens(model, params.range))));
  },
};

/** LSP's relative encoding: five integers per token, positions relative to the previous token. */
export function encode(tokens: SemanticToken[]): SemanticTokens {
  const data: number[] = [];
  let line = 0, character = 0;
  for (const t of tokens) {
    const deltaLine = t.line - line;
    data.push(deltaLine, deltaLine === 0 ? t.character - character : t.character, t.length, TOKEN_TYPES.indexOf(t.type),
      t.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0));
    line = t.line;
    character = t.character;
  }
  return { data };
}
