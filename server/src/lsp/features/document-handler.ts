import type { DockerfileModel } from '../../engine/model';
import type { ServerSettings } from '../settings';
import type { FeatureContext } from './types';

/**
 * Wraps a request handler on one document: answers `fallback` when the document is not open,
 * Layerwise is disabled for it, or the handler throws (logged), so no text or position can
 * crash the server or leave a request unanswered.
 */
export function documentHandler<P extends { textDocument: { uri: string } }, R>(
  ctx: FeatureContext, feature: string, fallback: R,
  handler: (model: DockerfileModel, params: P, settings: ServerSettings) => R | Promise<R>,
): (params: P) => Promise<R> {
  return async params => {
    const uri = params.textDocument.uri;
    if (!ctx.modelFor(uri)) return fallback;
    try {
      const settings = await ctx.settingsFor(uri);
      // The document may have closed or changed while settings were fetched: use what is current.
      const model = ctx.modelFor(uri);
      if (!model || !settings.enable) return fallback;
      return await handler(model, params, settings);
    } catch (err) {
      ctx.connection.console.error(`layerwise ${feature} failed on ${uri}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return fallback;
    }
  };
}
