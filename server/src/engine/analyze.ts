import type { BuildContext } from './context';
import { emptyConfig, type LayerwiseConfig } from './config';
import { DockerfileModel } from './model';
import { readSuppressions, type Suppressions } from './pragmas';
import { aliasKind, type Rule } from './rule';
import { ALL_RULES } from './rules';
import type { Finding, ResolvedFinding, Severity } from './types';

export interface AnalyzeOptions {
  config?: LayerwiseConfig;
  buildContext?: BuildContext;
  /** Defaults to every registered rule. */
  rules?: readonly Rule[];
  /** Rules to skip for this document, e.g. after they threw on an earlier version. */
  disabledRules?: ReadonlySet<string>;
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
  const suppressions = readSuppressions(model);
  const findings: ResolvedFinding[] = [];
  const failures: RuleFailure[] = [];

  for (const rule of options.rules ?? ALL_RULES) {
    const configured = config.rules.get(rule.id);
    if (configured === 'off' || options.disabledRules?.has(rule.id)) continue;
    if (isSuppressedEverywhere(rule, suppressions)) continue;
    const raw: Finding[] = [];
    try {
      rule.check({
        model,
        buildContext: options.buildContext,
        report: f => raw.push({ ...f, ruleId: rule.id }),
      });
    } catch (error) {
      failures.push({ ruleId: rule.id, error: error instanceof Error ? error : new Error(String(error)) });
      continue;
    }
    for (const f of raw) {
      if (isSuppressedAt(rule, suppressions, model, f.range.start.line)) continue;
      const severity: Severity = configured ?? f.severity ?? rule.severity;
      findings.push({ ...f, severity });
    }
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return { model, findings, failures };
}

function names(rule: Rule): string[] {
  return [rule.id, ...rule.aliases].map(n => n.toLowerCase());
}

function isSuppressedEverywhere(rule: Rule, s: Suppressions): boolean {
  if (s.skipAllBuildkit && rule.aliases.some(a => aliasKind(a) === 'buildkit')) return true;
  return names(rule).some(n => s.global.has(n));
}

function isSuppressedAt(rule: Rule, s: Suppressions, model: DockerfileModel, line: number): boolean {
  if (!s.byInstruction.size) return false;
  const instruction = model.instructionAtLine(line);
  const ignored = instruction && s.byInstruction.get(instruction.index);
  return !!ignored && names(rule).some(n => ignored.has(n));
}
