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
  settingsChanged(ctx) {
    // `layerwise.inlayHints.enable` and the values shown may have changed; clients keep hints until asked to refresh.
    if (ctx.clientCapabilities().workspace?.inlayHint?.refreshSupport) void ctx.connection.languages.inlayHint.refresh().catch(() => undefined);
  },
};
