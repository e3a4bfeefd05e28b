import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from '@balena/dockerignore';
import { flagsOf, type DockerfileModel, type InstructionInfo, type Stage } from './model';
import { runScript } from './run';
import { commandName } from './shell/commands';
import type { Fix, Range } from './types';

/**
 * The build context a Dockerfile is built from, as Docker sees it: the files under the
 * context root minus what `.dockerignore` excludes. Rules ask it which manifests exist,
 * what a wholesale `COPY . .` would take, and which heavy or secret paths are present;
 * hovers ask it what a COPY takes. Paths are relative to the context root, with `/`.
 *
 * Matching `.dockerignore` patterns is done by `@balena/dockerignore`, a port of Docker's
 * own matcher (case-sensitive, as on Linux). Scans are bounded and cached: see `scan`.
 */
export interface BuildContext {
  /** Absolute folder on disk; undefined for in-memory contexts. */
  readonly root?: string;
  /** The Dockerfile: relative to the root (with `/`) when inside it, otherwise absolute. Finds `<name>.dockerignore`. */
  readonly dockerfile?: string;
  exists(relPath: string): boolean;
  /** File text, or undefined when missing or larger than a small limit. */
  readText(relPath: string): string | undefined;
  /**
   * The ignore file in effect: `<Dockerfile>.dockerignore` beside the Dockerfile when it
   * exists (BuildKit gives it precedence), otherwise `.dockerignore` at the context root.
   */
  dockerignore(): DockerIgnore | undefined;
  /** Whether the ignore file excludes this path (a file or a folder) from the context. */
  isIgnored(relPath: string): boolean;
  /** What the context holds after `.dockerignore`; bounded, and cached per context root. May walk the disk. */
  scan(limits?: Partial<ScanLimits>): ContextScan;
  /**
   * The scan when it can be had without waiting for the disk; undefined while a language
   * server scans in the background (see `ScanMode`). Rules use this one and stay silent on
   * undefined: an unknown context is never a finding. The CLI and tests always get a scan.
   */
  scanIfReady(limits?: Partial<ScanLimits>): ContextScan | undefined;
  /** Forgets cached scans and ignore files, e.g. after a file-change event under the root. */
  invalidate(): void;
}

export interface DockerIgnore {
  /** Relative to the context root when inside it (`.dockerignore`, `Dockerfile.dockerignore`), otherwise absolute. */
  path: string;
  /** The pattern lines as written: comments and blank lines dropped, surrounding space trimmed. */
  patterns: string[];
}

export interface ScanLimits {
  /** Stop after counting this many files. */
  maxFiles: number;
  /** Stop after this much wall-clock time. */
  maxMs: number;
  /** Files at least this big are reported as `large-file`. */
  largeFileBytes: number;
}

export const DEFAULT_SCAN_LIMITS: Readonly<ScanLimits> = { maxFiles: 20_000, maxMs: 500, largeFileBytes: 10 * 1024 * 1024 };

export interface SizedPath { path: string; bytes: number }

export interface TopLevelEntry { name: string; isDir: boolean; bytes: number; files: number }

/**
 * What the scan noticed. The first group are what a `.dockerignore` usually excludes
 * (see `IGNORABLE_KINDS`); `model-file` and `data-file` are artefacts outside any data
 * or model folder, reported for the image-size rule only.
 */
export type NotableKind =
  | 'git' | 'virtualenv' | 'pycache' | 'node-modules' | 'secret' | 'data' | 'model' | 'build-output' | 'large-file'
  | 'model-file' | 'data-file';

export const IGNORABLE_KINDS: ReadonlySet<NotableKind> = new Set<NotableKind>(['git', 'virtualenv', 'pycache', 'node-modules', 'secret', 'data', 'model', 'build-output', 'large-file']);

export interface NotablePath {
  kind: NotableKind;
  /** Relative path, no trailing slash. */
  path: string;
  isDir: boolean;
  /** For folders, the bytes and files counted below it (lower bounds when the scan was truncated). */
  bytes: number;
  files: number;
  /** What it is, for messages: "Git history", "SSH private key", "virtualenv". */
  label: string;
  /** The `.dockerignore` line that excludes it. */
  entry: string;
}

export interface ContextScan {
  /** Files (and symlinks, which Docker copies as links) left after `.dockerignore`. */
  files: number;
  bytes: number;
  /** The biggest files, largest first (at most 10). */
  largest: SizedPath[];
  /** Entries at the context root with what they hold, largest first. */
  topLevel: TopLevelEntry[];
  /** A bound was hit: counts are lower bounds and some notable paths may be missing. */
  truncated: boolean;
  truncatedBy?: 'maxFiles' | 'maxMs';
  /** Notable paths present, outermost only (nothing inside `.git` or `node_modules` is listed). */
  notable: NotablePath[];
  dockerignore?: DockerIgnore;
  limits: ScanLimits;
  elapsedMs: number;
}

export interface CopySummary {
  files: number;
  bytes: number;
  largest: SizedPath[];
  /** The context scan was truncated: these are lower bounds. */
  truncated: boolean;
  /** Context sources that match nothing left in the scanned context. */
  unmatched: string[];
  /** Sources `.dockerignore` excludes, so the COPY cannot see them. */
  excluded: string[];
  /** Sources that are not paths in the context (URLs, heredocs, unresolved variables). */
  skipped: string[];
}

const MAX_READ_BYTES = 256 * 1024;
const LARGEST_COUNT = 10;
const MAX_NOTABLE = 500;
/** Below this a data folder or data file is small enough to be a fixture, not a data set. */
export const DATA_MIN_BYTES = 1024 * 1024;

// ---------------------------------------------------------------------------------------
// .dockerignore

/**
 * The library's matcher over `patterns`, without those it cannot compile (a `[` left open): it
 * would throw on the first match, and Docker rejects such a pattern rather than matching with it.
 */
function matcherOf(patterns: readonly string[]): Ignore {
  return ignore({ ignorecase: false }).add(patterns.filter(compiles));
}

function compiles(pattern: string): boolean {
  try {
    // A `!` line is only compiled when a path is excluded; its pattern compiles the same without the `!`.
    ignore({ ignorecase: false }).add(pattern.replace(/^!/, '')).ignores('x');
    return true;
  } catch {
    return false;
  }
}

/** A parsed ignore file: the library's matcher plus what we need to prune the walk. */
class IgnoreRules {
  private readonly matcher: Ignore;
  /** Components of each `!` pattern, cleaned the way Docker cleans them. */
  private readonly negations: string[][];
  private readonly reinclude = new Map<string, boolean>();

  constructor(readonly info: DockerIgnore) {
    this.matcher = matcherOf(info.patterns);
    this.negations = info.patterns
      .filter(p => p.startsWith('!'))
      .map(p => cleanRelative(p.slice(1).trim()))
      .filter(p => p !== '')
      .map(p => p.split('/'));
  }

  ignores(rel: string): boolean {
    return rel !== '' && this.matcher.ignores(rel);
  }

  /**
   * Could a `!` line bring back something below the excluded folder `dir`? Only a pattern
   * longer than `dir` whose leading components match it, or one with `**` early enough, can.
   */
  mayReinclude(dir: string): boolean {
    if (!this.negations.length) return false;
    let hit = this.reinclude.get(dir);
    if (hit === undefined) {
      const depth = dir.split('/').length;
      hit = this.negations.some(parts => {
        if (parts.slice(0, depth + 1).some(p => p.includes('**'))) return true;
        if (parts.length <= depth) return false;
        const prefix = parts.slice(0, depth).join('/');
        if (prefix.startsWith('#') || prefix.startsWith('!')) return true;
        return matcherOf([prefix]).ignores(dir);
      });
      this.reinclude.set(dir, hit);
    }
    return hit;
  }
}

