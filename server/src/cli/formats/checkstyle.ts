/**
 * Checkstyle XML, read by Jenkins (Warnings NG), GitLab code-quality converters, reviewdog and
 * many CI dashboards:
 *
 *   <checkstyle version="4.3"><file name="Dockerfile"><error line="1" column="13" severity="warning" message="…" source="base-image-latest"/></file></checkstyle>
 *
 * Every analysed file is listed, with or without findings. Checkstyle has no `hint`, so hints are `info`.
 */
import type { Severity } from '../../engine/types';
import { displayPath, plainText, type FormatInput, type FormatOptions } from './common';

const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

/** Escapes text for an XML 1.0 attribute; characters XML 1.0 cannot carry at all are dropped. */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export function toCheckstyle(results: FormatInput[], options: Pick<FormatOptions, 'cwd'>): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const r of results) {
    const errors: string[] = [];
    for (const f of r.analysis.findings) {
      errors.push(`    <error line="${f.range.start.line + 1}" column="${f.range.start.character + 1}" severity="${SEVERITY[f.severity]}" message="${escapeXml(plainText(f.message))}" source="${escapeXml(f.ruleId)}"/>`);
    }
    for (const failure of r.analysis.failures) {
      errors.push(`    <error line="1" severity="error" message="${escapeXml(`internal error in rule ${failure.ruleId}: ${failure.error.message}`)}" source="layerwise"/>`);
    }
    const name = escapeXml(displayPath(r.file, options.cwd));
    if (errors.length) lines.push(`  <file name="${name}">`, ...errors, '  </file>');
    else lines.push(`  <file name="${name}"/>`);
  }
  lines.push('</checkstyle>');
  return lines.join('\n') + '\n';
}
