/**
 * BuildKit's `# check=` configuration (frontend/dockerfile/linter): which checks run, whether
 * experimental ones are on, and whether findings fail the build.
 *
 *   # check=skip=JSONArgsRecommended,StageNameCasing;error=true;experimental=all
 *
 * - In the parser-directive block at the top of the file it configures the whole file.
 *   The `BUILDKIT_DOCKERFILE_CHECK` build argument, when given, replaces it entirely.
 * - In a comment directly above an instruction (blank lines between are fine, a bare `#` line
 *   ends the comment block) it adds `skip` and `experimental` names for that instruction only;
 *   text after the value (`# check=skip=all // why`) is ignored.
 * - `skip` does not affect experimental checks: those run when, and only when, `experimental`
 *   names them (or says `all`).
 * - Invalid options (`# check=skip`, `error=maybe`, `foo=bar`) make `docker build` fail; the
 *   `invalid-parser-directive` rule reports them and they are otherwise ignored, as BuildKit
 *   ignores an invalid per-instruction comment.
 */
import { buildkitParse, type BkDirective } from './builder';
import type { DockerfileModel } from './model';
import { aliasKind, type Rule } from './rule';

export interface CheckOptions {
  skipAll: boolean;
  /** BuildKit check names, as written. */
  skip: Set<string>;
  experimentalAll: boolean;
  experimental: Set<string>;
  error: boolean;
}

export interface CheckConfig {
  /** The file-level options (directive or build argument). */
  file: CheckOptions;
  /** Where they came from. */
  source: 'directive' | 'build-arg' | 'none';
  directive?: BkDirective;
  /** An invalid file-level option string, with BuildKit's message. */
  invalid?: string;
  /** Options merged with the comments above each instruction, by the instruction's first line (zero-based). */
  byLine: Map<number, CheckOptions>;
}

export const BUILDKIT_CHECK_ARG = 'BUILDKIT_DOCKERFILE_CHECK';

export function emptyCheckOptions(): CheckOptions {
  return { skipAll: false, skip: new Set(), experimentalAll: false, experimental: new Set(), error: false };
}

/** ParseLintOptions: throws with BuildKit's message on invalid input. */
export function parseCheckOptions(value: string): CheckOptions {
  const opts = emptyCheckOptions();
  const s = value.trim();
  if (!s) return opts;
  // Go's SplitN(s, ";", 3): a third part keeps any further semicolons.
  const parts: string[] = [];
  let rest = s;
  while (parts.length < 2 && rest.includes(';')) {
    const i = rest.indexOf(';');
    parts.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  parts.push(rest);
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq < 0) throw new Error(`invalid check option "${p}"`);
    const key = p.slice(0, eq).trim();
    const v = p.slice(eq + 1).trim();
    switch (key) {
      case 'skip':
        if (v === 'all') opts.skipAll = true;
        else for (const n of v.split(',')) opts.skip.add(n.trim());
        break;
      case 'experimental':
        if (v === 'all') opts.experimentalAll = true;
        else for (const n of v.split(',')) opts.experimental.add(n.trim());
        break;
      case 'error': {
        const b = parseGoBool(v);
        if (b === undefined) throw new Error(`failed to parse check option "${p}": strconv.ParseBool: parsing "${v}": invalid syntax`);
        opts.error = b;
        break;
      }
      default:
        throw new Error(`invalid check option "${key}"`);
    }
  }
  return opts;
}

function parseGoBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function merge(base: CheckOptions, other: CheckOptions): CheckOptions {
  return {
    skipAll: base.skipAll || other.skipAll,
    skip: new Set([...base.skip, ...other.skip]),
    experimentalAll: base.experimentalAll || other.experimentalAll,
    experimental: new Set([...base.experimental, ...other.experimental]),
    error: base.error,
  };
}

/** The `check` directive in a comment's text (without `#`), value cut at the first space. */
function commentCheck(comment: string): string | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(comment.replace(/^\s+/, ''));
  if (!m || m[1].toLowerCase() !== 'check') return undefined;
  return m[2].split(' ')[0];
}

const cache = new WeakMap<DockerfileModel, Map<string, CheckConfig>>();

export function checkConfigOf(model: DockerfileModel, buildArgs?: Readonly<Record<string, string>>): CheckConfig {
  const override = buildArgs?.[BUILDKIT_CHECK_ARG];
  const key = override ?? '\0';
  let byKey = cache.get(model);
  if (!byKey) cache.set(model, (byKey = new Map()));
  let config = byKey.get(key);
  if (config) return config;

  const parse = buildkitParse(model);
  const directive = parse.directives.find(d => d.name === 'check');
  let file = emptyCheckOptions();
  let invalid: string | undefined;
  let source: CheckConfig['source'] = 'none';
  const text = override !== undefined ? override : directive?.value.split(' ')[0];
  if (text !== undefined) {
    source = override !== undefined ? 'build-arg' : 'directive';
    try {
      file = parseCheckOptions(text);
    } catch (e) {
      invalid = (e as Error).message;
    }
  }
  const byLine = new Map<number, CheckOptions>();
  for (const node of parse.nodes) {
    for (const comment of node.comments) {
      const value = commentCheck(comment);
      if (value === undefined) continue;
      // The first check comment decides; an invalid one leaves the file's options unchanged.
      try {
        byLine.set(node.startLine, merge(file, parseCheckOptions(value)));
      } catch { /* ignored, as BuildKit does */ }
      break;
    }
  }
  config = { file, source, directive, invalid, byLine };
  byKey.set(key, config);
  return config;
}

/** BuildKit check names of a rule. */
export function buildkitNames(rule: Rule): string[] {
  return rule.aliases.filter(a => aliasKind(a) === 'buildkit');
}

/** The options in effect for an instruction starting on `line` (the file's when none is given). */
export function optionsAt(config: CheckConfig, line?: number): CheckOptions {
  return (line !== undefined && config.byLine.get(line)) || config.file;
}

/** Whether the `# check=` options enable an experimental rule. */
export function experimentalEnabled(rule: Rule, opts: CheckOptions): boolean {
  return opts.experimentalAll || buildkitNames(rule).some(n => opts.experimental.has(n));
}

/** Whether the options skip a BuildKit-aliased rule (experimental rules are never skipped, only enabled). */
export function skipped(rule: Rule, opts: CheckOptions): boolean {
  const names = buildkitNames(rule);
  if (!names.length) return false;
  if (rule.experimental) return !experimentalEnabled(rule, opts);
  return opts.skipAll || names.some(n => opts.skip.has(n));
}
