import type { FormattingOptions, TextEdit } from 'vscode-languageserver/node';
import { formatDockerfile, formatOnType, type FormatOptions } from '../../engine/format';
import type { ServerSettings } from '../settings';
import { documentHandler } from './document-handler';
import type { Feature } from './types';

/** The editor's options for this request, plus the `layerwise.format.*` settings of the document. */
function optionsFor(editor: FormattingOptions, settings: ServerSettings): FormatOptions {
  return {
    tabSize: editor.tabSize,
    insertSpaces: editor.insertSpaces,
    insertFinalNewline: editor.insertFinalNewline,
    trimFinalNewlines: editor.trimFinalNewlines,
    continuationIndent: settings.format.continuationIndent,
    keepAlignedContinuations: settings.format.keepAlignedContinuations,
    maxBlankLines: settings.format.maxBlankLines,
  };
}

/**
 * Document, range and on-type formatting (engine/format.ts) on the shared parse: keywords,
 * spacing, continuation indentation, blank lines; never the meaning of the file.
 */
export const formattingFeature: Feature = {
  name: 'formatting',
  capabilities: () => ({
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
  }),
  register(ctx) {
    const none: TextEdit[] = [];
    ctx.connection.onDocumentFormatting(documentHandler(ctx, 'formatting', none,
      (model, params, settings) => formatDockerfile(model, optionsFor(params.options, settings))));
    ctx.connection.onDocumentRangeFormatting(documentHandler(ctx, 'rangeFormatting', none,
      (model, params, settings) => formatDockerfile(model, optionsFor(params.options, settings), params.range)));
    ctx.connection.onDocumentOnTypeFormatting(documentHandler(ctx, 'onTypeFormatting', none,
      (model, params, settings) => formatOnType(model, params.position, params.ch, optionsFor(params.options, settings))));
  },
};
