import type { RuleOptions } from './config';
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
  /**
   * The `.layerwise.yaml` the examples assume, for rules that read `ctx.options` (a label schema,
   * trusted registries). The example tests load it; the docs page shows it as the way to turn the rule on.
   */
  config?: string;
}

export interface RuleContext {
  readonly model: DockerfileModel;
  /** The build context on disk, when the document has one. */
  readonly buildContext?: BuildContext;
  /** Team settings for rules that need them (label schema, trusted registries), defaults filled in; see `RuleOptions`. */
  readonly options: RuleOptions;
  /** `--build-arg` values the build will use, when known (variable resolution takes them into account). */
  readonly buildArgs?: Readonly<Record<string, string>>;
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
  /**
   * Off unless turned on: by BuildKit's `# check=experimental=<name>|all` (for rules with a
   * BuildKit alias) or by configuring a severity for it. Mirrors BuildKit's experimental checks.
   */
  readonly experimental?: boolean;
  /**
   * More precise rules that can report the same problem (a hadolint-style warning next to a
   * builder-parity error). Where one of their findings overlaps a finding of this rule, this
   * one is left out, so a problem is never shown twice; with those rules off it reports alone.
   */
  readonly supersededBy?: readonly string[];
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