/** Splits an ignore file into pattern lines the way Docker reads it. */
export function parseDockerignore(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    // Only a `#` in the first column starts a comment.
    if (raw.startsWith('#')) continue;
    const line = raw.trim();
    if (line) out.push(line);
  }
  return out;
}

/** `a/./b/../c/`, `/x`, `./x` → `c`-style clean path relative to the root ('' for the root itself). */
function cleanRelative(p: string): string {
  const resolved = path.posix.resolve('/', p);
  return resolved === '/' ? '' : resolved.slice(1);
}

export function normaliseRelPath(p: string): string {
  return cleanRelative(p);
}

// ---------------------------------------------------------------------------------------
// What is notable in a context

const HEAVY_DIRS: Record<string, { kind: NotableKind; label: string }> = {
  '.git': { kind: 'git', label: 'Git history' },
  node_modules: { kind: 'node-modules', label: 'installed Node packages' },
  venv: { kind: 'virtualenv', label: 'virtualenv' },
  '.venv': { kind: 'virtualenv', label: 'virtualenv' },
  virtualenv: { kind: 'virtualenv', label: 'virtualenv' },
};
const BUILD_DIRS = new Set(['dist', 'build', 'target', '.next']);
const PROJECT_MANIFESTS = new Set(['package.json', 'pyproject.toml', 'setup.py', 'setup.cfg', 'Cargo.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'go.mod', 'Makefile', 'CMakeLists.txt', 'tsconfig.json']);
/** Folders whose insides are walked last: big, and already reported as a whole. */
const DEFERRED_KINDS: ReadonlySet<NotableKind> = new Set<NotableKind>(['git', 'node-modules', 'virtualenv', 'build-output']);
const DATA_DIRS: Record<string, 'data' | 'model'> = {
  data: 'data', datasets: 'data', dataset: 'data',
  models: 'model', checkpoints: 'model', mlruns: 'model', wandb: 'model',
};
/** Folders that hold run artefacts whatever their size. */
const ALWAYS_ARTIFACT_DIRS = new Set(['checkpoints', 'mlruns', 'wandb']);

const MODEL_EXTENSIONS = new Set(['.pt', '.pth', '.safetensors', '.onnx', '.joblib', '.pkl', '.pickle', '.h5', '.ckpt', '.gguf', '.keras', '.tflite']);
const DATA_EXTENSIONS = new Set(['.csv', '.parquet', '.feather', '.arrow', '.npy', '.npz', '.tfrecord', '.jsonl']);
const ENV_TEMPLATE = /\.(example|sample|template|dist|defaults?|tmpl|tpl)$/i;

/** Model artefact, data set file, or neither, judged by name (`*.bin` counts inside model folders). */
export function artifactKind(relPath: string): 'model' | 'data' | undefined {
  const ext = path.posix.extname(relPath).toLowerCase();
  if (MODEL_EXTENSIONS.has(ext)) return 'model';
  if (DATA_EXTENSIONS.has(ext)) return 'data';
  if (ext === '.bin' && relPath.split('/').slice(0, -1).some(d => DATA_DIRS[d.toLowerCase()] === 'model')) return 'model';
  return undefined;
}

/** A model or data folder name (`data`, `models`, `checkpoints`, …). */
export function dataDirKind(name: string): 'data' | 'model' | undefined {
  return DATA_DIRS[name.toLowerCase()];
}

const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/**
 * What kind of credential a file is, judged by its name and place and, for the few
 * formats that may hold either public or secret data, by its first bytes (`head`).
 */
export function secretFileLabel(relPath: string, head?: () => string | undefined): string | undefined {
  const name = path.posix.basename(relPath);
  const parent = path.posix.basename(path.posix.dirname(relPath));
  const lower = name.toLowerCase();
  if (lower === '.env' || (lower.startsWith('.env.') && !ENV_TEMPLATE.test(lower))) return 'environment file';
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?(\b|_|$)/.test(name) && !lower.endsWith('.pub')) return 'SSH private key';
  if (lower === '.git-credentials') return 'Git credentials';
  if (lower === '.netrc' || lower === '_netrc') return 'netrc credentials';
  if (lower === 'credentials' && parent === '.aws') return 'AWS credentials';
  if (lower === 'config.json' && parent === '.docker') return 'Docker registry credentials';
  if (lower === 'application_default_credentials.json' || (parent === 'gcloud' && /^(credentials|access_tokens)\.db$/.test(lower))) return 'Google Cloud credentials';
  if (/^(service[-_]?account.*|client_secrets?.*|credentials)\.json$/.test(lower)) return 'cloud credentials';
  if (/\.(p12|pfx|keystore|jks)$/.test(lower)) return 'key store';
  if (lower.endsWith('.pem') || lower.endsWith('.key')) {
    const text = head?.();
    // A certificate or public key is not a secret; without the text, assume the worst.
    return text === undefined || PRIVATE_KEY.test(text) ? 'private key' : undefined;
  }
  if (lower === '.npmrc') {
    const text = head?.();
    return text === undefined || /(_authToken|_auth|_password)\s*=\s*(?!\$\{)\S/.test(text) ? 'npm credentials' : undefined;
  }
  if (lower === '.pypirc') {
    const text = head?.();
    return text === undefined || /^\s*password\s*[=:]\s*\S/m.test(text) ? 'PyPI credentials' : undefined;
  }
  return undefined;
}

/** Escapes characters `.dockerignore` would read as pattern syntax. */
export function escapeIgnoreEntry(p: string): string {
  return p.replace(/[*?[\]\\]/g, '\\$&').replace(/^[#!]/, '\\$&');
}

// ---------------------------------------------------------------------------------------
// Scanning

interface DirEntry { name: string; kind: 'file' | 'dir' | 'link'; size: number }

/** The two places a context's files come from: a folder on disk, or a map in memory. */
interface FileSource {
  list(relDir: string): DirEntry[] | undefined;
  head(relPath: string, maxBytes: number): string | undefined;
}

/** The same reads without blocking, for scans that run beside the language server's work. */
interface AsyncFileSource {
  list(relDir: string): Promise<DirEntry[] | undefined>;
  head(relPath: string, maxBytes: number): Promise<string | undefined>;
}

/**
 * What the walk needs next: a folder listing, the first bytes of a file, or (`tick`) a
 * chance to yield. The walk itself is a generator, so one algorithm serves the blocking
 * scan (CLI, tests) and the background scan (server) alike.
 */
type ScanStep =
  | { kind: 'list'; rel: string }
  | { kind: 'head'; rel: string; maxBytes: number }
  | { kind: 'tick' };

const SECRET_HEAD_BYTES = 16 * 1024;
/** Entries handled between two `tick` steps. */
const TICK_ENTRIES = 256;

interface ScanItem {
  rel: string;
  top?: TopLevelEntry;
  container?: NotablePath;
  candidates: Candidate[];
}

interface Candidate { notable: NotablePath; artifacts: number; name: string }

/** The files found, for `summariseCopy`; kept beside each scan rather than in it. */
const scanIndexes = new WeakMap<ContextScan, SizedPath[]>();

/** The blocking scan: every step answered at once. */
function runScan(source: FileSource, rules: IgnoreRules | undefined, limits: ScanLimits): ContextScan {
  const started = Date.now();
  const walk = walkContext(rules, limits, () => Date.now() - started);
  let step = walk.next();
  while (!step.done) {
    const s = step.value;
    step = walk.next(s.kind === 'list' ? source.list(s.rel) : s.kind === 'head' ? source.head(s.rel, s.maxBytes) : undefined);
  }
  return step.value;
}

/** How long the background scan may hold the event loop before it lets other work run. */
const SLICE_MS = 8;

/**
 * The background scan: the same walk, its reads asynchronous, so LSP requests and analyses
 * run between them. Resolves undefined once `cancelled()` says so; bounded like `runScan`
 * (its time bound counts wall-clock time, waits included).
 */
async function runScanAsync(source: AsyncFileSource, rules: IgnoreRules | undefined, limits: ScanLimits, cancelled: () => boolean): Promise<ContextScan | undefined> {
  const started = Date.now();
  const walk = walkContext(rules, limits, () => Date.now() - started);
  let slice = Date.now();
  let step = walk.next();
  while (!step.done) {
    if (cancelled()) return undefined;
    const s = step.value;
    let answer: unknown;
    if (s.kind === 'tick') {
      if (Date.now() - slice >= SLICE_MS) {
        await new Promise<void>(resolve => setImmediate(resolve));
        slice = Date.now();
      }
    } else {
      answer = s.kind === 'list' ? await source.list(s.rel) : await source.head(s.rel, s.maxBytes);
      slice = Date.now();
    }
    step = walk.next(answer);
  }
  return cancelled() ? undefined : step.value;
}

/**
 * The walk of a context: breadth-first, ordinary folders before heavy ones, pruned by the
 * ignore rules, stopped by the limits. `elapsed` is the time the scan has taken so far.
 */
function* walkContext(rules: IgnoreRules | undefined, limits: ScanLimits, elapsed: () => number): Generator<ScanStep, ContextScan, unknown> {
  const index: SizedPath[] = [];
  const largest: SizedPath[] = [];
  const topLevel = new Map<string, TopLevelEntry>();
  const notable: NotablePath[] = [];
  const candidates: Candidate[] = [];
  let files = 0, bytes = 0;
  let truncatedBy: ContextScan['truncatedBy'];
  // Ordinary folders first; the contents of .git, node_modules and virtualenvs last, so a
  // bound hit there costs the least information.
  const normal: ScanItem[] = [{ rel: '', candidates: [] }];
  const deferred: ScanItem[] = [];
  let ni = 0, di = 0, ops = 0, handled = 0;

  const addNotable = (kind: NotableKind, rel: string, isDir: boolean, label: string, size = 0): NotablePath => {
    const n: NotablePath = { kind, path: rel, isDir, bytes: size, files: isDir ? 0 : 1, label, entry: entryFor(kind, rel) };
    if (notable.length < MAX_NOTABLE) notable.push(n);
    return n;
  };

  outer: while (ni < normal.length || di < deferred.length) {
    const item = ni < normal.length ? normal[ni++] : deferred[di++];
    if (item.rel !== '' && elapsed() >= limits.maxMs) { truncatedBy = 'maxMs'; break; }
    const entries = (yield { kind: 'list', rel: item.rel }) as DirEntry[] | undefined;
    if (!entries) continue;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (item.rel && !item.container && entries.some(e => e.name === 'pyvenv.cfg' && e.kind === 'file')) {
      item.container = addNotable('virtualenv', item.rel, true, 'virtualenv');
    }
    for (const e of entries) {
      if (++handled % TICK_ENTRIES === 0) yield { kind: 'tick' };
      const rel = item.rel ? `${item.rel}/${e.name}` : e.name;
      const ignored = rules?.ignores(rel) ?? false;
      if (e.kind === 'dir') {
        if (ignored && !rules!.mayReinclude(rel)) continue;
        let container = item.container;
        let chain = item.candidates;
        let defer = !!container && DEFERRED_KINDS.has(container.kind);
        if (!container && !ignored) {
          const heavy = HEAVY_DIRS[e.name];
          if (heavy) { container = addNotable(heavy.kind, rel, true, heavy.label); defer = true; }
          else if (e.name === '__pycache__') container = addNotable('pycache', rel, true, 'Python bytecode cache');
          else if (BUILD_DIRS.has(e.name) && (e.name === '.next' || !item.rel || entries.some(m => m.kind === 'file' && PROJECT_MANIFESTS.has(m.name)))) {
            // Only beside a project manifest (or at the root) is `build/` an output rather than source code.
            container = addNotable('build-output', rel, true, 'build output');
            defer = true;
          }
          else {
            const dk = dataDirKind(e.name);
            if (dk) {
              const c: Candidate = { notable: { kind: dk, path: rel, isDir: true, bytes: 0, files: 0, label: dk === 'data' ? 'data folder' : 'model artefacts', entry: entryFor(dk, rel) }, artifacts: 0, name: e.name.toLowerCase() };
              candidates.push(c);
              chain = [...chain, c];
            }
          }
        }
        let top = item.top;
        if (!item.rel) {
          top = { name: e.name, isDir: true, bytes: 0, files: 0 };
          if (!ignored) topLevel.set(e.name, top);
        }
        (defer ? deferred : normal).push({ rel, top, container, candidates: chain });
        continue;
      }
      if (ignored) continue;
      files++;
      bytes += e.size;
      const sized = { path: rel, bytes: e.size };
      index.push(sized);
      if (largest.length < LARGEST_COUNT || e.size > largest[largest.length - 1].bytes) {
        largest.push(sized);
        largest.sort((a, b) => b.bytes - a.bytes);
        if (largest.length > LARGEST_COUNT) largest.pop();
      }
      if (!item.rel) topLevel.set(e.name, { name: e.name, isDir: false, bytes: e.size, files: 1 });
      else if (item.top) {
        item.top.bytes += e.size; item.top.files++;
        if (!topLevel.has(item.top.name)) topLevel.set(item.top.name, item.top);
      }
      if (item.container) { item.container.bytes += e.size; item.container.files++; }
      for (const c of item.candidates) {
        c.notable.bytes += e.size; c.notable.files++;
        if (artifactKind(rel)) c.artifacts++;
      }
      if (!item.container && e.kind === 'file') {
        // Only a few formats need their first bytes to tell a secret from a certificate.
        let wantsHead = false;
        let secret = secretFileLabel(rel, () => { wantsHead = true; return undefined; });
        if (wantsHead) {
          const head = (yield { kind: 'head', rel, maxBytes: SECRET_HEAD_BYTES }) as string | undefined;
          secret = secretFileLabel(rel, () => head);
        }
        classifyFile(rel, e, secret, limits, addNotable);
      }
      if (++ops % 64 === 0 && elapsed() >= limits.maxMs) { truncatedBy = 'maxMs'; break outer; }
      if (files >= limits.maxFiles) { truncatedBy = 'maxFiles'; break outer; }
    }
  }

  // Data and model folders count once we know what they hold: code named `models/` is not artefacts.
  const qualified = candidates
    .filter(c => ALWAYS_ARTIFACT_DIRS.has(c.name) || c.artifacts > 0 || c.notable.bytes >= DATA_MIN_BYTES)
    .map(c => c.notable);
  const all = [...notable, ...qualified];
  const outerDirs = all.filter(n => n.isDir && n.kind !== 'secret');
  const isInside = (n: NotablePath) => outerDirs.some(d => d !== n && n.path.startsWith(d.path + '/'));
  // A secret inside a data folder is still a secret; anything else inside a reported folder is covered by it.
  const kept = all
    .filter(n => !isInside(n) || (n.kind === 'secret' && outerDirs.every(d => d.kind === 'data' || d.kind === 'model' || !n.path.startsWith(d.path + '/'))))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const scan: ContextScan = {
    files, bytes, largest,
    topLevel: [...topLevel.values()].sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1)),
    truncated: truncatedBy !== undefined,
    truncatedBy,
    notable: kept,
    dockerignore: rules?.info,
    limits,
    elapsedMs: elapsed(),
  };
  scanIndexes.set(scan, index);
  return scan;
}

const KIND_ORDER: NotableKind[] = ['git', 'secret', 'virtualenv', 'pycache', 'node-modules', 'data', 'model', 'build-output', 'large-file', 'model-file', 'data-file'];

function classifyFile(rel: string, e: DirEntry, secret: string | undefined, limits: ScanLimits, add: (kind: NotableKind, rel: string, isDir: boolean, label: string, size?: number) => NotablePath): void {
  if (e.name === '.git') { add('git', rel, false, 'Git metadata', e.size); return; }
  if (secret) { add('secret', rel, false, secret, e.size); return; }
  if (e.size >= limits.largeFileBytes) { add('large-file', rel, false, 'large file', e.size); return; }
  const artifact = artifactKind(rel);
  if (artifact === 'model') add('model-file', rel, false, 'model artefact', e.size);
  else if (artifact === 'data' && e.size >= DATA_MIN_BYTES) add('data-file', rel, false, 'data file', e.size);
}

/** The `.dockerignore` line for a notable path. */
function entryFor(kind: NotableKind, rel: string): string {
  const nested = rel.includes('/');
  if (kind === 'pycache') return '**/__pycache__';
  if (kind === 'git' && nested) return '**/.git';
  if (kind === 'node-modules' && nested) return '**/node_modules';
  return escapeIgnoreEntry(rel);
}

function limitsOf(limits?: Partial<ScanLimits>): ScanLimits {
  return { ...DEFAULT_SCAN_LIMITS, ...Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined)) };
}

