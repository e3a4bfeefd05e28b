import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import { foldingRanges } from '../../engine/language/folding';
import { documentHandler } from './document-handler';
import type { Feature } from './types';

/** Folding of stages, continued instructions, heredocs and comment blocks. */
export const foldingFeature: Feature = {
  name: 'folding',
  capabilities: () => ({ foldingRangeProvider: true }),
  register(ctx) {
    ctx.connection.onFoldingRanges(documentHandler(ctx, 'foldingRange', null, (model): FoldingRange[] => {
      const limit = ctx.clientCapabilities().textDocument?.foldingRange?.rangeLimit;
      const folds = foldingRanges(model).map(f => ({
        startLine: f.startLine, endLine: f.endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region,
      }));
      return limit !== undefined && limit >= 0 ? folds.slice(0, limit) : folds;
    }));
  },
};
