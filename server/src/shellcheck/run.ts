/**
 * Runs ShellCheck (when installed) on the RUN scripts of a Dockerfile and maps its findings to
 * the document. Shared by the language server and the CLI; the engine itself stays synchronous
 * and never starts processes.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DockerfileModel } from '../engine/model';
import { EXCLUDED_CODES, shellCheckScripts, toFindings, type ShellCheckComment, type ShellCheckFinding, type ShellCheckScript } from './scripts';

export type { ShellCheckFinding } from './scripts';
export { wikiUrl } from './scripts';

export interface ShellCheckOptions {
  /** The program: a name on PATH or a path. Default `shellcheck`. */
  path?: string;
  /** Give up after this many milliseconds. Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type ShellCheckResult =
  | { status: 'ok'; findings: ShellCheckFinding[] }
  /** ShellCheck is not installed (or `path` is not a program): not an error. */
  | { status: 'missing'; findings: []; message: string }
  | { status: 'failed'; findings: []; message: string };

/** Results per script text and dialect: editing one RUN re-checks only that one. */
const cache = new Map<string, ShellCheckComment[]>();
const CACHE_LIMIT = 500;

/** Checks every shell-form RUN of `model`. Never throws. */
export async function runShellCheck(model: DockerfileModel, options: ShellCheckOptions = {}): Promise<ShellCheckResult> {
  const scripts = shellCheckScripts(model);
  if (!scripts.length) return { status: 'ok', findings: [] };
  const program = options.path || 'shellcheck';
  const pending = scripts.filter(s => !cache.has(cacheKey(program, s)));
  if (pending.length) {
    const result = await check(program, pending, options);
    if (result.status !== 'ok') return { status: result.status, findings: [], message: result.message };
    pending.forEach((s, i) => remember(cacheKey(program, s), result.comments[i]));
  }
  const findings = scripts.flatMap(s => toFindings(model, s, cache.get(cacheKey(program, s)) ?? []));
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code - b.code);
  return { status: 'ok', findings };
}

function cacheKey(program: string, s: ShellCheckScript): string {
  return `${program}\0${s.text}`;
}

function remember(key: string, comments: ShellCheckComment[]): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, comments);
}

type CheckResult = { status: 'ok'; comments: ShellCheckComment[][] } | { status: 'missing' | 'failed'; message: string };

/** One ShellCheck process for all scripts: each is a file of its own, so their scopes stay apart. */
async function check(program: string, scripts: ShellCheckScript[], options: ShellCheckOptions): Promise<CheckResult> {
  let dir: string | undefined;
  try {
    dir = await mkdtemp(path.join(tmpdir(), 'layerwise-shellcheck-'));
    const files = scripts.map((_, i) => path.join(dir!, `run${i}.sh`));
    await Promise.all(scripts.map((s, i) => writeFile(files[i], s.text)));
    const { stdout, error } = await exec(program, argsFor(files), options);
    return interpret(program, files, stdout, error);
  } catch (e) {
    return { status: 'failed', message: (e as Error).message };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function argsFor(files: string[]): string[] {
  return ['--format=json1', '--norc', `--exclude=${EXCLUDED_CODES.join(',')}`, ...files];
}

function interpret(program: string, files: string[], stdout: string, error: ExecError | undefined): CheckResult {
  if (error && (error.code === 'ENOENT' || error.code === 'EACCES')) return { status: 'missing', message: `${program} not found` };
  if (error?.killed || error?.code === 'ABORT_ERR' || error?.code === 'ETIMEDOUT') {
    return { status: 'failed', message: error.code === 'ABORT_ERR' ? `${program} was cancelled` : `${program} timed out` };
  }
  // Exit status 1 means "found something"; anything else without JSON is a failure.
  let parsed: { comments?: ShellCheckComment[] };
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { status: 'failed', message: `${program} gave no JSON output${error ? ` (${error.message.split('\n')[0]})` : ''}` };
  }
  const byFile = new Map(files.map((f, i) => [f, i]));
  const comments: ShellCheckComment[][] = files.map(() => []);
  for (const c of parsed.comments ?? []) {
    const i = byFile.get(c.file);
    if (i !== undefined) comments[i].push(c);
  }
  return { status: 'ok', comments };
}

/** The same, blocking: for scripts and tests that run outside an event loop's concerns (the conformance runner). */
export function runShellCheckSync(model: DockerfileModel, options: Omit<ShellCheckOptions, 'signal'> = {}): ShellCheckResult {
  const scripts = shellCheckScripts(model);
  if (!scripts.length) return { status: 'ok', findings: [] };
  const program = options.path || 'shellcheck';
  const pending = scripts.filter(s => !cache.has(cacheKey(program, s)));
  if (pending.length) {
    const dir = mkdtempSync(path.join(tmpdir(), 'layerwise-shellcheck-'));
    try {
      const files = pending.map((_, i) => path.join(dir, `run${i}.sh`));
      pending.forEach((s, i) => writeFileSync(files[i], s.text));
      const r = spawnSync(program, argsFor(files), { encoding: 'utf8', timeout: options.timeoutMs ?? 10_000, maxBuffer: 32 * 1024 * 1024, windowsHide: true });
      const error = r.error as ExecError | undefined;
      const result = interpret(program, files, r.stdout ?? '', error ?? (r.status !== 0 && r.status !== 1 ? Object.assign(new Error(`exit status ${r.status}`), { code: r.status }) : undefined));
      if (result.status !== 'ok') return { status: result.status, findings: [], message: result.message };
      pending.forEach((s, i) => remember(cacheKey(program, s), result.comments[i]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const findings = scripts.flatMap(s => toFindings(model, s, cache.get(cacheKey(program, s)) ?? []));
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code - b.code);
  return { status: 'ok', findings };
}

interface ExecError extends Error { code?: string | number | null; killed?: boolean }

function exec(program: string, args: string[], options: ShellCheckOptions): Promise<{ stdout: string; error?: ExecError }> {
  return new Promise(resolve => {
    execFile(program, args, { timeout: options.timeoutMs ?? 10_000, maxBuffer: 32 * 1024 * 1024, signal: options.signal, windowsHide: true }, (error, stdout) => {
      resolve({ stdout: String(stdout ?? ''), error: error ?? undefined });
    });
  });
}

/** The installed version (`0.9.0`), or undefined when the program cannot be run. */
export function shellCheckVersion(program = 'shellcheck'): Promise<string | undefined> {
  return new Promise(resolve => {
    execFile(program, ['--version'], { timeout: 5000, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : /version:\s*(\S+)/.exec(String(stdout))?.[1]);
    });
  });
}
