import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeDescription, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { ResolvedFinding, Severity } from '../engine/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'layerwise';

/** The generated rule pages ship next to the bundle (`dist/../docs/rules`). */
export function ruleDocsHref(ruleId: string, baseUrl?: string): string {
  if (baseUrl) return `${baseUrl.replace(/\/+$/, '')}/${ruleId}.md`;
  return pathToFileURL(path.join(__dirname, '..', 'docs', 'rules', `${ruleId}.md`)).toString();
}

export function toDiagnostic(f: ResolvedFinding, docsBaseUrl?: string): Diagnostic {
  const codeDescription: CodeDescription = { href: ruleDocsHref(f.ruleId, docsBaseUrl) };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription,
    message: plainMessage(f.message),
  };
}

/** Diagnostics are plain text in editors: show Markdown code spans as quotes. */
export function plainMessage(markdown: string): string {
  return markdown.replace(/`([^`]+)`/g, "'$1'");
}
