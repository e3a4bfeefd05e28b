import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis } from '../engine/analyze';
import { ConfigError, findConfigFile, findHadolintConfigFile, loadConfigFile, loadHadolintConfigFile, mergeConfigs, type FailOn, type LayerwiseConfig } from '../engine/config';
import { DiskBuildContext } from '../engine/context';
import { fixAll } from '../engine/fix';
import { DockerfileModel } from '../engine/model';
import { ruleSummaryLine, ruleText } from '../engine/rule-docs';
import { ALL_RULES, resolveRuleName, ruleById } from '../engine/rules';
import { SEVERITY_RANK, type ResolvedFinding, type Severity } from '../engine/types';
import { unifiedDiff } from './diff';
import { toCheckstyle } from './formats/checkstyle';
import { toGithub } from './formats/github';
import { toSarif } from './formats/sarif';
import { findDockerfiles } from './files';
import { addShellCheckFindings } from './shellcheck';

declare const __LAYERWISE_VERSION__: string | undefined;
const VERSION = typeof __LAYERWISE_VERSION__ === 'string' ? __LAYERWISE_VERSION__ : '0.0.0-dev';

const USAGE = `Usage:
  layerwise check [options] [paths...]   analyse Dockerfiles (a directory finds the Dockerfiles in it)
  layerwise rules [--format text|json]   list the rules
  layerwise explain <rule>               explain one rule (id or alias, e.g. DL3007)

Options for check:
  --format text|json|sarif|github|checkstyle
                            output format (default text); sarif for GitHub code scanning,
                            github for workflow annotations, checkstyle for CI dashboards
  --fail-on error|warning|info|hint|none
                            exit 1 when a finding reaches this severity (default: failOn in
                            .layerwise.yaml, failure-threshold in .hadolint.yaml, else error)
  --config FILE             use this .layerwise.yaml instead of the nearest one
  --hadolint-config FILE    use this hadolint config instead of the nearest .hadolint.yaml
  --no-hadolint-config      do not read .hadolint.yaml files
  --docs-base-url URL       public URL of the rule pages, for links in SARIF (helpUri)
  --fix                     apply every safe fix in place, then report what is left
  --diff                    print the safe fixes as a unified diff; write nothing
  --no-shellcheck           do not run ShellCheck on RUN scripts (it runs when installed)
  --stdin-filename NAME     with "-": the name (and folder) to treat stdin as
  --build-arg NAME[=VALUE]  a build argument the build will pass (repeatable; NAME alone takes
                            it from the environment, as docker build does): the variable checks
                            use it, and BUILDKIT_DOCKERFILE_CHECK replaces the # check= directive
  -h, --help                show this help
  -v, --version             print the version

Exit status: 0 nothing reached --fail-on, 1 something did, 2 usage or I/O error.
`;

class UsageError extends Error {}

interface CheckOptions {
  paths: string[];
  format: 'text' | 'json' | 'sarif' | 'github' | 'checkstyle';
  /** Undefined: each file's configuration decides (`failOn`, hadolint's `failure-threshold`), else `error`. */
  failOn?: FailOn;
  config?: string;
  /** A hadolint config file, or false for none. */
  hadolintConfig?: string | false;
  docsBaseUrl?: string;
  fix: boolean;
  diff: boolean;
  stdinFilename?: string;
  noShellcheck?: boolean;
  /** `--build-arg` values, as `docker build` would receive them. */
  buildArgs?: Record<string, string>;
}

interface FileResult { file: string; analysis: Analysis; failOn: FailOn }

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '-h' || command === '--help' || command === 'help') { io.stdout.write(USAGE); return command ? 0 : 2; }
    if (command === '-v' || command === '--version') { io.stdout.write(`${VERSION}\n`); return 0; }
    if (command === 'rules') return listRules(rest, io.stdout);
    if (command === 'explain') return explain(rest, io.stdout);
    if (command === 'check') return await check(parseCheckArgs(rest), io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError) { io.stderr.write(`layerwise: ${e.message}\n\n${USAGE}`); return 2; }
    if (e instanceof ConfigError) { io.stderr.write(`layerwise: ${e.message}\n`); return 2; }
    const err = e as NodeJS.ErrnoException;
    if (err.code && err.path) { io.stderr.write(`layerwise: cannot read ${err.path}: ${err.code}\n`); return 2; }
    throw e;
  }
}

