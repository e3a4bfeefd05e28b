import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { delay, LspTestClient, withCode } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';

// Line 3 holds `$dir` at columns 8-12 (0-based 7-11) after a continuation and a dropped comment line.
const DOCKERFILE = [
  'FROM debian:bookworm-slim',
  'RUN echo start && \\',
  '    # the builder drops this line',
  '    cd $dir && ls',
  'COPY . /app',
  '',
].join('\n');

const isShellCheck = (d: Diagnostic) => /^SC\d+$/.test(String(d.code));

function requireShellCheck(): void {
  if (spawnSync('shellcheck', ['--version']).status !== 0) assert.fail('install shellcheck (apt-get install shellcheck): the ShellCheck integration is tested against the real program');
}

describe('language server: ShellCheck findings', () => {
  let client: LspTestClient;
  let uri: string;
  before(async () => {
    requireShellCheck();
    client = await LspTestClient.start({ settings: { layerwise: {} } });
    uri = fileUri(path.join(makeTempDir({ 'a.txt': 'x' }), 'Dockerfile'));
    await client.open(uri, DOCKERFILE, 3);
  });
  after(async () => { await client?.shutdown(); });

  it('arrive after the layerwise diagnostics, for the same version, merged with them', async () => {
    await client.waitForVersion(uri, 3, p => p.diagnostics.some(isShellCheck));
    const publishes = client.publishesFor(uri).map(p => p.params);
    const mergedAt = publishes.findIndex(p => p.version === 3 && p.diagnostics.some(isShellCheck));
    assert.equal(publishes[0].version, 3);
    assert.equal(publishes[0].diagnostics.some(isShellCheck), false, 'the first publish has only layerwise rules');
    // The publish ShellCheck's findings were merged into (a build-context scan may publish the same version again).
    const own = publishes.slice(0, mergedAt).reverse().find(p => p.version === 3 && !p.diagnostics.some(isShellCheck));
    assert.ok(own && own.diagnostics.length > 0, 'layerwise findings were published before ShellCheck answered');
    assert.deepEqual(publishes[mergedAt].diagnostics.filter(d => !isShellCheck(d)), own.diagnostics, 'the layerwise diagnostics are republished unchanged');
  });

  it('point at the exact line and columns, with code, link, source and severity', async () => {
    const merged = await client.waitForVersion(uri, 3, p => withCode(p.diagnostics, 'SC2086').length > 0);
    const sc2086 = withCode(merged.diagnostics, 'SC2086');
    assert.equal(sc2086.length, 1, JSON.stringify(merged.diagnostics));
    assert.deepEqual(sc2086[0].range, { start: { line: 3, character: 7 }, end: { line: 3, character: 11 } });
    assert.equal(sc2086[0].source, 'layerwise');
    assert.equal(sc2086[0].severity, DiagnosticSeverity.Information);
    assert.equal(sc2086[0].codeDescription?.href, 'https://www.shellcheck.net/wiki/SC2086');
    assert.equal(withCode(merged.diagnostics, 'SC2154')[0]?.severity, DiagnosticSeverity.Warning);
  });

  it('offer ShellCheck\'s own fix and the ignore actions as quick fixes', async () => {
    const merged = await client.waitForVersion(uri, 3, p => withCode(p.diagnostics, 'SC2086').length > 0);
    const [sc2086] = withCode(merged.diagnostics, 'SC2086');
    const actions = (await client.codeActions(uri, sc2086.range, { diagnostics: [sc2086], only: ['quickfix'] })) as { title: string; edit?: { changes?: Record<string, { newText: string }[]>; documentChanges?: { edits: { newText: string }[] }[] } }[];
    const titles = actions.map(a => a.title);
    assert.ok(titles.includes('Apply ShellCheck\'s fix for SC2086'), titles.join('\n'));
    assert.ok(titles.includes('Ignore SC2086 for this instruction'), titles.join('\n'));
    const fix = actions.find(a => a.title === 'Apply ShellCheck\'s fix for SC2086')!;
    const edits = fix.edit?.documentChanges?.[0].edits ?? Object.values(fix.edit?.changes ?? {})[0];
    assert.deepEqual(edits.map(e => e.newText), ['"', '"']);
  });

  it('follow edits: the new version gets its own, and nothing stale is published after it', async () => {
    const text = DOCKERFILE.replace('COPY . /app', 'RUN echo $other');
    const version = await client.change(uri, `# a new first line\n${text}`);
    const merged = await client.waitForVersion(uri, version, p => withCode(p.diagnostics, 'SC2154').length === 2);
    assert.deepEqual(withCode(merged.diagnostics, 'SC2086').map(d => d.range.start.line).sort(), [4, 5]);
    await delay(500);
    const later = client.publishesFor(uri).map(p => p.params).filter(p => p.version !== undefined && p.version < version);
    const afterNew = client.publishesFor(uri).findIndex(p => p.params.version === version);
    assert.ok(client.publishesFor(uri).slice(afterNew).every(p => p.params.version === version), `an older version was published after ${version}: ${JSON.stringify(later.map(p => p.version))}`);
  });

  it('respect `# layerwise ignore=SC…` above the RUN', async () => {
    const version = await client.change(uri, DOCKERFILE.replace('RUN echo start', '# layerwise ignore=SC2086\nRUN echo start'));
    const merged = await client.waitForVersion(uri, version, p => p.diagnostics.some(isShellCheck));
    assert.deepEqual(merged.diagnostics.filter(isShellCheck).map(d => [d.code, d.range.start.line]), [['SC2154', 4]]);
  });
});

describe('language server: ShellCheck settings', () => {
  async function settle(settings: Record<string, unknown>): Promise<{ client: LspTestClient; publishes: PublishDiagnosticsParams[] }> {
    const client = await LspTestClient.start({ settings });
    const uri = fileUri(path.join(makeTempDir({ 'a.txt': 'x' }), 'Dockerfile'));
    await client.open(uri, DOCKERFILE, 1);
    await client.waitForVersion(uri, 1);
    await delay(1500);
    return { client, publishes: client.publishesFor(uri).map(p => p.params) };
  }

  it('`layerwise.shellcheck.enable: false` turns it off', async () => {
    requireShellCheck();
    const { client, publishes } = await settle({ layerwise: { shellcheck: { enable: false } } });
    try {
      assert.equal(publishes.some(p => p.diagnostics.some(isShellCheck)), false, JSON.stringify(publishes));
    } finally { await client.shutdown(); }
  });

  it('a `layerwise.shellcheck.path` that is not installed is not an error: nothing is shown, the rules still report', async () => {
    const { client, publishes } = await settle({ layerwise: { shellcheck: { path: '/nonexistent/shellcheck' } } });
    try {
      assert.ok(publishes.length >= 1 && publishes.at(-1)!.diagnostics.length > 0);
      assert.equal(publishes.some(p => p.diagnostics.some(isShellCheck)), false);
      assert.deepEqual(client.messages, [], 'no window message for a missing ShellCheck');
      assert.ok(client.logs.filter(l => /ShellCheck is not available/.test(l.message)).length <= 1, 'said at most once');
    } finally { await client.shutdown(); }
  });
});
