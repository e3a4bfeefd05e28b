import * as path from 'node:path';
import type { RuleFailure } from '../../engine/analyze';
import type { ResolvedFinding } from '../../engine/types';

/** What every CI format reads: one analysed file, its name as the user gave it. */
export interface FormatInput {
  /** As given on the command line (relative or absolute), or `<stdin>` / the `--stdin-filename`. */
  file: string;
  analysis: { findings: ResolvedFinding[]; failures: RuleFailure[] };
}

export interface FormatOptions {
  /** Paths in the output are relative to this folder (the working directory), with `/` separators. */
  cwd: string;
  /** Tool version for SARIF. */
  version: string;
  /** Public base URL of the rule pages (`<base>/<rule-id>.md`), for SARIF `helpUri`. */
  docsBaseUrl?: string;
}

/** `file` relative to `cwd` with forward slashes; absolute when it lies outside `cwd`. */
export function displayPath(file: string, cwd: string): string {
  if (file === '<stdin>') return file;
  const rel = path.relative(cwd, path.resolve(cwd, file));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return path.resolve(cwd, file).split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** Messages are Markdown; plain-text outputs show code spans as quotes (as the editor does). */
export function plainText(markdown: string): string {
  return markdown.replace(/`([^`]+)`/g, "'$1'");
}
