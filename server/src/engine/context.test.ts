import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it, mock } from 'node:test';
import {
  applyFileChanges, contextCopies, DiskBuildContext, formatBytes, invalidateBuildContexts, MemoryBuildContext,
  onBuildContextScan, parseDockerignore, releaseBuildContexts, RESCAN_DEBOUNCE_MS, secretFileLabel, sourceTakes, summariseCopy, summariseCopyIfReady,
  type ContextScan, type ContextScanEvent,
} from './context';
import { analyze } from './analyze';
import { DockerfileModel } from './model';

const temps: string[] = [];
after(() => { for (const t of temps) fs.rmSync(t, { recursive: true, force: true }); });

/** A fresh folder holding `files` (path → text, or a number for that many bytes). */
function tempContext(files: Record<string, string | number>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-ctx-'));
  temps.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'number') fs.writeFileSync(file, Buffer.alloc(content));
    else fs.writeFileSync(file, content);
  }
  return root;
}

const notable = (scan: ContextScan) => scan.notable.map(n => `${n.kind} ${n.path}`);

/** Both kinds of context agree on ignore semantics: each case runs against memory and disk. */
function ignored(dockerignore: string, paths: string[]): string[] {
  const files = Object.fromEntries(paths.map(p => [p, 'x']));
  const memory = new MemoryBuildContext({ ...files, '.dockerignore': dockerignore });
  const disk = new DiskBuildContext(tempContext({ ...files, '.dockerignore': dockerignore }));
  const fromMemory = paths.filter(p => memory.isIgnored(p));
  assert.deepEqual(paths.filter(p => disk.isIgnored(p)), fromMemory, 'disk and memory contexts disagree');
  return fromMemory;
}

describe('.dockerignore semantics (Docker\'s, not .gitignore\'s)', () => {
  it('a pattern is relative to the context root: `*.pyc` is top level only, `**/*.pyc` is any depth', () => {
    assert.deepEqual(ignored('*.pyc\n', ['a.pyc', 'src/b.pyc']), ['a.pyc']);
    assert.deepEqual(ignored('**/*.pyc\n', ['a.pyc', 'src/b.pyc', 'src/x/c.pyc', 'src/c.py']), ['a.pyc', 'src/b.pyc', 'src/x/c.pyc']);
    assert.deepEqual(ignored('__pycache__\n', ['__pycache__/a.pyc', 'src/__pycache__/b.pyc']), ['__pycache__/a.pyc']);
  });
  it('a folder pattern excludes everything inside it, with or without the trailing slash', () => {
    assert.deepEqual(ignored('data/\n', ['data/a.csv', 'data/x/y.csv', 'database.py']), ['data/a.csv', 'data/x/y.csv']);
    assert.deepEqual(ignored('data\n', ['data/x/y.csv', 'src/data/z.csv']), ['data/x/y.csv']);
    assert.deepEqual(ignored('data/*\n', ['data/a.csv', 'data/x/y.csv']), ['data/a.csv', 'data/x/y.csv']);
  });
  it('`!` re-includes, also inside an excluded folder, and the last matching line wins', () => {
    assert.deepEqual(ignored('data\n!data/keep.csv\n', ['data/keep.csv', 'data/drop.csv']), ['data/drop.csv']);
    assert.deepEqual(ignored('!data/keep.csv\ndata\n', ['data/keep.csv', 'data/drop.csv']), ['data/keep.csv', 'data/drop.csv']);
    assert.deepEqual(ignored('*.md\n!README*.md\nREADME-secret.md\n', ['a.md', 'README.md', 'README-secret.md']), ['a.md', 'README-secret.md']);
    assert.deepEqual(ignored('*\n!src\n', ['README.md', 'src/a.py', 'src/x/b.py']), ['README.md']);
  });
  it('a leading slash is stripped and `.`/`..` are cleaned', () => {
    assert.deepEqual(ignored('/secret.txt\n', ['secret.txt', 'x/secret.txt']), ['secret.txt']);
    assert.deepEqual(ignored('./build/../dist\n', ['dist/a.js', 'build/a.js']), ['dist/a.js']);
  });
  it('comments start in column 1 only; blank lines, BOM and CRLF are handled; matching is case-sensitive', () => {
    assert.deepEqual(parseDockerignore('\uFEFF# comment\r\n\r\n  .env  \r\n #notcomment\r\n'), ['.env', '#notcomment']);
    assert.deepEqual(ignored('# .env\nData\n', ['.env', 'data/a.csv', 'Data/b.csv']), ['Data/b.csv']);
  });
  it('`**` matches any number of folders, including none', () => {
    assert.deepEqual(ignored('a/**/b\n', ['a/b', 'a/x/y/b/c', 'a/c']), ['a/b', 'a/x/y/b/c']);
    assert.deepEqual(ignored('**\n!keep\n', ['x/y', 'keep']), ['x/y']);
  });
});