function limitsKey(l: ScanLimits): string {
  return `${l.maxFiles}:${l.maxMs}:${l.largeFileBytes}`;
}

// ---------------------------------------------------------------------------------------
// A context on disk

/** A finished scan and when it was taken; `epoch` is its state's epoch when the scan started. */
interface ScanEntry { scan: ContextScan; at: number; epoch: number }

/** A background scan in progress; it resolves undefined when its state was dropped meanwhile. */
interface ScanJob { promise: Promise<ContextScan | undefined>; epoch: number }

interface DiskState {
  /**
   * `root \0 ignore file`: Dockerfiles of one folder share a scan unless one has its own
   * `<Dockerfile>.dockerignore`.
   */
  key: string;
  root: string;
  /** The ignore file in effect, absolute; undefined when there is none. */
  ignoreFile?: string;
  /** The Dockerfile that last asked (absolute): background rescans look the ignore file up for it. */
  dockerfile: string;
  ignoreStamp: string;
  rules?: IgnoreRules;
  scans: Map<string, ScanEntry>;
  /** Bumped by every invalidation: scans that started before it are stale. */
  epoch: number;
  jobs: Map<string, ScanJob>;
  /** Limits of the scans asked for in the background; redone after an invalidation. */
  background: Map<string, ScanLimits>;
  /** Replaced (its ignore file changed) or forgotten: its running scans stop. */
  disposed: boolean;
}