function parseCheckArgs(args: string[]): CheckOptions {
  const opts: CheckOptions = { paths: [], format: 'text', fix: false, diff: false };
  const value = (i: number, flag: string) => {
    if (i + 1 >= args.length) throw new UsageError(`${flag} needs a value`);
    return args[i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = () => inline ?? value(i++, flag);
    switch (flag) {
      case '--format': {
        const f = take();
        if (!['text', 'json', 'sarif', 'github', 'checkstyle'].includes(f)) throw new UsageError(`--format must be text, json, sarif, github or checkstyle, not "${f}"`);
        opts.format = f as CheckOptions['format'];
        break;
      }
      case '--fail-on': {
        const f = take();
        if (!['error', 'warning', 'info', 'hint', 'none'].includes(f)) throw new UsageError(`--fail-on must be error, warning, info, hint or none, not "${f}"`);
        opts.failOn = f as CheckOptions['failOn'];
        break;
      }
      case '--config': opts.config = take(); break;
      case '--hadolint-config': opts.hadolintConfig = take(); break;
      case '--no-hadolint-config': opts.hadolintConfig = false; break;
      case '--docs-base-url': {
        const url = take();
        if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(url)) throw new UsageError(`--docs-base-url must be an absolute URL, not "${url}"`);
        opts.docsBaseUrl = url;
        break;
      }
      case '--stdin-filename': opts.stdinFilename = take(); break;
      case '--fix': opts.fix = true; break;
      case '--diff': opts.diff = true; break;
      case '--no-shellcheck': opts.noShellcheck = true; break;
      case '--build-arg': {
        const pair = take();
        const eq = pair.indexOf('=');
        const name = eq < 0 ? pair : pair.slice(0, eq);
        if (!name) throw new UsageError(`--build-arg needs NAME=VALUE or NAME, got "${pair}"`);
        const value = eq < 0 ? process.env[name] : pair.slice(eq + 1);
        // Like docker build: a bare NAME that is not in the environment passes nothing.
        if (value !== undefined) (opts.buildArgs ??= {})[name] = value;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"`);
        opts.paths.push(a);
    }
  }
  if (opts.fix && opts.diff) throw new UsageError('--fix and --diff cannot be used together (--diff writes nothing)');
  if (!opts.paths.length) opts.paths.push('.');
  if (opts.paths.includes('-') && opts.paths.length > 1) throw new UsageError('"-" (stdin) cannot be combined with other paths');
  if (opts.stdinFilename && !opts.paths.includes('-')) throw new UsageError('--stdin-filename only applies when reading "-"');
  return opts;
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function check(opts: CheckOptions, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; stdin: NodeJS.ReadableStream }): Promise<number> {
  // Layers: nearest .hadolint.yaml < nearest .layerwise.yaml (each replaced by its option when given).
  const explicitConfig = opts.config ? loadConfigFile(opts.config, 'layerwise') : undefined;
  const explicitHadolint = typeof opts.hadolintConfig === 'string' ? loadHadolintConfigFile(opts.hadolintConfig) : undefined;
  const fileCache = new Map<string, LayerwiseConfig>();
  const load = (file: string | undefined, read: (f: string) => LayerwiseConfig) => {
    if (!file) return undefined;
    if (!fileCache.has(file)) fileCache.set(file, read(file));
    return fileCache.get(file);
  };
  const configFor = (dir: string): LayerwiseConfig => mergeConfigs(
    opts.hadolintConfig === false ? undefined : explicitHadolint ?? load(findHadolintConfigFile(dir), loadHadolintConfigFile),
    explicitConfig ?? load(findConfigFile(dir), f => loadConfigFile(f, 'layerwise')),
  );

  const inputs: { file: string; text: string; dir: string; write: boolean }[] = [];
  for (const p of opts.paths) {
    if (p === '-') {
      const name = opts.stdinFilename ?? 'Dockerfile';
      inputs.push({ file: opts.stdinFilename ?? '<stdin>', text: await readStdin(io.stdin), dir: path.dirname(path.resolve(name)), write: false });
      continue;
    }
    const stat = fs.statSync(p);
    const files = stat.isDirectory() ? findDockerfiles(p) : [p];
    if (stat.isDirectory() && !files.length) io.stderr.write(`layerwise: no Dockerfiles found in ${p}\n`);
    for (const file of files) inputs.push({ file, text: fs.readFileSync(file, 'utf8'), dir: path.dirname(path.resolve(file)), write: true });
  }

  const results: FileResult[] = [];
  let diffs = '';
  for (const input of inputs) {
    const options = { config: configFor(input.dir), buildArgs: opts.buildArgs, buildContext: new DiskBuildContext(input.dir, input.write ? { dockerfile: path.resolve(input.file) } : {}) };
    let text = input.text;
    if (opts.fix || opts.diff) {
      const fixed = fixAll(text, options).text;
      if (opts.diff) {
        // git apply wants clean relative paths: no `./`, no absolute prefix, `/` separators.
        const rel = path.relative(process.cwd(), path.resolve(input.file)).split(path.sep).join('/');
        diffs += unifiedDiff(text, fixed, `a/${rel}`, `b/${rel}`);
      }
      else if (fixed !== text) {
        if (input.write) fs.writeFileSync(input.file, fixed);
        text = fixed;
      }
      if (!input.write) io.stdout.write(text);
    }
    results.push({ file: input.file, analysis: analyze(new DockerfileModel(text), options), failOn: opts.failOn ?? options.config.failOn ?? 'error' });
    for (const failure of results[results.length - 1].analysis.failures) {
      io.stderr.write(`layerwise: internal error in rule ${failure.ruleId} on ${input.file}: ${failure.error.message}\n`);
    }
  }

  if (!opts.diff) await addShellCheckFindings(results, { enabled: !opts.noShellcheck, stderr: io.stderr });

  // With `--fix` on stdin the fixed text goes to stdout, so the report goes to stderr.
  const report = opts.fix && opts.paths.includes('-') ? io.stderr : io.stdout;
  if (opts.diff) io.stdout.write(diffs);
  else if (opts.format === 'json') report.write(JSON.stringify(results.map(toJson), null, 2) + '\n');
  else if (opts.format === 'sarif') report.write(JSON.stringify(toSarif(results, { cwd: process.cwd(), version: VERSION, docsBaseUrl: opts.docsBaseUrl }), null, 2) + '\n');
  else if (opts.format === 'github') report.write(toGithub(results, { cwd: process.cwd() }));
  else if (opts.format === 'checkstyle') report.write(toCheckstyle(results, { cwd: process.cwd() }));
  else report.write(toText(results, report));

  const threshold = (failOn: FailOn) => (failOn === 'none' ? Infinity : SEVERITY_RANK[failOn]);
  const failed = results.some(r => r.analysis.findings.some(f => SEVERITY_RANK[f.severity] >= threshold(r.failOn)));
  return failed ? 1 : 0;
}

function toJson(r: FileResult) {
  return {
    file: r.file,
    findings: r.analysis.findings.map((f: ResolvedFinding) => ({
      ruleId: f.ruleId,
      aliases: ruleById(f.ruleId)?.aliases ?? [],
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      fixable: (f.fixes?.() ?? []).length > 0,
    })),
  };
}

function toText(results: FileResult[], stdout: NodeJS.WritableStream): string {
  const color = (stdout as NodeJS.WriteStream).isTTY && !process.env.NO_COLOR;
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const SEV_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    for (const f of r.analysis.findings) {
      counts[f.severity]++;
      lines.push(`${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${paint(SEV_COLOR[f.severity], f.severity)} ${paint('1', f.ruleId)} ${f.message.replace(/`/g, '')}`);
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  lines.push(total
    ? `${total} problem${total === 1 ? '' : 's'} in ${files} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info, ${counts.hint} hints)`
    : `No problems in ${files}.`);
  return lines.join('\n') + '\n';
}

function listRules(args: string[], stdout: NodeJS.WritableStream): number {
  if (args.includes('--format=json') || (args[0] === '--format' && args[1] === 'json')) {
    stdout.write(JSON.stringify(ALL_RULES.map(r => ({ id: r.id, aliases: r.aliases, category: r.category, severity: r.severity, fixable: r.fixable, summary: r.docs.summary })), null, 2) + '\n');
  } else {
    stdout.write(ALL_RULES.map(ruleSummaryLine).join('\n') + '\n');
  }
  return 0;
}

function explain(args: string[], stdout: NodeJS.WritableStream): number {
  if (!args[0]) throw new UsageError('explain needs a rule id or alias');
  const ids = resolveRuleName(args[0]);
  if (!ids.length) throw new UsageError(`unknown rule "${args[0]}" (see \`layerwise rules\`)`);
  stdout.write(ids.map(id => ruleText(ruleById(id)!)).join('\n\n') + '\n');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, e => {
    process.stderr.write(`layerwise: unexpected error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  });
}