describe('which ignore file applies', () => {
  it('`<Dockerfile>.dockerignore` beside the Dockerfile takes precedence over `.dockerignore`', () => {
    const files = { '.dockerignore': 'a\n', 'Dockerfile.dockerignore': 'b\n', 'prod.Dockerfile.dockerignore': 'c\n', a: '', b: '', c: '' };
    assert.deepEqual(new MemoryBuildContext(files).dockerignore(), { path: 'Dockerfile.dockerignore', patterns: ['b'] });
    assert.deepEqual(new MemoryBuildContext(files, { dockerfile: 'prod.Dockerfile' }).dockerignore(), { path: 'prod.Dockerfile.dockerignore', patterns: ['c'] });
    assert.deepEqual(new MemoryBuildContext(files, { dockerfile: 'other.Dockerfile' }).dockerignore()?.path, '.dockerignore');
    const root = tempContext(files);
    assert.equal(new DiskBuildContext(root).dockerignore()?.path, 'Dockerfile.dockerignore');
    assert.ok(new DiskBuildContext(root).isIgnored('b') && !new DiskBuildContext(root).isIgnored('a'));
    assert.equal(new DiskBuildContext(root, { dockerfile: path.join(root, 'prod.Dockerfile') }).dockerignore()?.path, 'prod.Dockerfile.dockerignore');
    assert.equal(new DiskBuildContext(root, { dockerfile: 'none.Dockerfile' }).dockerignore()?.path, '.dockerignore');
  });
  it('no ignore file: nothing is ignored', () => {
    const ctx = new MemoryBuildContext({ a: '' });
    assert.equal(ctx.dockerignore(), undefined);
    assert.equal(ctx.isIgnored('a'), false);
    assert.equal(new DiskBuildContext(tempContext({ a: '' })).dockerignore(), undefined);
  });
});

