// Build Image against a private dockerd (test/docker/private-daemon.ts, never the shared
// engine) that is stopped while a RUN is running: the user is told the daemon stopped,
// and no line of the Dockerfile is blamed for it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { PrivateDaemon, until } from '../../docker/private-daemon';

interface Outcome {
  build?: { exitCode: number | null; cancelled: boolean };
  problem?: { kind: string; message: string };
}

suite('a Docker daemon that stops mid-build', () => {
  let daemon: PrivateDaemon;
  const previousHost = process.env.DOCKER_HOST;

  suiteSetup(async function () {
    this.timeout(120_000);
    daemon = new PrivateDaemon();
    await daemon.start();
    daemon.loadImage('busybox:local');
    // The extension's docker processes inherit the extension host's environment.
    process.env.DOCKER_HOST = daemon.host;
  });

  suiteTeardown(async function () {
    this.timeout(60_000);
    if (previousHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = previousHost;
    await daemon?.destroy();
  });

  test('Build Image says the daemon stopped and puts no diagnostic on the RUN it was running', async function () {
    this.timeout(120_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test host opened no workspace folder');
    const dir = path.join(folder.uri.fsPath, 'daemon-stop');
    fs.mkdirSync(dir, { recursive: true });
    const marker = `${200 + Math.floor(Math.random() * 1000)}.${process.pid % 997}`;
    const dockerfile = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    fs.writeFileSync(dockerfile.fsPath, `FROM busybox:local\nRUN echo first\nRUN echo waiting && sleep ${marker}\n`);

    const pending = vscode.commands.executeCommand<Outcome>('layerwise.buildImage', dockerfile, { answers: { tag: 'layerwise-ext-daemon-stop:1' } });
    await until('the RUN to be running', () => commandLines().some(c => c.includes(`sleep ${marker}`)), 60_000);
    await daemon.kill('SIGTERM');
    const outcome = await pending;
    assert.ok(outcome, 'the command returned no outcome');
    assert.notStrictEqual(outcome.build?.exitCode, 0);
    assert.strictEqual(outcome.problem?.kind, 'daemon-stopped', JSON.stringify(outcome.problem));
    assert.match(outcome.problem!.message, new RegExp(`The Docker daemon at ${escape(daemon.host)} stopped during the build`));
    const blamed = vscode.languages.getDiagnostics(dockerfile).filter(d => d.source === 'layerwise-build');
    assert.deepStrictEqual(blamed.map(d => `${d.range.start.line}: ${d.message}`), [], 'a line was blamed for the daemon stopping');
  });
});

function commandLines(): string[] {
  const out: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try { out.push(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')); } catch { /* gone */ }
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
