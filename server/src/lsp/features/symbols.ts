import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import { documentSymbols, type OutlineKind, type OutlineSymbol } from '../../engine/language/symbols';
import { documentHandler } from './document-handler';
import type { Feature } from './types';

const KINDS: Record<OutlineKind, SymbolKind> = {
  stage: SymbolKind.Module,
  instruction: SymbolKind.Function,
  variable: SymbolKind.Variable,
  label: SymbolKind.Property,
};

/** The outline: stages with their instructions (a flat list with container names for older clients). */
export const symbolsFeature: Feature = {
  name: 'symbols',
  capabilities: () => ({ documentSymbolProvider: true }),
  register(ctx) {
    ctx.connection.onDocumentSymbol(documentHandler(ctx, 'documentSymbol', null, (model, params): DocumentSymbol[] | SymbolInformation[] => {
      const outline = documentSymbols(model);
      if (ctx.clientCapabilities().textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return outline.map(toDocumentSymbol);
      const flat: SymbolInformation[] = [];
      const walk = (symbols: OutlineSymbol[], container?: string) => {
        for (const s of symbols) {
          flat.push({ name: s.name, kind: KINDS[s.kind], location: { uri: params.textDocument.uri, range: s.range }, containerName: container });
          walk(s.children, s.name);
        }
      };
      walk(outline);
      return flat;
    }));
  },
};

function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  return { name: s.name, detail: s.detail, kind: KINDS[s.kind], range: s.range, selectionRange: s.selectionRange, children: s.children.map(toDocumentSymbol) };
}