/** Shared by every DiskBuildContext with the same root and ignore file: servers create one per analysis. */
const diskStates = new Map<string, DiskState>();
const MAX_DISK_STATES = 32;

/**
 * How long after the last file-change event a background rescan starts: a checkout or an
 * install changes thousands of files in bursts, and one scan after the burst is enough.
 */
export const RESCAN_DEBOUNCE_MS = 300;
const rescanTimers = new Map<string, NodeJS.Timeout>();

/** A background scan (or a blocking one) has finished; see `onBuildContextScan`. */
export interface ContextScanEvent {
  /** The context root, absolute. */
  root: string;
  /** The ignore file that applied, absolute; undefined when there was none. */
  ignoreFile?: string;
  scan: ContextScan;
  /**
   * The scan says something the previous answer for this context did not: there was no
   * scan before (rules stayed silent), or files, sizes, notable paths or the ignore file differ.
   */
  changed: boolean;
}

const scanListeners = new Set<(event: ContextScanEvent) => void>();

/** Calls `listener` whenever a scan of a context on disk lands; servers revalidate the documents of that context. */
export function onBuildContextScan(listener: (event: ContextScanEvent) => void): { dispose(): void } {
  scanListeners.add(listener);
  return { dispose: () => { scanListeners.delete(listener); } };
}

function disposeState(state: DiskState): void {
  state.disposed = true;
  clearTimeout(rescanTimers.get(state.key));
  rescanTimers.delete(state.key);
}

/**
 * Marks cached scans stale: all of them (and forgets them), or those of every context root
 * that contains `changed` (a file or folder that was created, changed or deleted) or lies
 * inside it. Servers call it with the paths of file-change events. A stale scan is redone
 * by the next blocking `scan()`; for contexts scanned in the background, a rescan starts
 * `RESCAN_DEBOUNCE_MS` after the last event, and the stale scan answers until it lands.
 */
export function invalidateBuildContexts(changed?: string): void {
  if (changed === undefined) {
    for (const state of diskStates.values()) disposeState(state);
    diskStates.clear();
    return;
  }
  const p = path.resolve(changed);
  for (const state of diskStates.values()) {
    const root = state.root;
    if (p !== root && !p.startsWith(root + path.sep) && !root.startsWith(p + path.sep)) continue;
    // What `.dockerignore` keeps out (build output, `.git`) cannot change the scan; ignore files always can.
    const rel = p.startsWith(root + path.sep) ? p.slice(root.length + 1).split(path.sep).join('/') : '';
    if (rel && state.rules?.ignores(rel) && !state.rules.mayReinclude(rel) && !rel.endsWith('.dockerignore')) continue;
    state.epoch++;
    if (state.background.size) scheduleRescan(state.key);
  }
}

/**
 * No one needs the contexts of this root kept up to date any more (their documents closed):
 * file changes there no longer start rescans. The cached scans stay; the next ask refreshes them.
 */
export function releaseBuildContexts(root: string): void {
  const r = path.resolve(root);
  for (const state of diskStates.values()) {
    if (state.root !== r) continue;
    state.background.clear();
    clearTimeout(rescanTimers.get(state.key));
    rescanTimers.delete(state.key);
  }
}

function scheduleRescan(key: string): void {
  clearTimeout(rescanTimers.get(key));
  const timer = setTimeout(() => {
    rescanTimers.delete(key);
    const state = diskStates.get(key);
    if (!state || state.disposed) return;
    for (const limits of state.background.values()) {
      void new DiskBuildContext(state.root, { dockerfile: state.dockerfile, scanMode: 'background' }).ensureScan(limits).catch(() => undefined);
    }
  }, RESCAN_DEBOUNCE_MS);
  // A pending rescan never keeps a CLI or a test process alive.
  timer.unref?.();
  rescanTimers.set(key, timer);
}

/** What a listener needs to tell whether a new scan changes any finding or hover. */
const fingerprints = new WeakMap<ContextScan, string>();
function fingerprint(scan: ContextScan): string {
  let f = fingerprints.get(scan);
  if (f === undefined) {
    // FNV-1a over every path and size: a rename or an edit that keeps the totals still counts.
    let h = 0x811c9dc5;
    for (const e of scanIndexes.get(scan) ?? []) {
      const s = `${e.path}\0${e.bytes}\n`;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    }
    f = JSON.stringify([scan.files, scan.bytes, scan.truncatedBy ?? '', scan.dockerignore ?? null, scan.notable.map(n => [n.kind, n.path, n.bytes, n.files]), h >>> 0]);
    fingerprints.set(scan, f);
  }
  return f;
}

