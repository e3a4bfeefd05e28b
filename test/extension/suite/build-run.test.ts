// Build, Run and Build and Run inside the real extension host against the real Docker
// engine (scripts/docker-engine.sh --python). The commands take a second argument of
// scripted answers (the same questions people see as quick inputs; the browser check
// types into those). Fails, never skips, when no engine answers.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'build');
const PREFIX = 'layerwise-ext-';

interface Outcome {
  mode: string;
  cancelled?: boolean;
  asked?: { id: string; kind: string; prompt: string; secret: boolean; default: unknown; items?: { id: string; label: string; description?: string; detail?: string }[] }[];
  build?: { exitCode: number | null; cancelled: boolean; image: string; builder: string; steps: string[]; failure?: { line?: number; message: string } };
  run?: { exitCode: number | null; cancelled: boolean; containerName: string; lastLines: string[]; args: string[] };
  problem?: { kind: string; message: string; exitCode?: number };
  terminalName?: string;
}

interface BuildInfo {
  logUri: string;
  storageUri?: string;
  globalStorageUri: string;
  workspaceState: Record<string, unknown>;
  transcripts: string[];
}

function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host opened no workspace folder');
  return folder.uri.fsPath;
}

/** The fixtures are copied into the test workspace, which is a throw-away copy itself. */
function fixture(name: string): string {
  const target = path.join(workspaceDir(), 'build-fixtures', name);
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

function run(command: string, dockerfile: string, answers: Record<string, unknown>, choices?: Record<string, string>): Promise<Outcome> {
  return vscode.commands.executeCommand<Outcome>(command, vscode.Uri.file(dockerfile), { answers, choices }) as Promise<Outcome>;
}

async function info(): Promise<BuildInfo> {
  const i = await vscode.commands.executeCommand<BuildInfo>('layerwise.test.buildInfo');
  assert.ok(i, 'layerwise.test.buildInfo is only registered in extension test mode');
  return i;
}

function lastTranscript(i: BuildInfo): string {
  return i.transcripts[i.transcripts.length - 1] ?? '';
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

/** Every file under `dir` (bounded) whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const bytes = Buffer.from(needle);
  const walk = (d: string, depth: number) => {
    if (depth > 12) return;
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile()) {
        try {
          if (fs.statSync(p).size < 50 * 1024 * 1024 && fs.readFileSync(p).includes(bytes)) hits.push(p);
        } catch { /* vanished */ }
      }
    }
  };
  walk(dir, 0);
  return hits;
}

