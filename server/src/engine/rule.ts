import type { BuildContext } from './context';
import type { DockerfileModel } from './model';
import type { Category, Finding, Severity } from './types';

/**
 * A rule's documentation is written once, here, and everything else is generated from it:
 * the hover, `docs/rules/<id>.md`, the CLI's `rules` listing, SARIF help and the settings schema.
 */
export interface RuleDocs {
  /** One line, shown as the diagnostic's headline in docs and listings. */
  summary: string;
  /** Why it matters, in Markdown; the heart of the hover. */
  why: string;
  /** A Dockerfile that triggers the rule. Runs as a test: it must fire. */
  bad: string;
  /** The same done right. Runs as a test: it must not fire. */
  good: string;
  /** What the quick fix does, when the rule has one. */
  fix?: string;
  /** Files present in the build context when the examples are checked. */
  context?: Record<string, string>;
  /** Extra notes: limits, configuration, deviations from the tools it aliases. */
  notes?: string;
}

export interface RuleContext {
  readonly model: DockerfileModel;
  /** The build context on disk, when the document has one. */
  readonly buildContext?: BuildContext;
  report(finding: Omit<Finding, 'ruleId'>): void;
}

export interface Rule {
  /** Stable kebab-case identifier; a contract with users' configuration and ignores. */
  readonly id: string;
  /** Equivalent codes in other tools: hadolint `DLxxxx`, BuildKit check names. */
  readonly aliases: readonly string[];
  readonly category: Category;
  readonly severity: Severity;
  readonly fixable: boolean;
  readonly docs: RuleDocs;
  check(ctx: RuleContext): void;
}

/** Identity helper that gives rule modules type checking and a uniform shape. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export type AliasKind = 'hadolint' | 'shellcheck' | 'buildkit';

export function aliasKind(alias: string): AliasKind {
  if (/^DL\d{4}$/i.test(alias)) return 'hadolint';
  if (/^SC\d{4}$/i.test(alias)) return 'shellcheck';
  return 'buildkit';
}
