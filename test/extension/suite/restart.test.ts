// The language server is killed for real (SIGKILL to the pid it reports) and must come
// back after the back-off with working diagnostics; a crash series that spends the
// budget ends with the server down and exactly one notification, and Restart revives it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { LayerwiseApi } from '../../../client/src/extension';
import type { CrashEvent } from '../../../client/src/crash-handler';
import { EXTENSION_ID, LINE, RULE, lineOf, openFreshCase, revertAndClose, waitFor, waitForDiagnostic, waitForNoDiagnostic } from './helpers';

suite('language server restarts', () => {
  let api: LayerwiseApi;
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    ({ doc } = await openFreshCase('restart'));
    const ext = vscode.extensions.getExtension<LayerwiseApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    api = await ext.activate();
    await waitForDiagnostic(doc, RULE.baseLatest);
  });

  suiteTeardown(async () => {
    api.serverRestarts.usePolicy({});
    if (api.client.state !== State.Running) await vscode.commands.executeCommand('layerwise.restartServer').then(undefined, () => undefined);
    await revertAndClose(doc);
  });

  /** Kills the serving process and waits until a different one answers. */
  async function killAndWaitForNewServer(): Promise<number> {
    const { pid } = await api.serverRestarts.serverInfo();
    process.kill(pid, 'SIGKILL');
    await waitFor(`process ${pid} to exit`, () => !alive(pid), 10_000);
    return waitFor('a new server process to answer', async () => {
      const info = await answering();
      return info && info.pid !== pid ? info.pid : undefined;
    }, 30_000, () => `client state ${State[api.client.state]}; events ${describe(api.serverRestarts.events())}`);
  }

  async function answering(): Promise<{ pid: number } | undefined> {
    if (api.client.state !== State.Running) return undefined;
    return api.serverRestarts.serverInfo().catch(() => undefined);
  }

  /** Diagnostics follow an edit: the server really serves this document again. */
  async function assertDiagnosticsWork(): Promise<void> {
    const editor = await vscode.window.showTextDocument(doc);
    const line = lineOf(doc, LINE.from);
    await editor.edit(b => b.replace(doc.lineAt(line).range, 'FROM python:3.11-slim'));
    await waitForNoDiagnostic(doc, RULE.baseLatest);
    await editor.edit(b => b.replace(doc.lineAt(line).range, LINE.from));
    await waitForDiagnostic(doc, RULE.baseLatest);
  }

  test('a killed server is restarted after the first back-off step, without a notification, and diagnostics work again', async () => {
    const before = api.serverRestarts.events().length;
    await killAndWaitForNewServer();
    const events = api.serverRestarts.events().slice(before);
    const crash = events.find((e): e is Extract<CrashEvent, { kind: 'crash' }> => e.kind === 'crash');
    assert.ok(crash, `no crash recorded: ${describe(events)}`);
    assert.deepStrictEqual(crash.decision, { action: 'restart', delayMs: 500, attempt: 1 });
    const running = events.find(e => e.kind === 'running' && e.at >= crash.at);
    assert.ok(running, `no running event after the crash: ${describe(events)}`);
    assert.ok(running.at - crash.at >= 500, `restarted after ${running.at - crash.at} ms, before the 500 ms back-off`);
    assert.deepStrictEqual(events.filter(e => e.kind === 'notified'), [], 'a crash that recovers is not announced with a popup');
    await assertDiagnosticsWork();
  });

  test('repeated crashes back off 0.5, 1, 2 s, then stop with exactly one notification; Restart brings the server back', async function () {
    this.timeout(120_000);
    // A budget of 3 keeps the test short; the schedule is the shipped one.
    api.serverRestarts.usePolicy({ crashBudget: 3 });
    const before = api.serverRestarts.events().length;
    for (let i = 0; i < 3; i++) await killAndWaitForNewServer();
    const { pid } = await api.serverRestarts.serverInfo();
    process.kill(pid, 'SIGKILL');
    await waitFor('the client to give up', () => api.client.state === State.Stopped, 15_000,
      () => `client state ${State[api.client.state]}; events ${describe(api.serverRestarts.events().slice(before))}`);
    // Long enough for a (wrong) further restart or a second message to show up.
    await new Promise(r => setTimeout(r, 3000));
    assert.strictEqual(api.client.state, State.Stopped, 'the server stays down once the budget is spent');
    const series = api.serverRestarts.events().slice(before);
    const decisions = series.flatMap(e => (e.kind === 'crash' ? [e.decision.action === 'restart' ? e.decision.delayMs : e.decision.action] : []));
    assert.deepStrictEqual(decisions, [500, 1000, 2000, 'stop']);
    const notified = series.filter((e): e is Extract<CrashEvent, { kind: 'notified' }> => e.kind === 'notified');
    assert.strictEqual(notified.length, 1, `notifications: ${describe(series)}`);
    assert.match(notified[0].message, /stopped 4 times within 3 minutes and will not be restarted automatically/);

    await vscode.commands.executeCommand('layerwise.restartServer');
    const revived = await waitFor('the server to answer after Restart', answering, 30_000);
    assert.notStrictEqual(revived.pid, pid);
    assert.ok(api.serverRestarts.events().slice(before).some(e => e.kind === 'manual-restart'));
    await assertDiagnosticsWork();
    // A fresh series after the manual restart: the next crash restarts at the first step again.
    const next = api.serverRestarts.events().length;
    await killAndWaitForNewServer();
    const again = api.serverRestarts.events().slice(next).find((e): e is Extract<CrashEvent, { kind: 'crash' }> => e.kind === 'crash');
    assert.deepStrictEqual(again?.decision, { action: 'restart', delayMs: 500, attempt: 1 });
  });

  test('a server that dies while starting, again and again, ends in the same single notification', async function () {
    this.timeout(120_000);
    await waitFor('the server to be running before the test', answering, 30_000);
    api.serverRestarts.usePolicy({ crashBudget: 2 });
    const before = api.serverRestarts.events().length;
    const killed = new Set<number>();
    // Kill every server process the moment it appears, before it can answer initialize.
    const sweep = setInterval(() => {
      for (const pid of serverChildren()) {
        if (killed.has(pid)) continue;
        killed.add(pid);
        try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      }
    }, 10);
    try {
      // Start-failed, not stopped: the last death came before the server answered initialize.
      await waitFor('the client to give up', () => gaveUp(api.client.state), 30_000,
        () => `client state ${State[api.client.state]}; killed ${killed.size}; events ${describe(api.serverRestarts.events().slice(before))}`);
      await new Promise(r => setTimeout(r, 3000));
    } finally {
      clearInterval(sweep);
    }
    assert.ok(gaveUp(api.client.state), `client state ${State[api.client.state]}`);
    const series = api.serverRestarts.events().slice(before);
    const decisions = series.flatMap(e => (e.kind === 'crash' ? [e.decision.action === 'restart' ? e.decision.delayMs : e.decision.action] : []));
    assert.deepStrictEqual(decisions, [500, 1000, 'stop'], `killed ${killed.size} processes`);
    assert.strictEqual(series.filter(e => e.kind === 'notified').length, 1, describe(series));
    assert.ok(!series.some(e => e.kind === 'running'), 'no server got as far as running');
    await vscode.commands.executeCommand('layerwise.restartServer');
    await waitFor('the server to answer after Restart', answering, 30_000);
    await assertDiagnosticsWork();
  });
});

/** Down for good: neither running nor on its way up. */
function gaveUp(state: State): boolean {
  return state === State.Stopped || state === State.StartFailed;
}

/** Language server processes this extension host started (Linux /proc). */
function serverChildren(): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || Number(ppid) !== process.pid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('server.js')) found.push(Number(entry));
    } catch { /* gone */ }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function describe(events: readonly CrashEvent[]): string {
  return JSON.stringify(events.map(e => (e.kind === 'crash' ? `crash:${e.decision.action}:${e.decision.action === 'restart' ? e.decision.delayMs : ''}` : e.kind)));
}