function storeScan(state: DiskState, key: string, scan: ContextScan, epoch: number): void {
  const previous = state.scans.get(key);
  // A newer scan (a blocking one that overtook this one) keeps its place.
  if (previous && previous.epoch > epoch) return;
  state.scans.set(key, { scan, at: Date.now(), epoch });
  if (!scanListeners.size) return;
  const event: ContextScanEvent = { root: state.root, ignoreFile: state.ignoreFile, scan, changed: !previous || fingerprint(previous.scan) !== fingerprint(scan) };
  for (const listener of scanListeners) {
    try { listener(event); } catch { /* a listener's failure is its own */ }
  }
}

/**
 * `blocking`: `scanIfReady()` walks the disk on the spot when there is no fresh scan, like
 * `scan()` (the CLI and tests: correctness first). `background`: the language server's mode;
 * analysis must not wait for the disk, so `scanIfReady()` answers from the cache or not at
 * all, and scans in the background.
 */
export type ScanMode = 'blocking' | 'background';

export interface DiskBuildContextOptions {
  /** The Dockerfile (absolute, or relative to the root); default `Dockerfile`. */
  dockerfile?: string;
  /** How long a scan is reused without an invalidation; default 30 s. */
  scanTtlMs?: number;
  /** Default `blocking`; see `ScanMode`. */
  scanMode?: ScanMode;
}

/** A build context backed by a folder on disk. */
export class DiskBuildContext implements BuildContext {
  readonly dockerfile: string;
  readonly scanMode: ScanMode;
  private readonly existsCache = new Map<string, boolean>();
  private readonly ttl: number;
  private readonly dockerfileAbs: string;
  /** The ignore file is looked up once per object; servers create one object per analysis. */
  private state?: DiskState;
  private realRoot?: string;

  constructor(readonly root: string, options: DiskBuildContextOptions = {}) {
    this.root = path.resolve(root);
    const dockerfile = path.resolve(this.root, options.dockerfile ?? 'Dockerfile');
    const rel = path.relative(this.root, dockerfile);
    this.dockerfile = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : dockerfile;
    this.dockerfileAbs = dockerfile;
    this.ttl = options.scanTtlMs ?? 30_000;
    this.scanMode = options.scanMode ?? 'blocking';
  }

  exists(relPath: string): boolean {
    let hit = this.existsCache.get(relPath);
    if (hit === undefined) {
      hit = fs.existsSync(this.resolve(relPath));
      this.existsCache.set(relPath, hit);
    }
    return hit;
  }

