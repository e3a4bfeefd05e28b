import { DocumentHighlightKind, type DocumentHighlight, type Location, type LocationLink } from 'vscode-languageserver/node';
import { nameIndexOf } from '../../engine/language/references';
import { documentHandler } from './document-handler';
import type { Feature } from './types';

/** Go to definition, find references and document highlight for stage names and ARG/ENV variables. */
export const navigationFeature: Feature = {
  name: 'navigation',
  capabilities: () => ({ definitionProvider: true, referencesProvider: true, documentHighlightProvider: true }),
  register(ctx) {
    const linkSupport = () => !!ctx.clientCapabilities().textDocument?.definition?.linkSupport;

    ctx.connection.onDefinition(documentHandler(ctx, 'definition', null, (model, params): Location[] | LocationLink[] | null => {
      const index = nameIndexOf(model);
      const at = index.at(params.position);
      const target = at && index.definitionOf(at);
      if (!at || !target) return null;
      const uri = params.textDocument.uri;
      if (!linkSupport()) return [{ uri, range: target.range }];
      const instruction = model.instructionAtLine(target.range.start.line);
      return [{ originSelectionRange: at.range, targetUri: uri, targetRange: instruction?.range ?? target.range, targetSelectionRange: target.range }];
    }));

    ctx.connection.onReferences(documentHandler(ctx, 'references', null, (model, params): Location[] | null => {
      const index = nameIndexOf(model);
      const at = index.at(params.position);
      if (!at) return null;
      return index.groupOf(at)
        .filter(o => params.context.includeDeclaration || !o.declaration)
        .map(o => ({ uri: params.textDocument.uri, range: o.range }));
    }));

    ctx.connection.onDocumentHighlight(documentHandler(ctx, 'highlight', null, (model, params): DocumentHighlight[] | null => {
      const index = nameIndexOf(model);
      const at = index.at(params.position);
      if (!at) return null;
      return index.groupOf(at).map(o => ({ range: o.range, kind: o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
    }));
  },
};
