/**
 * ShellCheck for `layerwise check`: when it is installed (and not turned off with
 * `--no-shellcheck`), its findings on RUN scripts join each file's findings as `SC<code>`,
 * so every output format and `--fail-on` see them. Its absence is not an error.
 */
import type { Analysis } from '../engine/analyze';
import { runShellCheck } from '../shellcheck/run';

export interface CliShellCheckOptions {
  enabled: boolean;
  /** The program (default `shellcheck` on PATH). */
  path?: string;
  /** Where failures (a timeout, unreadable output) are reported. */
  stderr?: NodeJS.WritableStream;
}

export async function addShellCheckFindings(results: { file: string; analysis: Analysis }[], options: CliShellCheckOptions): Promise<void> {
  if (!options.enabled) return;
  for (const r of results) {
    const result = await runShellCheck(r.analysis.model, { path: options.path ?? process.env.LAYERWISE_SHELLCHECK });
    if (result.status === 'missing') return;
    if (result.status === 'failed') {
      options.stderr?.write(`layerwise: ShellCheck failed on ${r.file}: ${result.message}\n`);
      continue;
    }
    if (!result.findings.length) continue;
    r.analysis.findings.push(...result.findings);
    r.analysis.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  }
}
