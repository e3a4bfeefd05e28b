// The build-context scan never delays diagnostics: with a context of ~20,000 files, the
// first publish comes before the scan, and the findings that need the scan follow in a later
// publish of the same version. File changes reach the server as workspace/didChangeWatchedFiles
// and lead to a background rescan. Assertions are on the order of notifications, not on times.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type MarkupContent, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { codes, hasCode, LspTestClient, messageText } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';

const DOCKERFILE = [
  'FROM node:20-slim',               // 0  base-image-floating-tag: needs no scan
  'WORKDIR /app',                    // 1
  'COPY . .',                        // 2  the context findings land here
  'RUN npm ci',                      // 3
  'CMD ["node", "src/index.js"]',    // 4
  '',
].join('\n');
const COPY = { line: 2, character: 1 };

/** `files` small files: a quarter in src/, the rest in node_modules/, plus a little Git history. */
function bigContext(dir: string, files: number): void {
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"big","private":true}\n');
  fs.mkdirSync(path.join(dir, '.git', 'objects'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  let n = 0;
  const write = (folder: string, perFolder: number, count: number, ext: string) => {
    for (let d = 0; count > 0; d++) {
      const sub = path.join(dir, folder.replace('#', String(d)));
      fs.mkdirSync(sub, { recursive: true });
      for (let i = 0; i < perFolder && count > 0; i++, count--, n++) fs.writeFileSync(path.join(sub, `f${i}.${ext}`), 'export {};\n');
    }
  };
  write('src/m#', 50, Math.floor(files / 4), 'ts');
  write('node_modules/pkg#/lib', 100, files - Math.floor(files / 4), 'js');
  assert.equal(n, files);
}

function text(hover: unknown): string {
  assert.ok(hover && typeof hover === 'object' && 'contents' in hover, `expected a hover, got ${JSON.stringify(hover)}`);
  return (hover as { contents: MarkupContent }).contents.value;
}

describe('language server: the build-context scan runs in the background', () => {
  let client: LspTestClient;
  let dir: string;
  let uri: string;
  const ignoreFile = () => path.join(dir, '.dockerignore');

  before(() => {
    dir = makeTempDir({}, 'layerwise-big-context-');
    bigContext(dir, 20_000);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
    uri = fileUri(path.join(dir, 'Dockerfile'));
  });
  after(async () => { await client?.shutdown(); });

  it('publishes the first diagnostics without waiting for the scan; the context findings follow for the same version', async t => {
    client = await LspTestClient.start({ settings: { layerwise: {} } });
    const opened = Date.now();
    await client.open(uri, DOCKERFILE, 1);
    // Sent right behind didOpen: answered while the scan that the first analysis started still runs.
    const during = client.hover(uri, COPY);

    const first = await client.waitForDiagnostics(uri);
    const firstAt = Date.now();
    assert.equal(first.version, 1);
    assert.ok(hasCode(first, 'base-image-floating-tag'), `the findings that need no scan are there: ${codes(first)}`);
    assert.ok(!hasCode(first, 'missing-dockerignore'), `the first publish does not wait for the scan: ${codes(first)}`);
    assert.match(text(await during), /scanning the build context…/);

    const later = await client.waitForDiagnostics(uri, p => hasCode(p, 'missing-dockerignore'), 30_000);
    t.diagnostic(`first publish after ${firstAt - opened} ms; the context finding after ${Date.now() - opened} ms`);
    assert.equal(later.version, 1, 'the same version, analysed again once the scan landed');
    const pubs = client.publishesFor(uri).map(p => p.params);
    assert.ok(pubs.indexOf(later) > 0, 'in a later publish than the first');
    assert.deepEqual([...new Set(pubs.map(p => p.version))], [1]);
    const finding = later.diagnostics.find(d => d.code === 'missing-dockerignore')!;
    assert.equal(finding.range.start.line, COPY.line);
    assert.match(messageText(finding), /node_modules/);
    assert.match(messageText(finding), /\.git/);
    assert.match(messageText(finding), /at least \d+ files/, 'the scan stops at its bounds (20,000 files or 500 ms)');

    const done = text(await client.hover(uri, COPY));
    assert.match(done, /From the build context/);
    assert.doesNotMatch(done, /scanning/);
    assert.match(done, /at least \d+ files/);
  });

  it('a new .dockerignore (watched-file event): missing-dockerignore goes at once, the rescan then names what it misses', async () => {
    const n = client.publishCount(uri);
    fs.writeFileSync(ignoreFile(), '.git\n');
    await client.didChangeWatchedFiles([{ uri: fileUri(ignoreFile()), type: FileChangeType.Created }]);
    const found = await client.waitForDiagnostics(uri, p => hasCode(p, 'dockerignore-misses-heavy-paths'), 30_000, n);
    const after = client.publishesFor(uri).slice(n).map(p => p.params);
    assert.ok(after.every(p => !hasCode(p, 'missing-dockerignore')), `gone from the first publish after the event: ${after.map(codes).join(' | ')}`);
    // A scan made without the ignore file is not an answer once it exists: the context findings wait for the new scan.
    assert.ok(!hasCode(after[0], 'dockerignore-misses-heavy-paths'), `first publish after the event: ${codes(after[0])}`);
    const miss = found.diagnostics.find(d => d.code === 'dockerignore-misses-heavy-paths')!;
    assert.match(messageText(miss), /node_modules/);
    assert.doesNotMatch(messageText(miss), /\.git/, '.git is excluded now');
    assert.equal(found.version, 1);
  });

  it('excluding node_modules too removes the finding, and the hover counts what is left', async () => {
    const n = client.publishCount(uri);
    fs.writeFileSync(ignoreFile(), '.git\nnode_modules\n');
    await client.didChangeWatchedFiles([{ uri: fileUri(ignoreFile()), type: FileChangeType.Changed }]);
    // One publish at once (without the scan), one when the new scan lands.
    await client.waitForDiagnostics(uri, () => client.publishCount(uri) >= n + 2, 30_000, n);
    const after = client.publishesFor(uri).slice(n).map(p => p.params);
    assert.ok(after.every(p => !hasCode(p, 'dockerignore-misses-heavy-paths') && !hasCode(p, 'missing-dockerignore')), after.map(codes).join(' | '));
    const hover = text(await client.hover(uri, COPY));
    assert.match(hover, /From the build context/);
    // src/ (5,000 files), package.json, .dockerignore and the Dockerfile: not truncated any more.
    assert.match(hover, /: 5003 files/, hover);
  });

  it('a file created in the context is found by the debounced rescan, with no edit and no immediate re-analysis', async () => {
    const n = client.publishCount(uri);
    const env = path.join(dir, '.env');
    fs.writeFileSync(env, 'DATABASE_URL=postgres://app:pw@db/app\n');
    await client.didChangeWatchedFiles([{ uri: fileUri(env), type: FileChangeType.Created }]);
    const found = await client.waitForDiagnostics(uri, p => hasCode(p, 'secret-file-copied'), 30_000, n);
    assert.equal(found.version, 1);
    const after = client.publishesFor(uri).slice(n).map(p => p.params);
    assert.equal(after.length, 1, `one publish: when the rescan landed (${after.map(codes).join(' | ')})`);
    assert.match(messageText(found.diagnostics.find(d => d.code === 'secret-file-copied')!), /\.env/);
  });

  it('an edit while a scan runs: publishes never go back in version, and the final one has the context findings', async () => {
    // Its own ignore file: a context state, and so a scan, of its own.
    const other = path.join(dir, 'other.Dockerfile');
    fs.writeFileSync(other + '.dockerignore', '.git\n');
    const otherUri = fileUri(other);
    await client.open(otherUri, DOCKERFILE, 1);
    const v2 = await client.change(otherUri, DOCKERFILE.replace('CMD ["node", "src/index.js"]', 'CMD ["node", "src/main.js"]'));
    const last = await client.waitForDiagnostics(otherUri, (p: PublishDiagnosticsParams) => p.version === v2 && hasCode(p, 'dockerignore-misses-heavy-paths'), 30_000);
    const versions = client.publishesFor(otherUri).map(p => p.params.version ?? 0);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `publishes went back in version: ${JSON.stringify(versions)}`);
    assert.match(messageText(last.diagnostics.find(d => d.code === 'dockerignore-misses-heavy-paths')!), /node_modules/);
    await client.close(otherUri);
  });
});
