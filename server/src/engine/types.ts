/**
 * Core vocabulary of the analysis engine. Positions are zero-based lines and
 * UTF-16 character offsets, the same convention as LSP, so the adapter can pass
 * them through unchanged; but nothing here depends on any LSP or VS Code package.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Higher is more severe; used for thresholds such as `--fail-on`. */
export const SEVERITY_RANK: Record<Severity, number> = { hint: 1, info: 2, warning: 3, error: 4 };

export type Category = 'caching' | 'base-image' | 'secrets' | 'security' | 'size' | 'correctness' | 'style';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

export interface Fix {
  /** Imperative title shown in the editor's quick-fix menu. */
  title: string;
  edits: TextEdit[];
  /**
   * Safe fixes keep the build's meaning; they are preferred quick fixes and are
   * applied by fix-all (`--fix`, `source.fixAll.layerwise`). Unsafe ones are only offered.
   */
  safe: boolean;
  /**
   * Files this fix creates, paths relative to the build context root (e.g. `.dockerignore`).
   * Editors turn them into a CreateFile plus an insert; a file that already exists is left alone.
   */
  createFiles?: FileContent[];
  /** Text appended at the end of existing files, paths relative to the build context root. */
  appendFiles?: FileContent[];
}

export interface FileContent { path: string; content: string }

export interface Finding {
  ruleId: string;
  message: string;
  range: Range;
  /** Overrides the rule's default severity for this finding, unless the user configured the rule. */
  severity?: Severity;
  /** Computed lazily: only code actions and fix-all need them. */
  fixes?: () => Fix[];
}

/** A finding after configuration and suppressions have been applied. */
export interface ResolvedFinding extends Finding {
  severity: Severity;
}
