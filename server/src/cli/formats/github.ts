/**
 * GitHub Actions workflow commands: one annotation per finding, shown on the pull request diff.
 *
 *   ::warning file=Dockerfile,line=1,col=13,endLine=1,endColumn=19,title=base-image-latest (DL3007)::'python:latest' floats…
 *
 * Escaping follows the Actions toolkit: in the message `%`, CR and LF are percent-encoded; in
 * properties also `:` and `,` (they delimit properties).
 */
import { ruleById } from '../../engine/rules';
import type { Severity } from '../../engine/types';
import { displayPath, plainText, type FormatInput, type FormatOptions } from './common';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function toGithub(results: FormatInput[], options: Pick<FormatOptions, 'cwd'>): string {
  const out: string[] = [];
  for (const r of results) {
    const file = displayPath(r.file, options.cwd);
    for (const f of r.analysis.findings) {
      const aliases = ruleById(f.ruleId)?.aliases ?? [];
      const props: [string, string | number][] = [
        ['file', file],
        ['line', f.range.start.line + 1],
        ['col', f.range.start.character + 1],
        ['endLine', f.range.end.line + 1],
        ['endColumn', f.range.end.character + 1],
        ['title', aliases.length ? `${f.ruleId} (${aliases.join(', ')})` : f.ruleId],
      ];
      out.push(`::${COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(plainText(f.message))}`);
    }
    for (const failure of r.analysis.failures) {
      out.push(`::error file=${escapeProperty(file)},title=${escapeProperty(`layerwise internal error in ${failure.ruleId}`)}::${escapeData(failure.error.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