describe('context scan', () => {
  const project = {
    'Dockerfile': 'FROM python:3.12-slim\n',
    'main.py': 'print(1)\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/objects/ab/cdef': 'x'.repeat(100),
    'env/pyvenv.cfg': 'home = /usr/bin\n',
    'env/lib/python3.12/site-packages/flask/__init__.py': 'x',
    'config/env/settings.yaml': 'a: 1\n',
    'src/app/__pycache__/main.cpython-312.pyc': 'pyc',
    'web/node_modules/left-pad/index.js': 'x',
    'web/node_modules/left-pad/.env': 'NOT=reported',
    '.env': 'API_KEY=1\n',
    '.env.example': 'API_KEY=\n',
    'certs/ca.pem': '-----BEGIN CERTIFICATE-----\n',
    'certs/server.pem': '-----BEGIN PRIVATE KEY-----\n',
    '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
    'deploy/.npmrc': '//registry.npmjs.org/:_authToken=npm_abc\n',
    '.aws/credentials': '[default]\n',
    'data/train.csv': 'a,b\n',
    'models/user.py': 'class User: pass\n',
    'mlruns/0/meta.yaml': 'x',
    'dist/app.js': 'x',
    'weights.pt': 'x',
    'video.mp4': 'x',
  };
  const sizes = { 'video.mp4': 20 * 1024 * 1024 };

  it('finds the notable paths, outermost only, and judges by name, place and content', () => {
    const scan = new MemoryBuildContext(project, { sizes }).scan();
    assert.deepEqual(notable(scan), [
      'git .git',
      'secret .aws/credentials',
      'secret .env',
      'secret certs/server.pem',
      'secret deploy/.npmrc',
      'virtualenv env',
      'pycache src/app/__pycache__',
      'node-modules web/node_modules',
      'data data',
      'model mlruns',
      'build-output dist',
      'large-file video.mp4',
      'model-file weights.pt',
    ]);
    const byPath = new Map(scan.notable.map(n => [n.path, n]));
    assert.equal(byPath.get('src/app/__pycache__')!.entry, '**/__pycache__');
    assert.equal(byPath.get('web/node_modules')!.entry, '**/node_modules');
    assert.equal(byPath.get('.git')!.files, 2);
    assert.equal(byPath.get('certs/server.pem')!.label, 'private key');
  });
  it('counts files, bytes, the largest files and the top-level entries after .dockerignore', () => {
    const ctx = new MemoryBuildContext({ ...project, '.dockerignore': '.git\nenv\n**/node_modules\n' }, { sizes });
    const scan = ctx.scan();
    assert.equal(scan.truncated, false);
    assert.ok(!notable(scan).some(n => /^(git|virtualenv|node-modules) /.test(n)));
    assert.equal(scan.largest[0].path, 'video.mp4');
    assert.equal(scan.topLevel[0].name, 'video.mp4');
    assert.ok(!scan.topLevel.some(t => t.name === '.git' || t.name === 'env'));
    // Docker still sends the (now empty) web folder.
    assert.deepEqual(scan.topLevel.find(t => t.name === 'web'), { name: 'web', isDir: true, bytes: 0, files: 0 });
    const expectedFiles = Object.keys(project).filter(p => !/^(\.git|env|web)\//.test(p)).length + 1;
    assert.equal(scan.files, expectedFiles);
    assert.equal(scan.dockerignore?.path, '.dockerignore');
  });
  it('a data or model folder counts only when it holds data or model files, or at least 1 MB', () => {
    const small = new MemoryBuildContext({ 'models/user.py': 'x', 'data/schema.sql': 'x' }).scan();
    assert.deepEqual(notable(small), []);
    const big = new MemoryBuildContext({ 'models/user.py': 'x', 'data/dump.sql': 'x', 'models/clf.joblib': 'x' }, { sizes: { 'data/dump.sql': 2 * 1024 * 1024 } }).scan();
    assert.deepEqual(notable(big), ['data data', 'model models']);
  });
  it('re-included files inside an excluded folder are counted', () => {
    for (const negation of ['!vendor/keep/**', '!vendor/keep', '!**/keep']) {
      const ctx = new MemoryBuildContext({ '.dockerignore': `vendor\n${negation}\n`, 'vendor/a.js': 'x', 'vendor/keep/b.js': 'x', 'vendor/keep/c/d.js': 'x' });
      assert.equal(ctx.scan().files, 3, `${negation}: .dockerignore, vendor/keep/b.js, vendor/keep/c/d.js`);
      const copy = summariseCopy(ctx, ['vendor']);
      assert.deepEqual(copy.largest.map(f => f.path).sort(), ['vendor/keep/b.js', 'vendor/keep/c/d.js']);
      assert.deepEqual(copy.excluded, []);
    }
    const none = new MemoryBuildContext({ '.dockerignore': 'vendor\n!other\n', 'vendor/a.js': 'x' });
    assert.equal(none.scan().files, 1);
    assert.deepEqual(summariseCopy(none, ['vendor']).excluded, ['vendor']);
  });
  it('stops at maxFiles, reports the truncation, and walks heavy folders last', () => {
    const files: Record<string, string> = { 'a.py': 'x', 'b.py': 'x', 'src/c.py': 'x' };
    for (let i = 0; i < 50; i++) files[`node_modules/p${i}/index.js`] = 'x';
    const ctx = new MemoryBuildContext(files);
    const scan = ctx.scan({ maxFiles: 10 });
    assert.equal(scan.truncated, true);
    assert.equal(scan.truncatedBy, 'maxFiles');
    assert.equal(scan.files, 10);
    const copy = summariseCopy(ctx, ['a.py', 'b.py', 'src'], { maxFiles: 10 });
    assert.equal(copy.files, 3, 'the ordinary files were all counted before node_modules');
    assert.equal(copy.truncated, true);
    assert.deepEqual(notable(scan), ['node-modules node_modules']);
    assert.equal(new MemoryBuildContext(files).scan().truncated, false);
  });
  it('stops at maxMs', () => {
    const root = tempContext({ 'a/b/c.txt': 'x', 'd/e.txt': 'x' });
    const scan = new DiskBuildContext(root).scan({ maxMs: 0 });
    assert.equal(scan.truncated, true);
    assert.equal(scan.truncatedBy, 'maxMs');
  });
  it('build/, dist/ and target/ are output beside a project manifest or at the root, not inside source folders', () => {
    const scan = new MemoryBuildContext({
      'dist/a.js': 'x', 'packages/web/package.json': '{}', 'packages/web/build/b.js': 'x',
      'client/src/build/commands.ts': 'x', 'crate/Cargo.toml': '', 'crate/target/debug/app': 'x', 'site/.next/c.js': 'x',
    }).scan();
    assert.deepEqual(notable(scan), ['build-output crate/target', 'build-output dist', 'build-output packages/web/build', 'build-output site/.next']);
  });
  it('large files are configurable', () => {
    const ctx = new MemoryBuildContext({ 'blob.bin': 'x'.repeat(2000) });
    assert.deepEqual(notable(ctx.scan()), []);
    assert.deepEqual(notable(ctx.scan({ largeFileBytes: 1000 })), ['large-file blob.bin']);
  });
});

describe('scan on disk', () => {
  it('agrees with the in-memory scan', () => {
    const files = { 'main.py': 'print(1)\n', '.env': 'A=1\n', 'venv/pyvenv.cfg': 'x', 'venv/lib/x.py': 'x', 'src/__pycache__/a.pyc': 'x', 'big.bin': 11 * 1024 * 1024 };
    const disk = new DiskBuildContext(tempContext(files)).scan();
    assert.deepEqual(notable(disk), ['secret .env', 'virtualenv venv', 'pycache src/__pycache__', 'large-file big.bin']);
    assert.equal(disk.files, 6);
    assert.equal(disk.bytes, 9 + 4 + 1 + 1 + 1 + 11 * 1024 * 1024);
  });
  it('never follows symlinks, even out of the context or in a loop, and never reads through them', () => {
    const outside = tempContext({ 'secret.txt': 'outside', 'many/a': 'x', 'many/b': 'x' });
    const root = tempContext({ 'main.py': 'x' });
    fs.symlinkSync(outside, path.join(root, 'linked-dir'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'linked-file'));
    fs.symlinkSync(root, path.join(root, 'loop'));
    const ctx = new DiskBuildContext(root);
    const scan = ctx.scan();
    assert.equal(scan.files, 4, 'main.py and three links, each counted as the link itself');
    assert.ok(!scan.largest.some(f => f.path.includes('/')), 'nothing below a link was listed');
    assert.equal(ctx.readText('linked-file'), undefined);
    assert.equal(ctx.readText('../' + path.basename(outside) + '/secret.txt'), undefined);
    assert.equal(ctx.readText('main.py'), 'x');
  });
  it('does not walk into excluded folders unless a `!` line could bring something back', () => {
    const root = tempContext({ 'a.py': 'x', 'node_modules/p/index.js': 'x', 'node_modules/q/index.js': 'x', 'vendor/keep/x.js': 'x', 'vendor/drop/y.js': 'x' });
    fs.writeFileSync(path.join(root, '.dockerignore'), 'node_modules\nvendor\n!vendor/keep\n');
    const listed: string[] = [];
    // The module object itself, which context.ts reads through.
    const fsModule = require('node:fs') as typeof fs;
    const original = fsModule.readdirSync as (...a: unknown[]) => unknown;
    const spy = mock.method(fsModule, 'readdirSync', function (this: unknown, dir: fs.PathLike, ...rest: unknown[]) {
      listed.push(path.relative(root, String(dir)) || '.');
      return original.call(this, dir, ...rest);
    });
    try {
      new DiskBuildContext(root).scan();
    } finally {
      spy.mock.restore();
    }
    assert.deepEqual(listed.sort(), ['.', 'vendor', 'vendor/keep'], 'not node_modules, not vendor/drop');
  });
  it('does not throw on a missing root or unreadable folders', () => {
    const scan = new DiskBuildContext(path.join(os.tmpdir(), 'layerwise-does-not-exist-' + process.pid)).scan();
    assert.equal(scan.files, 0);
    const root = tempContext({ 'ok.txt': 'x', 'locked/secret.txt': 'x' });
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    try {
      assert.doesNotThrow(() => new DiskBuildContext(root).scan());
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });
  it('is cached per context root across objects, refreshed by invalidate() or a changed ignore file', () => {
    const root = tempContext({ 'a.txt': 'x' });
    const first = new DiskBuildContext(root).scan();
    fs.writeFileSync(path.join(root, 'b.txt'), 'x');
    assert.equal(new DiskBuildContext(root).scan(), first, 'a new object for the same root reuses the scan');
    new DiskBuildContext(root).invalidate();
    const second = new DiskBuildContext(root).scan();
    assert.equal(second.files, 2);
    fs.writeFileSync(path.join(root, '.dockerignore'), 'b.txt\n');
    const third = new DiskBuildContext(root).scan();
    assert.equal(third.files, 2, 'a.txt and .dockerignore: the new ignore file applies at once');
    fs.writeFileSync(path.join(root, 'c.txt'), 'x');
    invalidateBuildContexts(path.join(root, 'elsewhere-' + 'x', '..', '..', 'other-root'));
    assert.equal(new DiskBuildContext(root).scan().files, 2, 'a change outside the root keeps the scan');
    invalidateBuildContexts(path.join(root, 'c.txt'));
    assert.equal(new DiskBuildContext(root).scan().files, 3, 'a change inside the root drops it');
    fs.writeFileSync(path.join(root, 'd.txt'), 'x');
    assert.equal(new DiskBuildContext(root, { scanTtlMs: 0 }).scan().files, 4, 'an expired scan is redone');
  });
});

describe('summariseCopy', () => {
  const ctx = new MemoryBuildContext({
    '.dockerignore': 'secrets\n',
    'requirements.txt': 'flask\n',
    'src/app.py': 'x'.repeat(10),
    'src/util.py': 'x'.repeat(20),
    'src/static/logo.png': 'x'.repeat(300),
    'config/a.yaml': 'x',
    'config/b.json': 'x',
    'secrets/key': 'x',
  });
  it('sums what the sources take, wildcards included', () => {
    const s = summariseCopy(ctx, ['src/', 'config/*.yaml']);
    assert.equal(s.files, 4);
    assert.equal(s.bytes, 331);
    assert.equal(s.largest[0].path, 'src/static/logo.png');
    assert.deepEqual(summariseCopy(ctx, ['src/*.py']).files, 2);
    assert.deepEqual(summariseCopy(ctx, ['./requirements.txt']).bytes, 6);
  });
  it('reports excluded, unmatched and non-context sources', () => {
    const s = summariseCopy(ctx, ['secrets/key', 'nope.txt', 'https://example.com/x.tgz', '$APP_DIR', '<<EOF']);
    assert.deepEqual(s.excluded, ['secrets/key']);
    assert.deepEqual(s.unmatched, ['nope.txt']);
    assert.deepEqual(s.skipped, ['https://example.com/x.tgz', '$APP_DIR', '<<EOF']);
    assert.equal(s.files, 0);
  });
  it('the whole context is the scan itself', () => {
    const s = summariseCopy(ctx, ['.']);
    assert.equal(s.files, ctx.scan().files);
    assert.equal(s.files, 7);
  });
});

describe('context copies', () => {
  it('lists COPY/ADD sources from the context, not --from, URLs or heredocs; JSON form too', () => {
    const model = new DockerfileModel([
      'FROM python:3.12-slim AS build',
      'COPY . .',
      'FROM python:3.12-slim',
      'COPY --from=build /app /app',
      'COPY ["./src/", "/app/src/"]',
      'ADD https://example.com/a.tgz /tmp/',
      'COPY <<EOF /etc/app.conf',
      'key=value',
      'EOF',
      'COPY --chown=app ./a/../b.txt *.py /app/',
    ].join('\n'));
    const copies = contextCopies(model);
    assert.deepEqual(copies.map(c => [c.info.range.start.line + 1, c.whole, c.sources.map(s => s.path)]), [
      [2, true, ['']],
      [5, false, ['src']],
      [10, false, ['b.txt', '*.py']],
    ]);
    assert.equal(copies[2].display, 'COPY ./a/../b.txt *.py /app/');
  });
});

describe('helpers', () => {
  it('secret files are judged by name and, for ambiguous formats, content', () => {
    assert.equal(secretFileLabel('.env.production'), 'environment file');
    assert.equal(secretFileLabel('.env.example'), undefined);
    assert.equal(secretFileLabel('keys/id_ed25519'), 'SSH private key');
    assert.equal(secretFileLabel('keys/id_ed25519.pub'), undefined);
    assert.equal(secretFileLabel('tls.key', () => '-----BEGIN EC PRIVATE KEY-----'), 'private key');
    assert.equal(secretFileLabel('ca.pem', () => '-----BEGIN CERTIFICATE-----'), undefined);
    assert.equal(secretFileLabel('ca.pem'), 'private key', 'unknown content: assume the worst');
    assert.equal(secretFileLabel('.pypirc', () => '[pypi]\nusername = __token__\npassword = pypi-abc\n'), 'PyPI credentials');
    assert.equal(secretFileLabel('home/.docker/config.json'), 'Docker registry credentials');
    assert.equal(secretFileLabel('config.json'), undefined);
  });
  it('file changes of a fix apply to in-memory files', () => {
    const files = { '.dockerignore': '.git\n' };
    assert.deepEqual(applyFileChanges(files, { appendFiles: [{ path: '.dockerignore', content: 'venv\n' }] }), { '.dockerignore': '.git\nvenv\n' });
    assert.deepEqual(applyFileChanges(files, { createFiles: [{ path: '.dockerignore', content: 'x\n' }] }), files, 'an existing file is not overwritten');
    assert.deepEqual(applyFileChanges({}, { createFiles: [{ path: '.dockerignore', content: 'x\n' }] }), { '.dockerignore': 'x\n' });
  });
  it('formats sizes', () => {
    assert.deepEqual([512, 2048, 5.5 * 1024 * 1024, 300 * 1024 * 1024, 3 * 1024 ** 3].map(formatBytes), ['512 B', '2 KB', '5.5 MB', '300 MB', '3 GB']);
  });
  it('the existing callers still work: exists and readText', () => {
    const ctx = new MemoryBuildContext({ './requirements.txt': 'flask\n', 'src/a.py': '' });
    assert.ok(ctx.exists('requirements.txt') && ctx.exists('./src') && ctx.exists('src/') && !ctx.exists('nope'));
    assert.equal(ctx.readText('./requirements.txt'), 'flask\n');
    const disk = new DiskBuildContext(tempContext({ 'requirements.txt': 'flask\n' }));
    assert.ok(disk.exists('requirements.txt') && !disk.exists('../etc/passwd'));
    assert.equal(disk.readText('requirements.txt'), 'flask\n');
  });
});

/** The next scan of `root` that lands (optionally one that satisfies `test`); rejects after 10 s. */
function nextScan(root: string, test: (e: ContextScanEvent) => boolean = () => true): Promise<ContextScanEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`no scan of ${root} landed`)); }, 10_000);
    const sub = onBuildContextScan(e => {
      if (e.root !== path.resolve(root) || !test(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

/** Records the scans of `root` that land until `stop()`. */
function recordScans(root: string): { events: ContextScanEvent[]; stop(): void } {
  const events: ContextScanEvent[] = [];
  const sub = onBuildContextScan(e => { if (e.root === path.resolve(root)) events.push(e); });
  return { events, stop: () => sub.dispose() };
}

/** Counts calls to the blocking fs functions a walk uses (listing, lstat, reading heads) while `body` runs. */
async function countBlockingCalls<T>(body: () => Promise<T> | T): Promise<{ result: T; calls: number }> {
  const fsModule = require('node:fs') as typeof fs;
  let calls = 0;
  const spies = (['readdirSync', 'lstatSync', 'openSync', 'readSync'] as const).map(name => {
    const original = fsModule[name] as (...a: unknown[]) => unknown;
    return mock.method(fsModule, name, function (this: unknown, ...args: unknown[]) { calls++; return original.apply(this, args); });
  });
  try {
    return { result: await body(), calls };
  } finally {
    spies.forEach(s => s.mock.restore());
  }
}

const background = (root: string, options: { dockerfile?: string; scanTtlMs?: number } = {}) => new DiskBuildContext(root, { ...options, scanMode: 'background' });
const tick = () => new Promise<void>(resolve => setImmediate(resolve));

describe('background scan (the language server: analysis never waits for the disk)', () => {
  const project = (): string => {
    const outside = tempContext({ 'secret.txt': 'outside', 'many/a': 'x' });
    const root = tempContext({
      'main.py': 'print(1)\n', '.env': 'A=1\n', 'venv/pyvenv.cfg': 'x', 'venv/lib/x.py': 'x', 'src/__pycache__/a.pyc': 'x',
      'certs/ca.pem': '-----BEGIN CERTIFICATE-----\n', 'certs/tls.key': '-----BEGIN EC PRIVATE KEY-----\n',
      '.npmrc': '//registry.npmjs.org/:_authToken=abc\n', 'big.bin': 11 * 1024 * 1024, 'data/train.csv': 2 * 1024 * 1024,
      'node_modules/p/index.js': 'x', 'pkg/package.json': '{}', 'pkg/build/out.js': 'x',
    });
    fs.symlinkSync(outside, path.join(root, 'linked-dir'));
    fs.symlinkSync(root, path.join(root, 'loop'));
    return root;
  };

  it('finds what the blocking scan finds, with no blocking call', async () => {
    const root = project();
    const blocking = new DiskBuildContext(root).scan();
    invalidateBuildContexts();
    const { result: scan, calls } = await countBlockingCalls(() => background(root).ensureScan());
    assert.equal(calls, 0, 'the walk uses no blocking call');
    assert.notEqual(scan, blocking);
    for (const k of ['files', 'bytes', 'largest', 'topLevel', 'notable', 'truncated', 'dockerignore'] as const) assert.deepEqual(scan[k], blocking[k], k);
    assert.deepEqual(notable(scan), [
      'secret .env', 'secret .npmrc', 'secret certs/tls.key', 'virtualenv venv', 'pycache src/__pycache__', 'node-modules node_modules',
      'data data', 'build-output pkg/build', 'large-file big.bin',
    ]);
    assert.ok(!scan.largest.some(f => f.path.startsWith('linked-dir/') || f.path.startsWith('loop/')), 'links are never followed');
    assert.deepEqual(summariseCopyIfReady(background(root), ['src', 'certs/*.pem']), summariseCopy(new DiskBuildContext(root), ['src', 'certs/*.pem']));
  });

  it('keeps the bounds (files, time), never follows links, and never throws', async () => {
    const files: Record<string, string> = { 'a.py': 'x', 'b.py': 'x', 'src/c.py': 'x' };
    for (let i = 0; i < 50; i++) files[`node_modules/p${i}/index.js`] = 'x';
    const root = tempContext(files);
    const capped = await background(root).ensureScan({ maxFiles: 10 });
    assert.equal(capped.truncatedBy, 'maxFiles');
    assert.equal(capped.files, 10);
    assert.equal(summariseCopyIfReady(background(root), ['a.py', 'b.py', 'src'], { maxFiles: 10 })?.files, 3, 'heavy folders are walked last here too');
    const timed = await background(root).ensureScan({ maxMs: 0 });
    assert.equal(timed.truncatedBy, 'maxMs');

    const linked = tempContext({ 'main.py': 'x' });
    fs.symlinkSync(tempContext({ 'a/b': 'x', 'c': 'x' }), path.join(linked, 'out'));
    fs.symlinkSync(linked, path.join(linked, 'loop'));
    assert.equal((await background(linked).ensureScan()).files, 3, 'main.py and two links, each counted as the link itself');

    assert.equal((await background(path.join(os.tmpdir(), 'layerwise-does-not-exist-' + process.pid)).ensureScan()).files, 0);
    const locked = tempContext({ 'ok.txt': 'x', 'locked/secret.txt': 'x' });
    fs.chmodSync(path.join(locked, 'locked'), 0o000);
    try {
      assert.ok((await background(locked).ensureScan()).files >= 1);
    } finally {
      fs.chmodSync(path.join(locked, 'locked'), 0o755);
    }
  });

  it('answers "unknown" at first without touching the disk, then tells listeners; Dockerfiles of a folder share the scan', async () => {
    const root = tempContext({ 'main.py': 'x', 'node_modules/p/index.js': 'x', 'own.Dockerfile.dockerignore': 'node_modules\n' });
    const landed = nextScan(root, e => e.ignoreFile === undefined);
    const ctx = background(root);
    const { result: first, calls } = await countBlockingCalls(() => [ctx.scanIfReady(), summariseCopyIfReady(ctx, ['.'])]);
    assert.deepEqual(first, [undefined, undefined], 'nothing is known yet');
    assert.equal(calls, 0, 'nothing is walked on the spot');
    const event = await landed;
    assert.equal(event.changed, true, 'there was no scan before');
    assert.equal(background(root).scanIfReady(), event.scan);
    assert.equal(new DiskBuildContext(root).scanIfReady(), event.scan, 'a blocking context reads the same cache');
    assert.equal(background(root, { dockerfile: 'other.Dockerfile' }).scanIfReady(), event.scan, 'same folder, same ignore file: same scan');
    const own = background(root, { dockerfile: 'own.Dockerfile' });
    assert.equal(own.scanIfReady(), undefined, 'its own ignore file: a scan of its own');
    assert.deepEqual(notable(await own.ensureScan()), []);
    assert.equal(new MemoryBuildContext({ a: 'x' }).scanIfReady().files, 1, 'in-memory contexts always answer');
  });

  it('a file change makes the scan stale: it keeps answering, and one debounced rescan replaces it', async () => {
    const root = tempContext({ 'a.txt': 'x', '.dockerignore': 'dist\n' });
    const ctx = background(root);
    assert.equal(ctx.scanIfReady(), undefined);
    const s1 = (await nextScan(root)).scan;
    const rec = recordScans(root);
    try {
      // Excluded by .dockerignore: cannot change the scan, so it stays fresh.
      fs.mkdirSync(path.join(root, 'dist'));
      fs.writeFileSync(path.join(root, 'dist/x.js'), 'x');
      invalidateBuildContexts(path.join(root, 'dist/x.js'));
      assert.equal(new DiskBuildContext(root).scan(), s1, 'still fresh: no rescan');

      fs.writeFileSync(path.join(root, 'b.txt'), 'x');
      fs.writeFileSync(path.join(root, 'c.txt'), 'x');
      const rescanned = nextScan(root);
      // A burst of events: one rescan, RESCAN_DEBOUNCE_MS after the last.
      invalidateBuildContexts(path.join(root, 'b.txt'));
      invalidateBuildContexts(path.join(root, 'c.txt'));
      await tick();
      invalidateBuildContexts(path.join(root, 'c.txt'));
      const { result: stale, calls } = await countBlockingCalls(() => background(root).scanIfReady());
      assert.equal(stale, s1, 'the stale scan answers meanwhile');
      assert.equal(calls, 0, 'and nothing is walked on the spot');
      const event = await rescanned;
      assert.equal(event.scan.files, s1.files + 2);
      assert.equal(event.changed, true);
      assert.equal(background(root).scanIfReady(), event.scan);
      await new Promise(resolve => setTimeout(resolve, RESCAN_DEBOUNCE_MS + 100));
      assert.equal(rec.events.length, 1, 'one rescan for the whole burst');
    } finally {
      rec.stop();
    }
  });

  it('once released (its documents closed), a context is not rescanned on file changes, only when asked again', async () => {
    const root = tempContext({ 'a.txt': 'x' });
    assert.equal(background(root).scanIfReady(), undefined);
    const s1 = (await nextScan(root)).scan;
    releaseBuildContexts(root);
    const rec = recordScans(root);
    try {
      fs.writeFileSync(path.join(root, 'b.txt'), 'x');
      invalidateBuildContexts(path.join(root, 'b.txt'));
      await new Promise(resolve => setTimeout(resolve, RESCAN_DEBOUNCE_MS + 100));
      assert.equal(rec.events.length, 0, 'no rescan nobody asked for');
      const landed = nextScan(root);
      assert.equal(background(root).scanIfReady(), s1, 'asked again: the stale scan answers and a rescan starts');
      assert.equal((await landed).scan.files, 2);
    } finally {
      rec.stop();
    }
  });

  it('a change during a scan: the running scan lands as stale, and ensureScan after the change waits for one that sees it', async () => {
    const root = tempContext({ 'a.txt': 'x', 'sub/b.txt': 'x' });
    const ctx = background(root);
    const before = ctx.ensureScan();
    fs.writeFileSync(path.join(root, 'sub/c.txt'), 'x');
    invalidateBuildContexts(path.join(root, 'sub/c.txt'));
    const after = ctx.ensureScan();
    const [s1, s2] = await Promise.all([before, after]);
    assert.notEqual(s1, s2, 'a second scan ran');
    assert.equal(s2.files, 3);
    assert.equal(background(root).scanIfReady(), s2);
    assert.equal(new DiskBuildContext(root).scan(), s2, 'and it is fresh');
  });

  it('an ignore-file change cancels a running scan; the scan is redone with the new patterns, never served stale', async () => {
    const root = tempContext({ 'main.py': 'x', 'node_modules/p/index.js': 'x', 'node_modules/q/index.js': 'x' });
    const running = background(root).ensureScan();
    fs.writeFileSync(path.join(root, '.dockerignore'), 'node_modules\n');
    assert.equal(background(root).scanIfReady(), undefined, 'a scan made with other patterns is not an answer');
    const scan = await running;
    assert.deepEqual(scan.dockerignore?.patterns, ['node_modules']);
    assert.deepEqual(notable(scan), []);
    assert.equal(scan.files, 2, 'main.py and .dockerignore');

    // Forgetting every context mid-scan: the caller still gets a scan.
    const again = background(root).ensureScan({ maxFiles: 999 });
    invalidateBuildContexts();
    assert.equal((await again).files, 2);
  });

  it('after the TTL the old scan answers while a rescan runs; listeners learn whether anything changed', async () => {
    const root = tempContext({ 'a.txt': 'x' });
    const ctx = background(root, { scanTtlMs: 0 });
    const s1 = await ctx.ensureScan();
    let landed = nextScan(root);
    assert.equal(ctx.scanIfReady(), s1, 'expired, still the answer');
    const same = await landed;
    assert.notEqual(same.scan, s1);
    assert.equal(same.changed, false, 'nothing changed: nobody needs to re-analyse');
    fs.writeFileSync(path.join(root, 'b.txt'), 'x');
    landed = nextScan(root);
    assert.equal(ctx.scanIfReady(), same.scan);
    const changed = await landed;
    assert.equal(changed.changed, true);
    assert.equal(changed.scan.files, 2);
  });
});

// Found by the LSP fuzz test (test/lsp/robustness.test.ts): the matcher library compiles an open
// `[` into an invalid regular expression and throws on the first match, which failed hovers and rules.
describe('patterns the matcher cannot compile (a `[` left open)', () => {
  it('a COPY source with one takes nothing, instead of throwing', () => {
    assert.equal(sourceTakes('["/bin/bash",', 'a.txt'), false);
    assert.equal(sourceTakes('[abc', '[abc'), false);
  });

  it('such a .dockerignore line is dropped and the others still apply', () => {
    const ctx = new MemoryBuildContext({ '.dockerignore': '[abc\nnode_modules\n!keep[\n', 'node_modules/x.js': '', 'app.py': '' });
    assert.equal(ctx.isIgnored('node_modules/x.js'), true);
    assert.equal(ctx.isIgnored('app.py'), false);
    assert.equal(ctx.isIgnored('[abc'), false);
  });

  it('analysis and the copy summary of such a source complete', () => {
    const ctx = new MemoryBuildContext({ 'app.py': '' });
    const result = analyze('FROM python:3.12-slim\nADD --parents ["/bin/bash", "-c"] /app/\nCOPY [abc /app/\n', { buildContext: ctx });
    assert.deepEqual(result.failures.map(f => `${f.ruleId}: ${f.error.message}`), []);
    assert.equal(summariseCopy(ctx, ['["/bin/bash",', '[abc']).files, 0);
  });
});
