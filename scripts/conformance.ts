/**
 * Runs peer test suites (kept outside the project as data) through the engine via rule
 * aliases and prints agreement per rule and overall, then the disagreements.
 *
 *   npm run conformance -- <dir> [--min PERCENT] [--verbose]
 *
 * <dir> holds hadolint-cases.json (hadolint's rule specs) and buildkit-test-cases.json
 * (BuildKit's check tests with expected warnings and lines). With --min, exits 1 when
 * either suite's overall agreement is below PERCENT.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../server/src/engine/analyze';
import { parseHadolintConfig, type LayerwiseConfig } from '../server/src/engine/config';
import { MemoryBuildContext } from '../server/src/engine/context';
import { aliasKind, type Rule } from '../server/src/engine/rule';
import { ALL_RULES } from '../server/src/engine/rules';
import { DockerfileModel } from '../server/src/engine/model';
import { runShellCheckSync } from '../server/src/shellcheck/run';
import { spawnSync } from 'node:child_process';

interface HadolintCase { rule: string; expect: 'catches' | 'catchesNot'; onbuild: boolean; dockerfile: string; dockerfile_onbuild?: string; count: number | null; config: Record<string, unknown>; title: string; source: string; line: number }
interface BuildkitCase { id: string; dockerfile: string; dockerignore: string | null; frontend_attrs?: Record<string, string>; expected_warnings_lines_checked_by_harness?: boolean; expected_warnings: { rule: string; line: number; detail: string }[]; func: string; subtest: string | null }

const args = process.argv.slice(2);
const dir = args.find(a => !a.startsWith('--'));
const minIndex = args.indexOf('--min');
const min = minIndex >= 0 ? Number(args[minIndex + 1]) : undefined;
const verbose = args.includes('--verbose');
if (!dir || !fs.existsSync(dir)) {
  console.error('usage: npm run conformance -- <dir-with-hadolint-cases.json-and-buildkit-test-cases.json> [--min 98] [--verbose]');
  process.exit(2);
}

const SHELLCHECK_INSTALLED = spawnSync('shellcheck', ['--version']).status === 0;
const rulesByAlias = (alias: string): Rule[] => ALL_RULES.filter(r => r.aliases.some(a => a.toLowerCase() === alias.toLowerCase()));

interface Tally { agree: number; total: number; missing: boolean }
function report(title: string, tallies: Map<string, Tally>, disagreements: string[]): number {
  let agree = 0, total = 0;
  console.log(`\n${title}`);
  console.log(`${'rule'.padEnd(34)} ${'agree'.padStart(11)}  equivalent`);
  for (const [rule, t] of [...tallies].sort()) {
    agree += t.agree; total += t.total;
    const eq = t.missing ? (rule === 'SC*' ? '(shellcheck is not installed)' : '(none yet)') : rule === 'SC*' ? 'ShellCheck' : rulesByAlias(rule).map(r => r.id).join(', ');
    console.log(`${rule.padEnd(34)} ${`${t.agree}/${t.total}`.padStart(11)}  ${eq}`);
  }
  const pct = total ? (100 * agree) / total : 0;
  const covered = [...tallies.values()].filter(t => !t.missing);
  const cAgree = covered.reduce((n, t) => n + t.agree, 0), cTotal = covered.reduce((n, t) => n + t.total, 0);
  console.log(`overall: ${agree}/${total} = ${pct.toFixed(1)}%   on rules we have: ${cAgree}/${cTotal} = ${cTotal ? ((100 * cAgree) / cTotal).toFixed(1) : '—'}%   rules covered: ${covered.length}/${tallies.size}`);
  const shown = verbose ? disagreements : disagreements.slice(0, 40);
  if (shown.length) console.log(`disagreements${shown.length < disagreements.length ? ` (first ${shown.length} of ${disagreements.length}; --verbose for all)` : ''}:\n  ${shown.join('\n  ')}`);
  return pct;
}

function tally(map: Map<string, Tally>, rule: string, ok: boolean, missing: boolean): void {
  const t = map.get(rule) ?? { agree: 0, total: 0, missing };
  t.total++;
  if (ok) t.agree++;
  map.set(rule, t);
}

/**
 * A case's `config` holds hadolint's Configuration fields as the spec set them (`allowedRegistries`,
 * `labelSchema` with Haskell type names, `strictLabels`, `ignoreRules`); they are translated to the
 * `.hadolint.yaml` spelling and read the way a user's `.hadolint.yaml` is.
 */
const LABEL_TYPE_NAMES: Record<string, string> = { RawText: 'text', Url: 'url', GitHash: 'hash', Rfc3339: 'rfc3339', Spdx: 'spdx', SemVer: 'semver', Email: 'email' };
function hadolintCaseConfig(c: HadolintCase): LayerwiseConfig | undefined {
  const cfg = c.config ?? {};
  if (!Object.keys(cfg).length) return undefined;
  const yaml: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(cfg)) {
    if (key === 'allowedRegistries') yaml.trustedRegistries = value;
    else if (key === 'labelSchema') yaml['label-schema'] = Object.fromEntries(Object.entries(value as Record<string, string>).map(([k, t]) => [k, LABEL_TYPE_NAMES[t] ?? t]));
    else if (key === 'strictLabels') yaml['strict-labels'] = value;
    else if (key === 'ignoreRules') yaml.ignored = value;
    else throw new Error(`hadolint case "${c.title}" (${c.source}:${c.line}) has config field "${key}" that the runner does not translate`);
  }
  return parseHadolintConfig(JSON.stringify(yaml), `${c.source}:${c.line} config`);
}

