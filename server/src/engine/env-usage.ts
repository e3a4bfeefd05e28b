import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiskBuildContext, sourceTakes } from './context';
import { isSecretName } from './knowledge/secrets';

/**
 * Which environment variables the application code in a build context reads, so that
 * `docker run` can ask for them. A read with no default in the code is *required*
 * (`os.environ["X"]`, `os.getenv("X")`, `process.env.X`, `os.Getenv("X")`, `${X:?}`);
 * one with a default or an explicit presence check is *optional*. Pattern-based on
 * purpose: it must be fast, bounded and never execute anything from the context.
 */

export type SourceLanguage = 'python' | 'node' | 'go' | 'shell';

export interface EnvRead {
  name: string;
  /** 0-based line of the read. */
  line: number;
  required: boolean;
  /** The construct, for telling the user where the name came from (`os.getenv`). */
  via: string;
}

export interface EnvFinding extends EnvRead {
  /** Path relative to the scanned root, with `/`. */
  file: string;
  language: SourceLanguage;
}

export interface EnvUsage {
  name: string;
  /** Required when any read of it has no default. */
  required: boolean;
  secret: boolean;
  findings: EnvFinding[];
}

export interface EnvScanOptions {
  /** Context paths the image copies (`.`, `src`, `app/*.py`); only these are scanned. Default: everything. */
  include?: string[];
  /** Source files read at most. */
  maxFiles?: number;
  /** Directory entries looked at, at most (bounds the walk of huge trees). */
  maxEntries?: number;
  /** Wall-clock budget for the whole scan. */
  timeBudgetMs?: number;
  /** The Dockerfile (relative to the root, or absolute), so `<Dockerfile>.dockerignore` applies. */
  dockerfile?: string;
  /** Larger files are skipped (minified bundles, generated code). */
  maxFileBytes?: number;
}

export interface EnvScan {
  usages: EnvUsage[];
  filesScanned: number;
  /** Why the scan stopped early, if it did. */
  truncated?: 'files' | 'entries' | 'time';
  /** Whether a `.dockerignore` was applied. */
  dockerignore: boolean;
  elapsedMs: number;
}

const DEFAULTS: Required<Omit<EnvScanOptions, 'include' | 'dockerfile'>> = { maxFiles: 2000, maxEntries: 20000, timeBudgetMs: 2000, maxFileBytes: 512 * 1024 };

/** Folders that never hold the application's own code, or are too big to be worth it. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', 'vendor', '.idea', '.vscode']);

export function languageOf(file: string): SourceLanguage | undefined {
  const base = path.posix.basename(file).toLowerCase();
  const ext = path.posix.extname(base);
  if (ext === '.py') return 'python';
  if (['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx'].includes(ext)) return base.endsWith('.d.ts') ? undefined : 'node';
  if (ext === '.go') return base.endsWith('_test.go') ? undefined : 'go';
  if (ext === '.sh' || ext === '.bash' || /^(docker-)?entrypoint$/.test(base)) return 'shell';
  return undefined;
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const STR = (quotes: string) => `([${quotes}])(${NAME})\\1`;

interface Pattern {
  re: RegExp;
  via: string;
  /** From the match (and the text after it) to required / optional; `skip` for writes. */
  classify: (m: RegExpExecArray, after: string, before: string) => boolean | 'skip';
  nameGroup: number;
}

const isAssignment = (after: string) => /^\s*(?:=(?!=)|\+=|\|\|=|\?\?=)/.test(after);

