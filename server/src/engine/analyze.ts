import type { BuildContext } from './context';
import { emptyConfig, ruleOptions, type LayerwiseConfig } from './config';
import { DockerfileModel } from './model';
import { readSuppressions, type Suppressions } from './pragmas';
import { buildkitNames, checkConfigOf, experimentalEnabled, optionsAt, skipped, type CheckConfig } from './check-directive';
import { aliasKind, type Rule } from './rule';
import { rangesOverlap } from './text';
import { ALL_RULES } from './rules';
import type { Finding, ResolvedFinding, Severity } from './types';

export interface AnalyzeOptions {
  config?: LayerwiseConfig;
  buildContext?: BuildContext;
  /** Defaults to every registered rule. */
  rules?: readonly Rule[];
  /** Rules to skip for this document, e.g. after they threw on an earlier version. */
  disabledRules?: ReadonlySet<string>;
  /**
   * `--build-arg` values the build will use: variable resolution takes them into account, and
   * `BUILDKIT_DOCKERFILE_CHECK` replaces the file's `# check=` directive, as in BuildKit.
   */
  buildArgs?: Readonly<Record<string, string>>;
}

export interface RuleFailure { ruleId: string; error: Error }

export interface Analysis {
  model: DockerfileModel;
  findings: ResolvedFinding[];
  /** Rules that threw: their findings are missing, the others are complete. */
  failures: RuleFailure[];
}

/** Runs every enabled rule over one parse and applies configuration and suppressions. */
export function analyze(input: string | DockerfileModel, options: AnalyzeOptions = {}): Analysis {
  const model = typeof input === 'string' ? new DockerfileModel(input) : input;
  const config = options.config ?? emptyConfig();
  const checks = checkConfigOf(model, options.buildArgs);
  const suppressions = withoutOverriddenDirective(readSuppressions(model), checks);
  const ruleOpts = ruleOptions(config);
  const findings: ResolvedFinding[] = [];
  const failures: RuleFailure[] = [];

  for (const rule of options.rules ?? ALL_RULES) {
    const configured = config.rules.get(rule.id);
    if (configured === 'off' || options.disabledRules?.has(rule.id)) continue;
    // Experimental rules run only when `# check=experimental=` or the configuration turns them on.
    const experimentalOn = !!rule.experimental && (configured !== undefined || experimentalEnabled(rule, checks.file)
      || [...checks.byLine.values()].some(o => experimentalEnabled(rule, o)));
    if (rule.experimental && !experimentalOn) continue;
    if (isSuppressedEverywhere(rule, suppressions, experimentalOn)) continue;
    const raw: Finding[] = [];
    try {
      rule.check({
        model,
        buildContext: options.buildContext,
        options: ruleOpts,
        buildArgs: options.buildArgs,
        report: f => raw.push({ ...f, ruleId: rule.id }),
      });
    } catch (error) {
      failures.push({ ruleId: rule.id, error: error instanceof Error ? error : new Error(String(error)) });
      continue;
    }
    for (const f of raw) {
      if (isSuppressedAt(rule, suppressions, model, f.range.start.line)) continue;
      // `# check=` options, merged with a check comment above the instruction.
      const opts = optionsAt(checks, model.instructionAtLine(f.range.start.line)?.range.start.line);
      if (skipped(rule, opts) && !(rule.experimental && configured !== undefined)) continue;
      const raised = opts.error && buildkitNames(rule).length ? 'error' : undefined;
      const severity: Severity = configured ?? raised ?? f.severity ?? rule.severity;
      findings.push({ ...f, severity });
    }
  }
  const shown = withoutSuperseded(findings, options.rules ?? ALL_RULES);
  shown.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return { model, findings: shown, failures };
}

function withoutSuperseded(findings: ResolvedFinding[], rules: readonly Rule[]): ResolvedFinding[] {
  const superseding = new Map<string, readonly string[]>();
  for (const r of rules) if (r.supersededBy?.length) superseding.set(r.id, r.supersededBy);
  if (!superseding.size) return findings;
  return findings.filter(f => {
    const by = superseding.get(f.ruleId);
    return !by || !findings.some(o => by.includes(o.ruleId) && rangesOverlap(o.range, f.range));
  });
}

const ruleNames = new WeakMap<Rule, string[]>();

/** A rule's id and aliases in lower case, as suppressions name them. */
function names(rule: Rule): string[] {
  let list = ruleNames.get(rule);
  if (!list) ruleNames.set(rule, (list = [rule.id, ...rule.aliases].map(n => n.toLowerCase())));
  return list;
}

function isSuppressedEverywhere(rule: Rule, s: Suppressions, experimentalOn = false): boolean {
  // BuildKit's `skip=all` leaves experimental checks that were turned on running.
  if (s.skipAllBuildkit && !experimentalOn && rule.aliases.some(a => aliasKind(a) === 'buildkit')) return true;
  return s.global.size > 0 && names(rule).some(n => s.global.has(n));
}

function isSuppressedAt(rule: Rule, s: Suppressions, model: DockerfileModel, line: number): boolean {
  if (!s.byInstruction.size) return false;
  const instruction = model.instructionAtLine(line);
  const ignored = instruction && s.byInstruction.get(instruction.index);
  return !!ignored && names(rule).some(n => ignored.has(n));
}

/**
 * With `BUILDKIT_DOCKERFILE_CHECK` given, the file's `# check=` directive does not apply; the
 * names it skipped are taken back out of the suppressions (which read the directive).
 */
function withoutOverriddenDirective(s: Suppressions, checks: CheckConfig): Suppressions {
  if (checks.source !== 'build-arg' || !checks.directive) return s;
  const global = new Set(s.global);
  for (const part of checks.directive.value.split(';')) {
    const [key, value = ''] = part.split('=').map(x => x.trim());
    if (key.toLowerCase() === 'skip') for (const n of value.split(',')) global.delete(n.trim().toLowerCase());
  }
  return { ...s, global, skipAllBuildkit: false };
}
