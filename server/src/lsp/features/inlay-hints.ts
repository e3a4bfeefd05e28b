import type { InlayHint } from 'vscode-languageserver/node';
import { valueHints } from '../../engine/language/inlay-hints';
import { documentHandler } from './document-handler';
import type { Feature } from './types';

/** The resolved value of ARG/ENV variables where they are used (`layerwise.inlayHints.enable`). */
export const inlayHintsFeature: Feature = {
  name: 'inlayHints',
  capabilities: () => ({ inlayHintProvider: true }),
  register(ctx) {
    ctx.connection.languages.inlayHint.on(documentHandler(ctx, 'inlayHint', null, (model, params, settings): InlayHint[] | null => {
      if (!settings.inlayHints.enable) return null;
      return valueHints(model, params.range).map(h => ({ position: h.position, label: h.label, tooltip: h.tooltip, paddingLeft: true }));
    }));
  },
};
