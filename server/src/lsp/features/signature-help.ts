import { MarkupKind, type SignatureHelp } from 'vscode-languageserver/node';
import { signatureHelpAt } from '../../engine/language/signature-help';
import type { Feature } from './types';

/** Signature help for instructions with several arguments and for `RUN --mount=` options. */
export const signatureHelpFeature: Feature = {
  name: 'signature-help',
  capabilities: () => ({ signatureHelpProvider: { triggerCharacters: [' ', '=', ','], retriggerCharacters: [':', '/'] } }),
  register(ctx) {
    ctx.connection.onSignatureHelp(async (params): Promise<SignatureHelp | null> => {
      try {
        const uri = params.textDocument.uri;
        if (!ctx.modelFor(uri)) return null;
        const settings = await ctx.settingsFor(uri);
        const model = ctx.modelFor(uri);
        if (!settings.enable || !model) return null;
        const help = signatureHelpAt(model, params.position);
        if (!help) return null;
        const markdown = ctx.clientCapabilities().textDocument?.signatureHelp?.signatureInformation?.documentationFormat?.includes(MarkupKind.Markdown) ?? false;
        const doc = (text: string | undefined) => (text === undefined ? undefined : markdown ? { kind: MarkupKind.Markdown, value: text } : text);
        return {
          activeSignature: help.activeSignature,
          activeParameter: help.activeParameter,
          signatures: help.signatures.map(s => ({
            label: s.label,
            documentation: doc(s.documentation),
            parameters: s.parameters.map(p => ({ label: p.label, documentation: doc(p.documentation) })),
          })),
        };
      } catch (e) {
        ctx.connection.console.error(`Signature help failed: ${(e as Error).stack ?? e}`);
        return null;
      }
    });
  },
};