  readText(relPath: string): string | undefined {
    try {
      const file = this.resolve(relPath);
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_READ_BYTES) return undefined;
      if (!this.insideRealRoot(file)) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  dockerignore(): DockerIgnore | undefined {
    return this.load().rules?.info;
  }

  isIgnored(relPath: string): boolean {
    return this.load().rules?.ignores(cleanRelative(relPath)) ?? false;
  }

  /** Blocking: a fresh cached scan, or a walk of the disk now. */
  scan(limits?: Partial<ScanLimits>): ContextScan {
    const state = this.load();
    const l = limitsOf(limits);
    const key = limitsKey(l);
    const hit = state.scans.get(key);
    if (hit && this.isFresh(state, hit)) return hit.scan;
    const epoch = state.epoch;
    const scan = runScan(this.source(), state.rules, l);
    storeScan(state, key, scan, epoch);
    return scan;
  }

  /**
   * In `blocking` mode, `scan()`. In `background` mode: a fresh scan from the cache; else a
   * stale one (expired, or invalidated by a file change) while its rescan runs, so findings
   * do not flicker while files change; else undefined (unknown: rules stay silent). Starts
   * the background scan when none is running or due; never waits for the disk.
   */
  scanIfReady(limits?: Partial<ScanLimits>): ContextScan | undefined {
    if (this.scanMode === 'blocking') return this.scan(limits);
    const state = this.load();
    const l = limitsOf(limits);
    const key = limitsKey(l);
    state.background.set(key, l);
    const entry = state.scans.get(key);
    if (entry && this.isFresh(state, entry)) return entry.scan;
    // With a stale answer at hand, a rescan that an invalidation scheduled is left to its timer.
    if (!state.jobs.has(key) && !(entry && rescanTimers.has(state.key))) void this.ensureScan(l).catch(() => undefined);
    return entry?.scan;
  }

  /**
   * A scan without blocking: a fresh cached one, or one that starts after the latest
   * invalidation (waiting for a scan already running when it is recent enough). Reads the
   * disk with asynchronous calls and yields to the event loop between them; same bounds,
   * same results as `scan()`.
   */
  async ensureScan(limits?: Partial<ScanLimits>): Promise<ContextScan> {
    const l = limitsOf(limits);
    const key = limitsKey(l);
    // Another round only when the ignore file changed under the scan.
    for (let round = 0; round < 3; round++) {
      const state = this.lookupState();
      const entry = state.scans.get(key);
      if (entry && this.isFresh(state, entry)) return entry.scan;
      const wanted = state.epoch;
      let job = state.jobs.get(key);
      // A scan that started before the latest invalidation may have missed it: let it finish, then scan again.
      while (job && job.epoch < wanted) {
        await job.promise;
        job = state.jobs.get(key);
      }
      if (state.disposed) continue;
      const done = state.scans.get(key);
      if (done && done.epoch >= wanted && Date.now() - done.at < this.ttl) return done.scan;
      job ??= this.startJob(state, key, l);
      const scan = await job.promise;
      // Not when an ignore file appeared or went away meanwhile: that scan applied other patterns.
      if (scan && this.lookupState() === state) return scan;
    }
    // Ignore files that keep changing (or more contexts than the cache holds): scan without caching.
    const state = this.lookupState();
    return (await runScanAsync(asyncDiskSource(this.root), state.rules, l, () => false))!;
  }

  invalidate(): void {
    invalidateBuildContexts(this.root);
    this.state = undefined;
    this.existsCache.clear();
  }

  private isFresh(state: DiskState, entry: ScanEntry): boolean {
    return entry.epoch === state.epoch && Date.now() - entry.at < this.ttl;
  }

  private startJob(state: DiskState, key: string, limits: ScanLimits): ScanJob {
    const job: ScanJob = { epoch: state.epoch, promise: Promise.resolve(undefined) };
    // Off the list before listeners hear of the result, so what they do next may start another.
    const finished = () => { if (state.jobs.get(key) === job) state.jobs.delete(key); };
    job.promise = (async () => {
      try {
        // The sources swallow file-system errors; anything else is a bug and rejects.
        const scan = await runScanAsync(asyncDiskSource(this.root), state.rules, limits, () => state.disposed);
        finished();
        if (!scan || state.disposed) return undefined;
        storeScan(state, key, scan, job.epoch);
        return scan;
      } finally {
        finished();
      }
    })();
    state.jobs.set(key, job);
    return job;
  }

  private ignoreCandidates(): { abs: string; rel: string }[] {
    const own = this.dockerfileAbs + '.dockerignore';
    return [
      { abs: own, rel: path.isAbsolute(this.dockerfile) ? own : this.dockerfile + '.dockerignore' },
      { abs: path.join(this.root, '.dockerignore'), rel: '.dockerignore' },
    ];
  }

  private load(): DiskState {
    return (this.state ??= this.lookupState());
  }

  /** The shared state for this root and ignore file, replaced when the ignore file changed. */
  private lookupState(): DiskState {
    let found: { abs: string; rel: string; stat: fs.Stats } | undefined;
    for (const c of this.ignoreCandidates()) {
      try {
        const stat = fs.statSync(c.abs);
        if (stat.isFile()) { found = { ...c, stat }; break; }
      } catch { /* not there */ }
    }
    const stamp = found ? `${found.abs}:${found.stat.mtimeMs}:${found.stat.size}` : 'none';
    const key = `${this.root}\0${found?.abs ?? ''}`;
    let state = diskStates.get(key);
    if (!state || state.ignoreStamp !== stamp) {
      let rules: IgnoreRules | undefined;
      if (found) {
        let text = '';
        try { text = fs.readFileSync(found.abs, 'utf8'); } catch { /* unreadable: treat as empty */ }
        rules = new IgnoreRules({ path: found.rel, patterns: parseDockerignore(text) });
      }
      const old = state;
      // Scans made with the old patterns are wrong, not merely stale: they are dropped.
      state = {
        key, root: this.root, ignoreFile: found?.abs, dockerfile: this.dockerfileAbs, ignoreStamp: stamp, rules,
        scans: new Map(), epoch: 0, jobs: new Map(), background: new Map(old?.background), disposed: false,
      };
      if (old) { old.disposed = true; diskStates.delete(key); }
      diskStates.set(key, state);
      if (diskStates.size > MAX_DISK_STATES) {
        const oldest = diskStates.values().next().value!;
        diskStates.delete(oldest.key);
        disposeState(oldest);
      }
    } else {
      // Most recently used last: the oldest state is the one dropped.
      diskStates.delete(key);
      diskStates.set(key, state);
    }
    state.dockerfile = this.dockerfileAbs;
    return state;
  }

  private source(): FileSource {
    const root = this.root;
    return {
      list(relDir) {
        let dirents: fs.Dirent[];
        try { dirents = fs.readdirSync(relDir ? path.join(root, relDir) : root, { withFileTypes: true }); } catch { return undefined; }
        const out: DirEntry[] = [];
        for (const d of dirents) {
          const name = String(d.name);
          // Symlinks are never followed: Docker copies the link itself.
          if (d.isDirectory()) { out.push({ name, kind: 'dir', size: 0 }); continue; }
          try {
            const entry = entryOf(name, fs.lstatSync(path.join(root, relDir, name)));
            if (entry) out.push(entry);
          } catch { /* vanished or unreadable */ }
        }
        return out;
      },
      head(relPath, maxBytes) {
        let fd: number | undefined;
        try {
          fd = fs.openSync(path.join(root, relPath), fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
          const buf = Buffer.alloc(maxBytes);
          const n = fs.readSync(fd, buf, 0, maxBytes, 0);
          return buf.subarray(0, n).toString('utf8');
        } catch {
          return undefined;
        } finally {
          if (fd !== undefined) fs.closeSync(fd);
        }
      },
    };
  }

  private resolve(relPath: string): string {
    const resolved = path.resolve(this.root, relPath);
    // Never read outside the context, whatever a Dockerfile says.
    if (resolved !== this.root && !resolved.startsWith(this.root + path.sep)) return path.join(this.root, '\0');
    return resolved;
  }

  /** A symlink inside the context may point anywhere; reads stay inside. */
  private insideRealRoot(file: string): boolean {
    try {
      this.realRoot ??= fs.realpathSync(this.root);
      const real = fs.realpathSync(file);
      return real === this.realRoot || real.startsWith(this.realRoot + path.sep);
    } catch {
      return false;
    }
  }
}

/** A listing entry from `lstat` (never `stat`: links are not followed). */
function entryOf(name: string, st: fs.Stats): DirEntry | undefined {
  if (st.isDirectory()) return { name, kind: 'dir', size: 0 };
  if (st.isSymbolicLink()) return { name, kind: 'link', size: st.size };
  if (st.isFile()) return { name, kind: 'file', size: st.size };
  return undefined;
}

/**
 * `lstat` calls started at once: enough to keep libuv's thread pool busy, few enough not to
 * queue a whole `node_modules` folder in front of everything else.
 */
const STAT_BATCH = 128;

/** `lstat` of each path (undefined where it fails), with one callback each and one promise in all. */
function lstatAll(paths: string[]): Promise<(fs.Stats | undefined)[]> {
  return new Promise(resolve => {
    const out = new Array<fs.Stats | undefined>(paths.length);
    let left = paths.length;
    if (!left) { resolve(out); return; }
    paths.forEach((p, i) => fs.lstat(p, (err, st) => {
      out[i] = err ? undefined : st;
      if (--left === 0) resolve(out);
    }));
  });
}

/**
 * The disk read with asynchronous calls. Callbacks rather than `fs.promises`: a scan makes one
 * call per file, and the promise API costs about a third more main-thread time per call.
 */
function asyncDiskSource(root: string): AsyncFileSource {
  return {
    list(relDir) {
      const dir = relDir ? path.join(root, relDir) : root;
      return new Promise<fs.Dirent[] | undefined>(resolve => {
        fs.readdir(dir, { withFileTypes: true }, (err, dirents) => resolve(err ? undefined : dirents));
      }).then(async dirents => {
        if (!dirents) return undefined;
        const out: DirEntry[] = [];
        const rest: string[] = [];
        for (const d of dirents) {
          const name = String(d.name);
          // Symlinks are never followed: Docker copies the link itself.
          if (d.isDirectory()) out.push({ name, kind: 'dir', size: 0 });
          else rest.push(name);
        }
        for (let i = 0; i < rest.length; i += STAT_BATCH) {
          const names = rest.slice(i, i + STAT_BATCH);
          const stats = await lstatAll(names.map(name => path.join(dir, name)));
          stats.forEach((st, j) => {
            const e = st && entryOf(names[j], st);
            if (e) out.push(e);
          });
        }
        return out;
      });
    },
    async head(relPath, maxBytes) {
      let handle: fs.promises.FileHandle | undefined;
      try {
        handle = await fs.promises.open(path.join(root, relPath), fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
        const buf = Buffer.alloc(maxBytes);
        const { bytesRead } = await handle.read(buf, 0, maxBytes, 0);
        return buf.subarray(0, bytesRead).toString('utf8');
      } catch {
        return undefined;
      } finally {
        await handle?.close().catch(() => undefined);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------
// A context in memory

export interface MemoryBuildContextOptions {
  /** The Dockerfile's name, to find `<name>.dockerignore`; default `Dockerfile`. */
  dockerfile?: string;
  /** Sizes that override the content length, to stand for big files in tests. */
  sizes?: Record<string, number>;
}

/** A build context made of given files, for tests and rule examples. */
export class MemoryBuildContext implements BuildContext {
  readonly root = undefined;
  readonly dockerfile: string;
  private readonly files: Record<string, string>;
  private rules?: IgnoreRules | null;
  private readonly scans = new Map<string, ContextScan>();
  private tree?: Map<string, DirEntry[]>;

  constructor(files: Record<string, string>, private readonly options: MemoryBuildContextOptions = {}) {
    this.files = Object.fromEntries(Object.entries(files).map(([k, v]) => [cleanRelative(k), v]));
    this.dockerfile = options.dockerfile ?? 'Dockerfile';
  }

  exists(relPath: string): boolean {
    const p = cleanRelative(relPath);
    return p === '' || p in this.files || Object.keys(this.files).some(f => f.startsWith(p + '/'));
  }

  readText(relPath: string): string | undefined {
    return this.files[cleanRelative(relPath)];
  }

  dockerignore(): DockerIgnore | undefined {
    return this.ignoreRules()?.info;
  }

  isIgnored(relPath: string): boolean {
    return this.ignoreRules()?.ignores(cleanRelative(relPath)) ?? false;
  }

  scan(limits?: Partial<ScanLimits>): ContextScan {
    const l = limitsOf(limits);
    const key = limitsKey(l);
    let scan = this.scans.get(key);
    if (!scan) {
      scan = runScan(this.source(), this.ignoreRules(), l);
      this.scans.set(key, scan);
    }
    return scan;
  }

  scanIfReady(limits?: Partial<ScanLimits>): ContextScan {
    return this.scan(limits);
  }

  async ensureScan(limits?: Partial<ScanLimits>): Promise<ContextScan> {
    return this.scan(limits);
  }

  invalidate(): void {
    this.rules = undefined;
    this.scans.clear();
    this.tree = undefined;
  }

  private ignoreRules(): IgnoreRules | undefined {
    if (this.rules === undefined) {
      const own = cleanRelative(this.dockerfile) + '.dockerignore';
      const file = own in this.files ? own : '.dockerignore' in this.files ? '.dockerignore' : undefined;
      this.rules = file === undefined ? null : new IgnoreRules({ path: file, patterns: parseDockerignore(this.files[file]) });
    }
    return this.rules ?? undefined;
  }

  private source(): FileSource {
    if (!this.tree) {
      const tree = new Map<string, DirEntry[]>([['', []]]);
      const seen = new Set<string>();
      for (const [file, text] of Object.entries(this.files)) {
        if (!file) continue;
        const parts = file.split('/');
        for (let i = 0; i < parts.length; i++) {
          const rel = parts.slice(0, i + 1).join('/');
          if (seen.has(rel)) continue;
          seen.add(rel);
          const dir = parts.slice(0, i).join('/');
          const isFile = i === parts.length - 1;
          const size = isFile ? (this.options.sizes?.[rel] ?? Buffer.byteLength(text)) : 0;
          tree.get(dir)!.push({ name: parts[i], kind: isFile ? 'file' : 'dir', size });
          if (!isFile) tree.set(rel, []);
        }
      }
      this.tree = tree;
    }
    const tree = this.tree;
    const files = this.files;
    return {
      list: rel => tree.get(rel)?.map(e => ({ ...e })),
      head: (rel, max) => files[rel]?.slice(0, max),
    };
  }
}

// ---------------------------------------------------------------------------------------
// What a COPY takes

const sourceMatchers = new Map<string, Ignore>();

/** A matcher for a COPY source: like an ignore line, it matches the path itself and everything below it. */
function sourceMatcher(source: string): Ignore {
  let m = sourceMatchers.get(source);
  if (!m) {
    // COPY wildcards follow Go's filepath.Match, where `**` is no more than `*`.
    const pattern = source.replace(/\*{2,}/g, '*').replace(/^[#!]/, '\\$&');
    m = matcherOf([pattern]);
    if (sourceMatchers.size > 1000) sourceMatchers.clear();
    sourceMatchers.set(source, m);
  }
  return m;
}

/**
 * The context path a COPY/ADD source names, cleaned the way the builder cleans it
 * (`./a/../b` → `b`, `/x` → `x`, `.` → ''), or undefined when it is not a context path:
 * a URL, a Git address, a heredoc or a variable we cannot resolve.
 */
export function contextSourcePath(source: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^git@/.test(source) || source.startsWith('<<') || source.includes('$')) return undefined;
  return cleanRelative(source);
}

const WILDCARD = /[*?[\\]/;

/** Does the source (a cleaned context path, possibly with wildcards) take `relPath` or something inside it? */
export function sourceTakes(source: string, relPath: string): boolean {
  if (source === '' || source === '*') return true;
  if (!WILDCARD.test(source)) return relPath === source || relPath.startsWith(source + '/');
  return sourceMatcher(source).ignores(relPath);
}

/** Is `source` at or below `relPath` (a literal path)? Then excluding `relPath` would break the copy. */
export function sourceWithin(source: string, relPath: string): boolean {
  if (source === '' || source === '*') return false;
  if (!WILDCARD.test(relPath)) return source === relPath || source.startsWith(relPath + '/');
  return sourceMatcher(relPath.replace(/[*?[\]\\]/g, '\\$&')).ignores(source);
}

/** The literal folder a source starts with (`src/app` for `src/app/*.py`): nothing outside it can match. */
function literalPrefix(source: string): string {
  const parts = source.split('/');
  const i = parts.findIndex(p => WILDCARD.test(p));
  return (i < 0 ? parts : parts.slice(0, i)).join('/');
}

/**
 * What copying `sources` (relative to the context, wildcards allowed) takes from the
 * context after `.dockerignore`: file count, bytes and the largest files. Reads the
 * context's scan (`scan()`: cached, or a blocking walk) rather than the disk.
 */
export function summariseCopy(context: BuildContext, sources: string[], limits?: Partial<ScanLimits>): CopySummary {
  return summariseScan(context, context.scan(limits), sources);
}

/** `summariseCopy` without waiting for the disk: undefined while the context is still being scanned. */
export function summariseCopyIfReady(context: BuildContext, sources: string[], limits?: Partial<ScanLimits>): CopySummary | undefined {
  const scan = context.scanIfReady(limits);
  return scan && summariseScan(context, scan, sources);
}

function summariseScan(context: BuildContext, scan: ContextScan, sources: string[]): CopySummary {
  let memo = copySummaries.get(scan);
  if (!memo) copySummaries.set(scan, (memo = new Map()));
  const key = sources.join('\0');
  let summary = memo.get(key);
  if (!summary) {
    summary = computeCopySummary(context, scan, sources);
    if (memo.size > 200) memo.clear();
    memo.set(key, summary);
  }
  return { ...summary, largest: summary.largest.slice(), unmatched: summary.unmatched.slice(), excluded: summary.excluded.slice(), skipped: summary.skipped.slice() };
}

const copySummaries = new WeakMap<ContextScan, Map<string, CopySummary>>();

function computeCopySummary(context: BuildContext, scan: ContextScan, sources: string[]): CopySummary {
  const index = scanIndexes.get(scan) ?? [];
  const result: CopySummary = { files: 0, bytes: 0, largest: [], truncated: scan.truncated, unmatched: [], excluded: [], skipped: [] };
  const paths: { raw: string; path: string }[] = [];
  for (const raw of sources) {
    const p = contextSourcePath(raw);
    if (p === undefined) result.skipped.push(raw);
    else paths.push({ raw, path: p });
  }
  if (paths.some(p => p.path === '' || p.path === '*')) {
    result.files = scan.files;
    result.bytes = scan.bytes;
    result.largest = scan.largest.slice();
    return result;
  }
  const taken = new Set<SizedPath>();
  for (const p of paths) {
    let any = false;
    const prefix = literalPrefix(p.path);
    for (const f of index) {
      if (prefix && f.path !== prefix && !f.path.startsWith(prefix + '/')) continue;
      if (!sourceTakes(p.path, f.path)) continue;
      any = true;
      taken.add(f);
    }
    // An excluded folder may still hold files a `!` line brought back; only an empty match is excluded.
    if (!any) (p.path !== '' && context.isIgnored(p.path) ? result.excluded : result.unmatched).push(p.raw);
  }
  for (const f of taken) { result.files++; result.bytes += f.bytes; }
  result.largest = [...taken].sort((a, b) => b.bytes - a.bytes).slice(0, LARGEST_COUNT);
  return result;
}

// ---------------------------------------------------------------------------------------
// COPY and ADD instructions that read the context (shared by the context rules)

export interface ContextSource {
  /** As written. */
  raw: string;
  /** Cleaned, relative to the context root; '' for the whole context. */
  path: string;
  range: Range;
}

export interface ContextCopy {
  info: InstructionInfo;
  /** Sources that come from the context (not URLs, heredocs or variables). */
  sources: ContextSource[];
  /** One of the sources is the whole context (`.`, `./`, `*`, `/`). */
  whole: boolean;
  /** `--exclude=` patterns of the instruction. */
  excludes: string[];
  /** `COPY . /app`, for messages (flags left out, long lists shortened). */
  display: string;
}

const copiesCache = new WeakMap<DockerfileModel, ContextCopy[]>();

/** Every COPY/ADD that reads the build context (`--from` copies do not), in order. */
export function contextCopies(model: DockerfileModel): ContextCopy[] {
  let list = copiesCache.get(model);
  if (list) return list;
  list = [];
  for (const info of model.instructions) {
    if (info.keyword !== 'COPY' && info.keyword !== 'ADD') continue;
    const flags = flagsOf(info.node);
    if (flags.some(f => f.getName().toLowerCase() === 'from')) continue;
    const args = argumentsOf(info);
    if (args.length < 2) continue;
    const sources: ContextSource[] = [];
    for (const a of args.slice(0, -1)) {
      const p = contextSourcePath(a.value);
      if (p !== undefined) sources.push({ raw: a.value, path: p, range: a.range });
    }
    if (!sources.length) continue;
    const excludes = flags.filter(f => f.getName().toLowerCase() === 'exclude').map(f => f.getValue() ?? '').filter(Boolean);
    let display = `${info.keyword} ${args.map(a => a.value).join(' ')}`;
    if (display.length > 60) display = `${info.keyword} ${args[0].value} … ${args[args.length - 1].value}`;
    list.push({ info, sources, whole: sources.some(s => s.path === '' || s.path === '*'), excludes, display });
  }
  copiesCache.set(model, list);
  return list;
}

/** Does this copy take `relPath` into the image (after its own `--exclude` flags)? */
export function copyTakes(copy: ContextCopy, relPath: string): boolean {
  if (copy.excludes.length && matcherOf(copy.excludes).ignores(relPath)) return false;
  return copy.sources.some(s => sourceTakes(s.path, relPath));
}

/**
 * Does a source name `relPath` itself, or something inside it, rather than take it along
 * with a folder? Then excluding `relPath` in `.dockerignore` would break that copy.
 */
export function sourceNames(source: string, relPath: string): boolean {
  if (source === '' || source === '*') return false;
  if (sourceWithin(source, relPath)) return true;
  return source.split('/').length === relPath.split('/').length && sourceTakes(source, relPath);
}

/** Is `relPath` named by some context copy of this Dockerfile (see `sourceNames`)? */
export function namedByCopy(model: DockerfileModel, relPath: string): boolean {
  return contextCopies(model).some(c => c.sources.some(s => sourceNames(s.path, relPath)));
}

/** Stages whose layers end up in the image that is built: the last stage and the stages it is built FROM. */
export function inFinalImage(model: DockerfileModel, stage: Stage | undefined): boolean {
  for (let s = model.finalStage; s; s = s.image.stage) if (s === stage) return true;
  return false;
}

/** Does a RUN use `git`? Then the build may need `.git`, and we do not suggest excluding it. */
export function runsGit(model: DockerfileModel): boolean {
  return model.instructions.some(i => i.keyword === 'RUN' && runScript(i.node).commands.some(c => commandName(c) === 'git'));
}

/** Notable paths that a `.dockerignore` fix may exclude without breaking this Dockerfile's own copies. */
export function excludableNotables(model: DockerfileModel, scan: ContextScan, kinds: ReadonlySet<NotableKind> = IGNORABLE_KINDS): NotablePath[] {
  const gitNeeded = runsGit(model);
  return scan.notable.filter(n => kinds.has(n.kind) && !(n.kind === 'git' && gitNeeded) && !namedByCopy(model, n.path));
}

/** "`.git` (Git history, 12 MB), `venv` (virtualenv, 230 MB) and 2 more" */
export function describeNotables(list: NotablePath[], max = 3): string {
  const shown = list.slice(0, max).map(n => {
    // Sizes matter in a message once they are noticeable.
    const size = n.bytes >= 100 * 1024 ? `, ${formatBytes(n.bytes)}` : '';
    return `\`${n.path}${n.isDir ? '/' : ''}\` (${n.label}${size})`;
  });
  const more = list.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown.join('');
}

const GROUPS: [NotableKind[], string][] = [
  [['git'], 'Version control history'],
  [['secret'], 'Credentials: give them to build steps with RUN --mount=type=secret, never COPY'],
  [['virtualenv', 'pycache'], 'Local Python environments and bytecode: the image installs its own'],
  [['node-modules'], 'Installed packages: the image installs its own'],
  [['data', 'model'], 'Data sets and model artefacts: mount them or download them at run time'],
  [['build-output'], 'Build output from this machine'],
  [['large-file'], 'Large files'],
];

/** Ignore-file text for these notable paths, grouped by kind under short comments. */
export function notableIgnoreText(list: NotablePath[], extra: { comment?: string; entries: string[] }[] = []): string {
  const groups = GROUPS.map(([kinds, comment]) => ({
    comment,
    entries: [...new Set(list.filter(n => kinds.includes(n.kind)).map(n => n.entry))],
  }));
  return dockerignoreText([...groups, ...extra]);
}

function argumentsOf(info: InstructionInfo): { value: string; range: Range }[] {
  const node = info.node as unknown as {
    getJSONStrings?: () => { getJSONValue(): string; getRange(): Range }[];
    getHeredocs?: () => unknown[];
  };
  const json = node.getJSONStrings?.() ?? [];
  if (json.length) return json.map(s => ({ value: s.getJSONValue(), range: s.getRange() }));
  const args = info.node.getArguments().map(a => ({ value: a.getValue(), range: a.getRange() }));
  // With heredocs, only the first line holds sources and the destination.
  if (node.getHeredocs?.().length) return args.filter(a => a.range.start.line === info.range.start.line);
  return args;
}

// ---------------------------------------------------------------------------------------
// Fixes that write .dockerignore

/** Joins entries into ignore-file text, each group under a comment. */
export function dockerignoreText(groups: { comment?: string; entries: string[] }[]): string {
  return groups
    .filter(g => g.entries.length)
    .map(g => [...(g.comment ? [`# ${g.comment}`] : []), ...g.entries].join('\n'))
    .join('\n\n') + '\n';
}

/**
 * A fix that adds lines to the ignore file in effect, or creates `.dockerignore` when
 * there is none. Undefined when the ignore file lies outside the context.
 */
export function dockerignoreFix(context: BuildContext, title: string, text: string): Fix | undefined {
  const current = context.dockerignore();
  if (!current) return { title, edits: [], safe: false, createFiles: [{ path: '.dockerignore', content: text }] };
  if (path.isAbsolute(current.path)) return undefined;
  const existing = context.readText(current.path) ?? '';
  const sep = existing === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  return { title, edits: [], safe: false, appendFiles: [{ path: current.path, content: (sep + text).replace(/\n/g, eol) }] };
}

/** Sizes for messages: `512 B`, `3.4 MB`, `1.2 GB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}

/**
 * Applies a fix's file changes to in-memory files, as an editor or `--fix` would on disk:
 * `createFiles` only where the file does not exist yet, `appendFiles` at the end.
 */
export function applyFileChanges(files: Record<string, string>, fix: Pick<Fix, 'createFiles' | 'appendFiles'>): Record<string, string> {
  const out = { ...files };
  for (const f of fix.createFiles ?? []) if (!(f.path in out)) out[f.path] = f.content;
  for (const f of fix.appendFiles ?? []) out[f.path] = (out[f.path] ?? '') + f.content;
  return out;
}
