import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE } from './convert';

/**
 * Documents beyond these sizes are neither parsed nor analysed. The server answers every request
 * on one thread: parsing 10 MB alone takes tens of seconds, and analysis time grows with the
 * number of instructions (about 4 s for 10,000 lines on a busy machine). Real Dockerfiles are a
 * few hundred lines; a generated one with a 1 MB line is still analysed.
 */
export const MAX_ANALYSED_LENGTH = 1 << 20;
export const MAX_ANALYSED_LINES = 10_000;

export function isTooLarge(doc: TextDocument): boolean {
  // `?.`: a client that opens a document without its text (a protocol error) must not crash the server.
  return (doc.getText()?.length ?? 0) > MAX_ANALYSED_LENGTH || doc.lineCount > MAX_ANALYSED_LINES;
}

/** The one diagnostic published for a document that is too large: says why nothing else is shown. */
export function tooLargeDiagnostic(doc: TextDocument): Diagnostic {
  const size = `${(doc.getText().length / (1 << 20)).toFixed(1)} MB, ${doc.lineCount} lines`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: 'document-too-large',
    message: `This document is too large to analyse (${size}); Layerwise analyses documents up to 1 MB and ${MAX_ANALYSED_LINES} lines.`,
  };
}