/** A Docker CLI 23+ without the buildx plugin: it fails as soon as BuildKit is asked for. */
function isNewCliWithoutBuildx(cli: string): boolean {
  if (!fs.existsSync(cli)) return false;
  const major = Number(execFileSync(cli, ['version', '--format', '{{.Client.Version}}'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('.')[0]);
  try { execFileSync(cli, ['buildx', 'version'], { stdio: 'ignore' }); return false; } catch { return major >= 23; }
}

async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}

suite('build and run against the real Docker engine', function () {
  this.timeout(180_000);

  suiteSetup(async () => {
    try { docker(['version', '--format', '{{.Server.Version}}']); } catch (e) {
      throw new Error(`no Docker engine answers (run scripts/docker-engine.sh --python): ${(e as Error).message}`);
    }
    for (const image of ['busybox:local', 'python:3.11-slim']) {
      try { docker(['image', 'inspect', image]); } catch { throw new Error(`${image} is missing: run scripts/docker-engine.sh --python`); }
    }
    const ext = vscode.extensions.getExtension('layerwise.layerwise');
    assert.ok(ext);
    await ext.activate();
  });

  suiteTeardown(async () => {
    await setUserSetting('layerwise.docker.path', undefined);
    await setUserSetting('layerwise.docker.buildkit', undefined);
    const tags = docker(['images', '--format', '{{.Repository}}:{{.Tag}}']).split('\n').filter(t => t.startsWith(PREFIX));
    if (tags.length) try { docker(['rmi', '--force', ...tags]); } catch { /* in use */ }
  });

  test('Build Image builds the tag, streams the steps and reports success', async () => {
    const dir = fixture('hello');
    const outcome = await run('layerwise.buildImage', path.join(dir, 'Dockerfile'), { tag: `${PREFIX}hello:1`, 'arg:GREETING': 'Hi there' });
    assert.strictEqual(outcome.problem, undefined, JSON.stringify(outcome.problem));
    assert.strictEqual(outcome.build?.exitCode, 0);
    assert.deepStrictEqual(outcome.asked?.map(a => a.id), ['tag', 'arg:GREETING']);
    assert.ok(outcome.build!.steps.length >= 3, `steps: ${outcome.build!.steps.join(', ')}`);
    assert.match(outcome.build!.steps[0], /^(Step 1\/\d+|\[1\/\d+\])$/);
    assert.match(docker(['image', 'inspect', '--format', '{{json .Config.Env}}', `${PREFIX}hello:1`]), /GREETING=Hi there/);
    const i = await info();
    assert.match(lastTranscript(i), new RegExp(`Built ${PREFIX}hello:1 in`));
    assert.ok(vscode.window.terminals.some(t => t.name === outcome.terminalName), 'the output is in a terminal');
  });

  test('Run Image asks for the variables the image needs, runs it and shows its output', async () => {
    const dir = fixture('hello');
    const outcome = await run('layerwise.runImage', path.join(dir, 'Dockerfile'), {
      tag: `${PREFIX}hello:1`, 'env:TARGET_NAME': 'Ada "the" $Lovelace', 'env:MODE': '--fast',
    });
    assert.strictEqual(outcome.problem, undefined, JSON.stringify(outcome.problem));
    assert.strictEqual(outcome.run?.exitCode, 0);
    const select = outcome.asked!.find(a => a.id === 'envSelect')!;
    const target = select.items!.find(i => i.id === 'env:TARGET_NAME')!;
    assert.strictEqual(target.description, 'required');
    assert.match(target.detail!, /Dockerfile:5 ENV TARGET_NAME has no value; app\.sh:2 \$\{X:\?\} without a default/);
    assert.ok(outcome.asked!.some(a => a.id === 'port:18080/tcp' && a.default === '18080:18080'), 'EXPOSE 18080 is suggested as -p 18080:18080');
    assert.ok(outcome.run!.args.includes('--publish=18080:18080'));
    assert.ok(outcome.run!.args.includes('--env=TARGET_NAME') && !outcome.run!.args.some(a => a.includes('Lovelace')));
    const text = lastTranscript(await info());
    assert.match(text, /Hi there, Ada "the" \$Lovelace!/);
    assert.match(text, /mode: --fast/);
  });

  test('Run Image: a container that exits non-zero is reported with its exit code and last lines', async () => {
    const dir = fixture('hello');
    const outcome = await run('layerwise.runImage', path.join(dir, 'Dockerfile'), { tag: `${PREFIX}hello:1`, 'env:TARGET_NAME': 'x', 'env:CODE': '3', 'port:18080/tcp': '' });
    assert.strictEqual(outcome.run?.exitCode, 3);
    assert.strictEqual(outcome.problem?.kind, 'container-failed');
    // MODE is remembered from the previous run (non-secret values are kept per Dockerfile).
    assert.match(outcome.problem!.message, /exited with code 3\. Last output:\nHi there, x!\nmode: --fast/);
  });

  test('Cancel (Ctrl+C in the terminal) stops the running container', async () => {
    const dir = fixture('hello');
    const pending = run('layerwise.runImage', path.join(dir, 'Dockerfile'), { tag: `${PREFIX}hello:1`, 'env:TARGET_NAME': 'x', 'env:SLEEP': '300', 'port:18080/tcp': '' });
    const name = await waitFor('the container to start', () => {
      const names = docker(['ps', '--format', '{{.Names}}']).split('\n').filter(n => n.startsWith('layerwise-ext-hello-'));
      return names[0];
    });
    const terminal = await waitFor('the terminal', () => vscode.window.terminals.filter(t => t.name === `Layerwise: ${PREFIX}hello:1`).pop());
    terminal.sendText('\x03', false);
    const outcome = await pending;
    assert.strictEqual(outcome.cancelled, true);
    assert.strictEqual(docker(['ps', '-a', '--filter', `name=${name}`, '--format', '{{.Names}}']).trim(), '');
  });

  test('a failing RUN puts a layerwise-build diagnostic on its line; the next good build clears it', async () => {
    const dir = fixture('failing');
    const dockerfile = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    const outcome = await run('layerwise.buildImage', dockerfile.fsPath, { tag: `${PREFIX}failing:1` });
    assert.strictEqual(outcome.problem?.kind, 'build-failed', JSON.stringify(outcome.problem));
    assert.match(outcome.problem!.message, /failed at line 3 .*(returned a non-zero code: 1|exit code: 1)/);
    const diags = vscode.languages.getDiagnostics(dockerfile).filter(d => d.source === 'layerwise-build');
    assert.strictEqual(diags.length, 1);
    assert.strictEqual(diags[0].range.start.line, 2);
    assert.strictEqual(diags[0].range.end.line, 3);
    assert.strictEqual(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(diags[0].message, /The build failed here: .*1/);
    fs.copyFileSync(path.join(dir, 'fixed-Dockerfile.txt'), dockerfile.fsPath);
    const fixed = await run('layerwise.buildImage', dockerfile.fsPath, { tag: `${PREFIX}failing:1` });
    assert.strictEqual(fixed.build?.exitCode, 0);
    assert.strictEqual(vscode.languages.getDiagnostics(dockerfile).filter(d => d.source === 'layerwise-build').length, 0);
  });

  suite('the seeds’ Failing Container exercise', () => {
    const secret = `sk-layerwise-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    let dockerfile: string;

    suiteSetup(() => { dockerfile = path.join(fixture('seed-app'), 'Dockerfile'); });

    test('Build and Run finds MODEL_API_KEY in main.py and asks for it, masked', async () => {
      const outcome = await run('layerwise.buildAndRun', dockerfile, { tag: `${PREFIX}secure-ai-app:v1`, 'env:MODEL_API_KEY': '' });
      const asked = outcome.asked!.find(a => a.id === 'env:MODEL_API_KEY');
      assert.ok(asked, `asked: ${outcome.asked!.map(a => a.id).join(', ')}`);
      assert.strictEqual(asked.secret, true);
      assert.match(asked.prompt, /MODEL_API_KEY \(required, secret.*main\.py:12 os\.environ\.get without a default/);
      // Left empty: the container refuses to start, and the user is told the exit code and why.
      assert.strictEqual(outcome.build?.exitCode, 0);
      assert.strictEqual(outcome.run?.exitCode, 1);
      assert.strictEqual(outcome.problem?.kind, 'container-failed');
      assert.match(outcome.problem!.message, /exited with code 1\. Last output:\nCRITICAL ERROR: 'MODEL_API_KEY' environment variable not set\./);
      assert.match(lastTranscript(await info()), /CRITICAL ERROR: 'MODEL_API_KEY' environment variable not set\./);
    });

    test('given a value, the container prints its success line', async () => {
      const outcome = await run('layerwise.buildAndRun', dockerfile, { tag: `${PREFIX}secure-ai-app:v1`, 'env:MODEL_API_KEY': secret, hardening: ['readOnly', 'capDropAll', 'noNewPrivileges', 'memory', 'cpus'] });
      assert.strictEqual(outcome.problem, undefined, JSON.stringify(outcome.problem));
      assert.strictEqual(outcome.run?.exitCode, 0);
      assert.ok(outcome.run!.args.includes('--read-only') && outcome.run!.args.includes('--cap-drop=ALL'));
      assert.match(lastTranscript(await info()), /SUCCESS: Model_V1 is running on secure port\./);
    });

    test('the value is kept in secret storage and offered next time', async () => {
      const outcome = await run('layerwise.runImage', dockerfile, { tag: `${PREFIX}secure-ai-app:v1` });
      assert.strictEqual(outcome.run?.exitCode, 0, JSON.stringify(outcome.problem));
    });

    test('the value appears in no log, output channel, settings file, workspace state or terminal command line', async () => {
      const i = await info();
      // The command lines shown in the terminal name the variable but never carry its value.
      const transcripts = i.transcripts.join('\n');
      assert.match(transcripts, /--env=MODEL_API_KEY/);
      assert.ok(!transcripts.split('\n').some(l => l.startsWith('$') && l.includes(secret)), 'a command line in a terminal shows the value');
      assert.ok(!transcripts.includes(secret), 'the value was written to a terminal');
      assert.ok(!JSON.stringify(i.workspaceState).includes(secret), 'the value is in workspace state');
      for (const t of vscode.window.terminals) assert.ok(!JSON.stringify(t.creationOptions ?? {}).includes(secret));
      // Logs (the Layerwise output channel included), settings and storage of this VS Code.
      const userData = path.resolve(i.globalStorageUri, '..', '..', '..');
      const logs = i.logUri.slice(0, i.logUri.lastIndexOf(`${path.sep}logs${path.sep}`) + 5);
      assert.ok(fs.existsSync(path.join(userData, 'User')), `user data dir: ${userData}`);
      const outputLogs = filesContaining(logs, '--env=MODEL_API_KEY');
      assert.ok(outputLogs.length > 0, `the output channel log was not found under ${logs}, so the search would prove nothing`);
      const places = [logs, path.join(userData, 'User'), path.join(workspaceDir(), '.vscode'), ...(i.storageUri ? [path.dirname(i.storageUri)] : [])];
      for (const place of places) assert.deepStrictEqual(filesContaining(place, secret), [], `the value was found under ${place}`);
      for (const history of ['.bash_history', '.zsh_history', '.local/share/fish/fish_history']) {
        const file = path.join(os.homedir(), history);
        if (fs.existsSync(file)) assert.ok(!fs.readFileSync(file, 'utf8').includes(secret), `${file} holds the value`);
      }
    });

    test('Forget Stored Build and Run Values removes it: the next run is asked again and fails without it', async () => {
      const count = await vscode.commands.executeCommand<number>('layerwise.forgetStoredValues', { all: true });
      assert.ok(count && count >= 2, `forgot ${count}`);
      const i = await info();
      assert.deepStrictEqual(Object.keys(i.workspaceState).filter(k => k.startsWith('layerwise.build/')).filter(k => i.workspaceState[k] !== undefined), []);
      const outcome = await run('layerwise.runImage', dockerfile, { tag: `${PREFIX}secure-ai-app:v1` });
      assert.strictEqual(outcome.run?.exitCode, 1);
    });
  });

  test('the build context defaults to the Dockerfile’s folder; the layerwise.docker.buildContext setting overrides it', async () => {
    // docker/Dockerfile copies app.sh, which only the app/ folder holds.
    const root = path.join(workspaceDir(), 'build-fixtures', 'split');
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(path.join(root, 'docker'), { recursive: true });
    fs.cpSync(path.join(FIXTURES, 'hello'), path.join(root, 'app'), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'hello', 'Dockerfile'), path.join(root, 'docker', 'Dockerfile'));
    const dockerfile = path.join(root, 'docker', 'Dockerfile');
    const alone = await run('layerwise.buildImage', dockerfile, { tag: `${PREFIX}split:1` });
    assert.notStrictEqual(alone.build?.exitCode, 0, 'the Dockerfile’s own folder has no app.sh');
    const config = vscode.workspace.getConfiguration('layerwise.docker');
    await config.update('buildContext', '${workspaceFolder}/build-fixtures/split/app', vscode.ConfigurationTarget.Workspace);
    try {
      const withSetting = await run('layerwise.buildImage', dockerfile, { tag: `${PREFIX}split:1` });
      assert.strictEqual(withSetting.build?.exitCode, 0, JSON.stringify(withSetting.problem));
    } finally {
      await config.update('buildContext', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a workspace cannot choose the docker program: layerwise.docker.path in .vscode/settings.json is ignored', async () => {
    const settings = path.join(workspaceDir(), '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    const before = fs.existsSync(settings) ? fs.readFileSync(settings, 'utf8') : undefined;
    fs.writeFileSync(settings, JSON.stringify({ 'layerwise.docker.path': '/bin/false' }));
    try {
      // Give VS Code time to read the changed settings file.
      await new Promise(r => setTimeout(r, 1500));
      const dir = fixture('hello');
      const outcome = await run('layerwise.buildImage', path.join(dir, 'Dockerfile'), { tag: `${PREFIX}hello:2` });
      assert.strictEqual(outcome.build?.exitCode, 0, JSON.stringify(outcome.problem));
    } finally {
      if (before === undefined) fs.rmSync(settings); else fs.writeFileSync(settings, before);
    }
    const pkg = vscode.extensions.getExtension('layerwise.layerwise')!.packageJSON;
    assert.strictEqual(pkg.contributes.configuration.properties['layerwise.docker.path'].scope, 'machine');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('layerwise.docker.path'));
    for (const c of ['layerwise.buildImage', 'layerwise.runImage', 'layerwise.buildAndRun']) {
      assert.strictEqual(pkg.contributes.commands.find((x: { command: string }) => x.command === c).enablement, 'isWorkspaceTrusted');
    }
  });

  test('BuildKit enabled without buildx: the user is offered the classic builder, which then builds', async () => {
    const newCli = ['/usr/local/bin/docker', '/usr/bin/docker'].find(isNewCliWithoutBuildx);
    assert.ok(newCli, 'this check needs a Docker CLI 23+ without buildx (the machine has /usr/local/bin/docker 28)');
    await setUserSetting('layerwise.docker.path', newCli);
    await setUserSetting('layerwise.docker.buildkit', 'on');
    try {
      const dir = fixture('hello');
      const outcome = await run('layerwise.buildImage', path.join(dir, 'Dockerfile'), { tag: `${PREFIX}hello:3` }, { retryClassic: 'Retry with the classic builder' });
      assert.strictEqual(outcome.problem, undefined, JSON.stringify(outcome.problem));
      assert.strictEqual(outcome.build?.builder, 'classic');
      assert.strictEqual(outcome.build?.exitCode, 0);
      assert.match(lastTranscript(await info()), /BuildKit is enabled but the buildx component is missing/);
    } finally {
      await setUserSetting('layerwise.docker.buildkit', undefined);
      await setUserSetting('layerwise.docker.path', undefined);
    }
  });

  test('with Debian’s 20.10 CLI, auto mode builds with BuildKit', async () => {
    assert.ok(fs.existsSync('/usr/bin/docker'));
    await setUserSetting('layerwise.docker.path', '/usr/bin/docker');
    try {
      const outcome = await run('layerwise.buildImage', path.join(fixture('hello'), 'Dockerfile'), { tag: `${PREFIX}hello:4` });
      assert.strictEqual(outcome.build?.builder, 'buildkit');
      assert.strictEqual(outcome.build?.exitCode, 0, JSON.stringify(outcome.problem));
      assert.ok(outcome.build!.steps.some(s => /^\[\d+\/\d+\]$/.test(s)), outcome.build!.steps.join(', '));
    } finally {
      await setUserSetting('layerwise.docker.path', undefined);
    }
  });

  test('no Docker CLI, and a daemon that does not answer, give clear errors', async () => {
    await setUserSetting('layerwise.docker.path', '/nonexistent/docker');
    try {
      const outcome = await run('layerwise.buildImage', path.join(fixture('hello'), 'Dockerfile'), {});
      assert.strictEqual(outcome.problem?.kind, 'cli-missing');
      assert.match(outcome.problem!.message, /Docker CLI was not found at "\/nonexistent\/docker".*layerwise\.docker\.path/);
    } finally {
      await setUserSetting('layerwise.docker.path', undefined);
    }
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'unix:///tmp/layerwise-no-daemon.sock';
    try {
      const outcome = await run('layerwise.buildImage', path.join(fixture('hello'), 'Dockerfile'), {});
      assert.strictEqual(outcome.problem?.kind, 'daemon-unreachable');
      assert.match(outcome.problem!.message, /not running or cannot be reached at unix:\/\/\/tmp\/layerwise-no-daemon\.sock\. Start it with/);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST; else process.env.DOCKER_HOST = saved;
    }
  });

  test('the layerwise task type builds and runs from tasks.json-style definitions', async () => {
    // Values remembered by the runs above (SLEEP, CODE) would apply to the task too.
    await vscode.commands.executeCommand('layerwise.forgetStoredValues', { all: true });
    const dir = fixture('hello');
    const rel = path.relative(workspaceDir(), path.join(dir, 'Dockerfile'));
    const provided = await vscode.tasks.fetchTasks({ type: 'layerwise' });
    assert.ok(provided.some(t => t.definition.command === 'buildAndRun' && t.definition.dockerfile === rel), provided.map(t => t.name).join(', '));
    // A tasks.json entry, resolved by the provider exactly as a user's would be.
    const tasksJson = path.join(workspaceDir(), '.vscode', 'tasks.json');
    fs.mkdirSync(path.dirname(tasksJson), { recursive: true });
    fs.writeFileSync(tasksJson, JSON.stringify({
      version: '2.0.0',
      tasks: [{ label: 'hello from tasks.json', type: 'layerwise', command: 'buildAndRun', dockerfile: rel, tag: `${PREFIX}task:1`, env: { TARGET_NAME: 'from a task' }, ports: { '18080/tcp': '' } }],
    }, null, 2));
    const task = await waitFor('the tasks.json task', async () => (await vscode.tasks.fetchTasks()).find(t => t.name === 'hello from tasks.json'));
    const ended = new Promise<number | undefined>(resolve => {
      const sub = vscode.tasks.onDidEndTaskProcess(e => { if (e.execution.task.name === task.name) { sub.dispose(); resolve(e.exitCode); } });
    });
    await vscode.tasks.executeTask(task);
    assert.strictEqual(await ended, 0);
    const text = (await info()).transcripts.find(t => t.includes('from a task'));
    assert.ok(text && /Hi there, from a task!|hello, from a task!/.test(text), 'the task terminal shows the container output');
  });
});