// hadolint: each case names one DL code and whether it must fire (optionally how often).
const hadolint: HadolintCase[] = JSON.parse(fs.readFileSync(path.join(dir, 'hadolint-cases.json'), 'utf8'));
const hTallies = new Map<string, Tally>();
const hDisagree: string[] = [];
const hadolintRules = ALL_RULES.filter(r => r.aliases.some(a => aliasKind(a) === 'hadolint'));
for (const c of hadolint) {
  // One case in the data carries a stray prefix before its code ("FROM scratch\nDL3045").
  c.rule = /(DL\d{4}|SC\*|\*)\s*$/.exec(c.rule)?.[1] ?? c.rule;
  const text = (c.onbuild && c.dockerfile_onbuild ? c.dockerfile_onbuild : c.dockerfile) + '\n';
  // `*`: no hadolint rule at all may fire; `SC*`: ShellCheck findings (not DL rules).
  const rules = c.rule === '*' ? hadolintRules : rulesByAlias(c.rule);
  // ShellCheck's own findings, when it is installed (the `SC*` cases test the integration, not one code).
  const shellcheck = c.rule === 'SC*' && SHELLCHECK_INSTALLED;
  const missing = !rules.length && c.rule !== '*' && !shellcheck;
  let found = 0;
  if (shellcheck) found = runShellCheckSync(new DockerfileModel(text)).findings.length;
  else if (rules.length) found = analyze(text, { rules, config: hadolintCaseConfig(c) }).findings.length;
  const ok = missing ? false : c.expect === 'catches' ? (c.count === null ? found > 0 : found === c.count) : found === 0;
  tally(hTallies, c.rule, ok, missing);
  if (!ok && !missing) hDisagree.push(`${c.rule} ${c.expect}${c.count !== null && c.expect === 'catches' ? ` x${c.count}` : ''}${c.onbuild ? ' (onbuild)' : ''}: found ${found}; "${c.title}" ${c.source}:${c.line}${Object.keys(c.config).length ? ` config=${JSON.stringify(c.config)}` : ''}`);
}
const hPct = report(`hadolint rule specs (${hadolint.length} cases)`, hTallies, hDisagree);

// BuildKit: every expected warning must be produced (rule and line); extra warnings of
// BuildKit-aliased rules count against us too.
const buildkit: BuildkitCase[] = JSON.parse(fs.readFileSync(path.join(dir, 'buildkit-test-cases.json'), 'utf8'));
const bTallies = new Map<string, Tally>();
const bDisagree: string[] = [];
const buildkitRules = ALL_RULES.filter(r => r.aliases.some(a => aliasKind(a) === 'buildkit'));
for (const c of buildkit) {
  const files: Record<string, string> = {};
  if (c.dockerignore !== null) files['.dockerignore'] = c.dockerignore;
  // `build-arg:NAME` frontend attributes are build arguments (BUILDKIT_DOCKERFILE_CHECK among them).
  const buildArgs = Object.fromEntries(Object.entries(c.frontend_attrs ?? {}).filter(([k]) => k.startsWith('build-arg:')).map(([k, v]) => [k.slice('build-arg:'.length), v]));
  const findings = analyze(c.dockerfile, { rules: buildkitRules, buildContext: new MemoryBuildContext(files), buildArgs }).findings;
  // Where BuildKit's own harness does not check lines (expected_warnings_lines_checked_by_harness: false), match the rule only.
  const checkLines = c.expected_warnings_lines_checked_by_harness !== false;
  const produced = findings.map(f => ({ names: ALL_RULES.find(r => r.id === f.ruleId)!.aliases.filter(a => aliasKind(a) === 'buildkit'), line: f.range.start.line + 1, used: false }));
  for (const w of c.expected_warnings) {
    const hit = produced.find(p => !p.used && (!checkLines || p.line === w.line) && p.names.includes(w.rule));
    if (hit) hit.used = true;
    const missing = !rulesByAlias(w.rule).length;
    tally(bTallies, w.rule, !!hit, missing);
    if (!hit && !missing) bDisagree.push(`${c.id} missed ${w.rule} at line ${w.line} (${w.detail})`);
  }
  for (const p of produced.filter(p => !p.used)) {
    for (const name of p.names) {
      tally(bTallies, name, false, false);
      bDisagree.push(`${c.id} extra ${name} at line ${p.line}`);
    }
  }
}
const bPct = report(`BuildKit check tests (${buildkit.length} tests, ${buildkit.reduce((n, c) => n + c.expected_warnings.length, 0)} expected warnings)`, bTallies, bDisagree);

if (min !== undefined && (hPct < min || bPct < min)) {
  console.error(`\nconformance below ${min}%: hadolint ${hPct.toFixed(1)}%, BuildKit ${bPct.toFixed(1)}%`);
  process.exit(1);
}