const PATTERNS: Record<SourceLanguage, Pattern[]> = {
  python: [
    // os.environ["X"] raises KeyError when X is missing.
    { re: new RegExp(`\\b(?:os\\.)?environ\\s*\\[\\s*${STR(`'"`)}\\s*\\]`, 'g'), via: 'os.environ[]', nameGroup: 2, classify: (_m, after) => isAssignment(after) ? 'skip' : true },
    { re: new RegExp(`\\b(?:os\\.)?environ\\.get\\(\\s*${STR(`'"`)}\\s*(,|\\))`, 'g'), via: 'os.environ.get', nameGroup: 2, classify: m => m[3] === ')' },
    { re: new RegExp(`\\b(?:os\\.)?getenv\\(\\s*${STR(`'"`)}\\s*(,|\\))`, 'g'), via: 'os.getenv', nameGroup: 2, classify: m => m[3] === ')' },
    { re: new RegExp(`\\b(?:os\\.)?environ\\.setdefault\\(\\s*${STR(`'"`)}`, 'g'), via: 'os.environ.setdefault', nameGroup: 2, classify: () => false },
    { re: new RegExp(`${STR(`'"`)}\\s+(?:not\\s+)?in\\s+(?:os\\.)?environ\\b`, 'g'), via: 'in os.environ', nameGroup: 2, classify: () => false },
  ],
  node: [
    { re: new RegExp(`\\bprocess\\.env\\.(${NAME})\\b`, 'g'), via: 'process.env', nameGroup: 1, classify: (_m, after) => nodeRead(after) },
    { re: new RegExp(`\\bprocess\\.env\\[\\s*${STR('\'"`')}\\s*\\]`, 'g'), via: 'process.env[]', nameGroup: 2, classify: (_m, after) => nodeRead(after) },
    { re: new RegExp(`\\bDeno\\.env\\.get\\(\\s*${STR('\'"`')}\\s*\\)`, 'g'), via: 'Deno.env.get', nameGroup: 2, classify: (_m, after) => nodeRead(after) },
  ],
  go: [
    // cmp.Or(os.Getenv("X"), "fallback") supplies a default.
    { re: new RegExp(`\\bos\\.Getenv\\(\\s*${STR('"`')}\\s*\\)`, 'g'), via: 'os.Getenv', nameGroup: 2, classify: (_m, _after, before) => !/\bcmp\.Or\(\s*$/.test(before) },
    { re: new RegExp(`\\bos\\.LookupEnv\\(\\s*${STR('"`')}\\s*\\)`, 'g'), via: 'os.LookupEnv', nameGroup: 2, classify: () => false },
  ],
  shell: [
    { re: new RegExp(`\\$\\{(${NAME}):?\\?[^}]*\\}`, 'g'), via: '${X:?}', nameGroup: 1, classify: () => true },
    { re: new RegExp(`\\$\\{(${NAME}):?[-=][^}]*\\}`, 'g'), via: '${X:-default}', nameGroup: 1, classify: () => false },
  ],
};

/** `process.env.X || 'd'`, `?? 'd'` and `X ? a : b` have a fallback; `process.env.X = v` is a write. */
function nodeRead(after: string): boolean | 'skip' {
  if (isAssignment(after)) return 'skip';
  return !/^\s*(?:\|\||\?\?|\?(?!\.)|[!=]==?\s*(?:undefined|null|''|""))/.test(after);
}

/** `const { A, B = 'x', C: c } = process.env`: A and C are required, B is optional. */
const NODE_DESTRUCTURE = /\{([^{}]*)\}\s*=\s*process\.env\b/g;

/** The environment reads in one source file. */
export function findEnvReads(text: string, language: SourceLanguage): EnvRead[] {
  const code = blankComments(text, language);
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  const reads: EnvRead[] = [];
  for (const p of PATTERNS[language]) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(code); m; m = p.re.exec(code)) {
      const end = m.index + m[0].length;
      const required = p.classify(m, code.slice(end, end + 40), code.slice(Math.max(0, m.index - 40), m.index));
      if (required === 'skip') continue;
      reads.push({ name: m[p.nameGroup], line: lineOf(m.index), required, via: p.via });
    }
  }
  if (language === 'node') {
    NODE_DESTRUCTURE.lastIndex = 0;
    for (let m = NODE_DESTRUCTURE.exec(code); m; m = NODE_DESTRUCTURE.exec(code)) {
      for (const part of m[1].split(',')) {
        const d = new RegExp(`^\\s*(${NAME})\\s*(?::\\s*${NAME}\\s*)?(=)?`).exec(part);
        if (d) reads.push({ name: d[1], line: lineOf(m.index), required: !d[2], via: '{ … } = process.env' });
      }
    }
  }
  return reads.sort((a, b) => a.line - b.line || a.name.localeCompare(b.name));
}

/** Replaces whole-line comments with spaces so offsets (and line numbers) stay put. */
function blankComments(text: string, language: SourceLanguage): string {
  const marker = language === 'python' || language === 'shell' ? /^\s*#/ : /^\s*(?:\/\/|\/?\*)/;
  return text.split('\n').map(line => marker.test(line) ? ' '.repeat(line.length) : line).join('\n');
}

/** Merges per-file findings into one entry per variable: required ones first, then by name. */
export function mergeFindings(findings: EnvFinding[]): EnvUsage[] {
  const byName = new Map<string, EnvUsage>();
  for (const f of findings) {
    let u = byName.get(f.name);
    if (!u) byName.set(f.name, (u = { name: f.name, required: false, secret: isSecretName(f.name), findings: [] }));
    u.required ||= f.required;
    u.findings.push(f);
  }
  return [...byName.values()].sort((a, b) => Number(b.required) - Number(a.required) || a.name.localeCompare(b.name));
}

/**
 * Walks the build context and collects the environment reads of the code it holds,
 * skipping what `.dockerignore` excludes, within the given limits.
 */
export async function scanEnvUsage(root: string, options: EnvScanOptions = {}): Promise<EnvScan> {
  const opts = { ...DEFAULTS, ...options };
  const started = Date.now();
  const deadline = started + opts.timeBudgetMs;
  // Docker's own .dockerignore rules, shared with the rules that read the context.
  const context = new DiskBuildContext(root, { dockerfile: options.dockerfile });
  const ignore = context.dockerignore() ? context : undefined;
  const include = options.include?.length ? options.include : ['.'];
  const findings: EnvFinding[] = [];
  let filesScanned = 0;
  let entries = 0;
  let truncated: EnvScan['truncated'];

  const queue: string[] = [''];
  walk: while (queue.length) {
    const dir = queue.shift()!;
    let list: fs.Dirent[];
    try {
      list = await fs.promises.readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of list) {
      if (++entries > opts.maxEntries) { truncated = 'entries'; break walk; }
      if (Date.now() > deadline) { truncated = 'time'; break walk; }
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (ignore?.isIgnored(rel)) continue;
      // Symbolic links are not followed: they can point anywhere, including in circles.
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && mayContainIncluded(rel, include)) queue.push(rel);
        continue;
      }
      if (!entry.isFile()) continue;
      const language = languageOf(rel);
      if (!language || !isIncluded(rel, include)) continue;
      if (filesScanned >= opts.maxFiles) { truncated = 'files'; break walk; }
      const file = path.join(root, rel);
      try {
        const stat = await fs.promises.stat(file);
        if (stat.size > opts.maxFileBytes) continue;
        const text = await fs.promises.readFile(file, 'utf8');
        filesScanned++;
        for (const read of findEnvReads(text, language)) findings.push({ ...read, file: rel, language });
      } catch {
        // Unreadable files are skipped; the scan is best effort by design.
      }
    }
  }
  return { usages: mergeFindings(findings), filesScanned, truncated, dockerignore: !!ignore, elapsedMs: Date.now() - started };
}

/** Whether the image copies `rel` (a context-relative path) given its COPY/ADD sources (`.` is everything). */
export function isIncluded(rel: string, include: string[]): boolean {
  return include.some(src => sourceTakes(src === '.' ? '' : src, rel));
}

/** The usages whose reads are in files the given sources copy. */
export function usagesWithin(usages: EnvUsage[], include: string[]): EnvUsage[] {
  return mergeFindings(usages.flatMap(u => u.findings).filter(f => isIncluded(f.file, include)));
}

function mayContainIncluded(dir: string, include: string[]): boolean {
  return include.some(src => src === '.' || /[*?[]/.test(src) || dir === src || dir.startsWith(src + '/') || src.startsWith(dir + '/'));
}

/** Variable names a Docker `--env-file` defines (values are never returned). */
export function envFileNames(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const name = line.split('=', 1)[0].trim();
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}
