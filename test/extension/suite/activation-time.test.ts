// Benchmark probe (npm run bench, start-up section): times the extension's activate() inside
// the real extension host (client bundle load, server process start, LSP initialize) and the
// first diagnostics after opening a Dockerfile, and records both in
// test-results/bench-activation.json. Only meaningful when this suite runs alone (with
// LAYERWISE_TEST_GREP), before anything else has activated the extension.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { DIAGNOSTICS_TIMEOUT_MS, EXTENSION_ID, layerwiseDiagnostics, workspaceRoot } from './helpers';

suite('bench: activation time', () => {
  test('activate() completes and its duration is recorded', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in the host`);
    assert.ok(!ext.isActive, 'the extension was already active, so its activation cannot be timed: run this suite first or alone');

    const activateStart = performance.now();
    await ext.activate();
    const activateMs = performance.now() - activateStart;
    assert.ok(ext.isActive, 'the extension is not active after activate() resolved');

    const uri = vscode.Uri.joinPath(workspaceRoot(), 'Dockerfile');
    const openStart = performance.now();
    const published = firstDiagnostics(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const firstDiagnosticsMs = (await published) - openStart;

    const file = path.join(ext.extensionPath, 'test-results', 'bench-activation.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ activateMs, firstDiagnosticsMs, vscode: vscode.version, at: new Date().toISOString() }, null, 2));
  });
});

/** When Layerwise's diagnostics for `uri` first arrive (an event, not a poll, so the time is exact). */
function firstDiagnostics(uri: vscode.Uri): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { listener.dispose(); reject(new Error(`no Layerwise diagnostics within ${DIAGNOSTICS_TIMEOUT_MS} ms`)); }, DIAGNOSTICS_TIMEOUT_MS);
    const listener = vscode.languages.onDidChangeDiagnostics(e => {
      if (!e.uris.some(u => u.toString() === uri.toString()) || !layerwiseDiagnostics(uri).length) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(performance.now());
    });
  });
}
