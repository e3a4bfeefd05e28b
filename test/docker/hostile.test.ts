/**
 * Hostile builds and runs through the extension's own modules against the real engine:
 * paths and values built to break quoting, secrets looked for everywhere they could leak,
 * a daemon that stops mid-build (a private dockerd, never the shared one) and Cancel.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PlanError, buildInvocation, displayCommand, runInvocation, type Builder, type BuildPlan, type RunPlan } from '../../client/src/build/argv';
import { DockerProcess, buildKitSupport, dockerVersion, explainBuildFailure, type DockerProcessResult } from '../../client/src/build/docker';
import { unfinishedBuildContainers } from '../../client/src/build/build-output';
import type { ProblemContext } from '../../client/src/build/problems';
import { DOCKER, docker, dockerClients, processCommandLines, removeImages, requireEngine, sleep, tempDir, write } from './helpers';
import { PrivateDaemon, until } from './private-daemon';

const PREFIX = 'layerwise-hostile-';
const dirs: string[] = [];
const plan = (over: Partial<BuildPlan> & Pick<BuildPlan, 'dockerfile' | 'contextDir' | 'tag'>): BuildPlan => ({ buildArgs: [], buildSecrets: [], builder: 'classic', ...over });
const runPlan = (over: Partial<RunPlan> & Pick<RunPlan, 'image'>): RunPlan => ({ containerName: `${PREFIX}${process.pid}-${randomBytes(3).toString('hex')}`, env: [], envFiles: [], ports: [], remove: true, ...over });

/** Every way a value can be misread by a shell, an option parser or a KEY=VALUE splitter. */
const VALUES = [
  'two words', `it's "quoted"`, '$HOME ${PATH} $(id) `id`', 'line one\nline two\n', '--privileged', '-e',
  'a=b=c', '=leading', 'trailing\\', '  spaced  ', 'tab\tchar', 'crlf\r\nline', 'üñí €', '',
];
/** Folder and file names with the same hazards (a newline included) and a leading dash. */
const NASTY_DIR = `-ctx 'single' "double" $HOME\nsecond line`;
const NASTY_FILE = `-Docker 'file' "x" $y\nz`;

before(async () => { await requireEngine(); });
after(() => {
  dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true }));
  removeImages(PREFIX);
});

function context(files: Record<string, string>): string {
  const dir = tempDir('lw-hostile-');
  dirs.push(dir);
  write(dir, files);
  return dir;
}

/** The CLI that can use the builder here: BuildKit needs buildx or a CLI before 23.0. */
async function cliFor(builder: Builder): Promise<string> {
  if (builder === 'classic') return DOCKER;
  for (const cli of dockerClients()) {
    if ((await buildKitSupport(cli, (await dockerVersion(cli)).client)).available) return cli;
  }
  throw new Error('no Docker CLI here can build with BuildKit (needs buildx, or a CLI before 23.0)');
}

async function run(invocation: ReturnType<typeof buildInvocation>, dockerPath = DOCKER, baseEnv?: NodeJS.ProcessEnv): Promise<DockerProcessResult & { text: string }> {
  const r = await new DockerProcess({ dockerPath, invocation, baseEnv }).done;
  return { ...r, text: r.lines.map(l => l.text).join('\n') };
}

/** NUL-separated values a container printed through base64 (so every byte survives the pipe). */
function decodeValues(output: string, count: number): string[] {
  const b64 = output.split('\n').filter(l => /^[A-Za-z0-9+/=]+$/.test(l)).join('');
  return Buffer.from(b64, 'base64').toString('utf8').split('\0').slice(0, count);
}

function imageExists(tag: string, env?: NodeJS.ProcessEnv): boolean {
  try {
    execFileSync(DOCKER, ['image', 'inspect', tag], { stdio: 'ignore', env: env ?? process.env });
    return true;
  } catch {
    return false;
  }
}

function layerwiseEnvDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter(f => f.startsWith('layerwise-env-'));
}

/** Pids whose process group is `pgid` (Linux /proc). */
function processGroup(pgid: number): number[] {
  const found: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command (which may contain spaces and parentheses): state, ppid, pgrp.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') found.push(Number(pid));
    } catch { /* gone */ }
  }
  return found;
}

/** Running: it exists and is not a zombie waiting for its parent to collect it. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('hostile paths', () => {
  for (const builder of ['classic', 'buildkit'] as const) {
    it(`a context folder and Dockerfile named with spaces, quotes, $, a newline and a leading dash (${builder})`, { timeout: 120_000 }, async () => {
      const cli = await cliFor(builder);
      const root = context({});
      const ctx = path.join(root, NASTY_DIR);
      write(ctx, { [NASTY_FILE]: 'FROM busybox:local\nCOPY hello.txt /hello.txt\nCMD ["cat", "/hello.txt"]\n', 'hello.txt': 'hello from a hostile folder\n' });
      const tag = `${PREFIX}paths-${builder}:1`;
      const b = await run(buildInvocation(plan({ dockerfile: path.join(ctx, NASTY_FILE), contextDir: ctx, tag, builder })), cli);
      assert.equal(b.exitCode, 0, b.text);
      const r = await run(runInvocation(runPlan({ image: tag })));
      assert.equal(r.exitCode, 0, r.text);
      assert.equal(r.text, 'hello from a hostile folder');
    });
  }
});

describe('hostile values', () => {
  for (const builder of ['classic', 'buildkit'] as const) {
    it(`build args with quotes, $, =, line breaks, leading dashes and empty values reach RUN byte for byte (${builder})`, { timeout: 120_000 }, async () => {
      const cli = await cliFor(builder);
      const names = VALUES.map((_, i) => `A${i}`);
      const dir = context({
        Dockerfile: `FROM busybox:local\n${names.map(n => `ARG ${n}`).join('\n')}\nRUN printf '%s\\0' ${names.map(n => `"$${n}"`).join(' ')} > /values\nCMD ["base64", "/values"]\n`,
      });
      const tag = `${PREFIX}args-${builder}:1`;
      const inv = buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag, builder, buildArgs: VALUES.map((value, i) => ({ name: names[i], value })) }));
      assert.ok(inv.args.every(a => !VALUES.some(v => v.length > 2 && a.includes(v))), `a value is on the command line: ${displayCommand('docker', inv.args)}`);
      const b = await run(inv, cli);
      assert.equal(b.exitCode, 0, b.text);
      const r = await run(runInvocation(runPlan({ image: tag })));
      assert.equal(r.exitCode, 0, r.text);
      assert.deepEqual(decodeValues(r.text, VALUES.length), VALUES);
    });
  }

  it('container variables, plain and secret, and ones whose names the CLI reads itself, arrive byte for byte', { timeout: 120_000 }, async () => {
    const names = VALUES.map((_, i) => `V_${i}`);
    const dir = context({ Dockerfile: 'FROM busybox:local\nCOPY print.sh /print.sh\nENTRYPOINT ["sh", "/print.sh"]\n', 'print.sh': `printf '%s\\0' ${[...names, 'HTTP_PROXY', 'DOCKER_V_TOKEN'].map(n => `"$${n}"`).join(' ')} | base64\n` });
    const image = `${PREFIX}env:1`;
    const b = await run(buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag: image })));
    assert.equal(b.exitCode, 0, b.text);
    const env = VALUES.map((value, i) => ({ name: names[i], value, secret: i % 2 === 1 }));
    // HTTP_PROXY would redirect the CLI: a plain value goes inline; DOCKER_* secret goes through the private env file.
    env.push({ name: 'HTTP_PROXY', value: 'http://proxy:3128/ $x "y"\nnext', secret: false }, { name: 'DOCKER_V_TOKEN', value: `tok=en "q" 'x' $y`, secret: true });
    const envDirsBefore = layerwiseEnvDirs();
    const r = await run(runInvocation(runPlan({ image, env })));
    assert.equal(r.exitCode, 0, r.text);
    assert.deepEqual(decodeValues(r.text, env.length), env.map(e => e.value));
    assert.deepEqual(layerwiseEnvDirs(), envDirsBefore, 'the private env file is removed');
    // An env file cannot carry a line break: said before anything runs, not silently cut.
    assert.throws(() => runInvocation(runPlan({ image, env: [{ name: 'DOCKER_V_TOKEN', value: 'a\nb', secret: true }] })), (e: Error) => e instanceof PlanError && /env files cannot hold line breaks/.test(e.message));
  });
});

describe('secrets', () => {
  it('a build secret reaches RUN and appears in no argv, output, history or image inspect, while running or after', { timeout: 120_000 }, async () => {
    const cli = await cliFor('buildkit');
    const token = randomBytes(12).toString('hex');
    const secret = `sk-${token} "quoted" 'single' $HOME\nsecond=line`;
    const dir = context({ Dockerfile: 'FROM busybox:local\nRUN --mount=type=secret,id=api_token,required=true wc -c < /run/secrets/api_token > /len && echo mounted && sleep 2\nCMD ["cat", "/len"]\n' });
    const tag = `${PREFIX}secret:1`;
    const inv = buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag, builder: 'buildkit', noCache: true, buildSecrets: [{ id: 'api_token', value: secret }] }));
    const p = new DockerProcess({ dockerPath: cli, invocation: inv });
    const argvSeen: string[] = [];
    let leakedIn: string | undefined;
    while (alive(p.pid!)) {
      try { argvSeen.push(fs.readFileSync(`/proc/${p.pid}/cmdline`, 'utf8')); } catch { /* exited */ }
      leakedIn ??= processCommandLines().find(c => c.includes(token));
      await sleep(100);
    }
    const r = await p.done;
    const text = r.lines.map(l => l.text).join('\n');
    assert.equal(r.exitCode, 0, text);
    assert.ok(argvSeen.some(a => a.includes('--secret=id=api_token,env=')), `the spawned docker's argv was read while it ran: ${argvSeen.length} samples`);
    assert.ok(argvSeen.every(a => !a.includes(token)), 'the secret is in the docker process argv');
    assert.equal(leakedIn, undefined, 'the secret showed up in a process command line');
    // What the terminal shows: the command line we print and docker's own output.
    assert.ok(!displayCommand(path.basename(cli), inv.args).includes(token));
    assert.ok(!text.includes(token), 'the secret is in the build output');
    assert.ok(!docker(['history', '--no-trunc', tag]).includes(token), 'the secret is in docker history');
    assert.ok(!docker(['image', 'inspect', tag]).includes(token), 'the secret is in docker image inspect');
    const len = await run(runInvocation(runPlan({ image: tag })));
    assert.equal(len.text.trim(), String(Buffer.byteLength(secret)), 'and yet RUN read all of it');
  });

  it('a build that fails with a secret mounted leaves no image, no env file and no trace of the secret', { timeout: 120_000 }, async () => {
    const cli = await cliFor('buildkit');
    const token = randomBytes(12).toString('hex');
    const dir = context({ Dockerfile: 'FROM busybox:local\nRUN --mount=type=secret,id=api_token test -s /run/secrets/api_token && echo failing on purpose && exit 7\n' });
    const tag = `${PREFIX}secret-fail:1`;
    const envDirsBefore = layerwiseEnvDirs();
    const r = await run(buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag, builder: 'buildkit', noCache: true, buildSecrets: [{ id: 'api_token', value: `tok-${token}` }] })), cli);
    assert.notEqual(r.exitCode, 0, r.text);
    assert.match(r.text, /failing on purpose/);
    assert.ok(!r.text.includes(token));
    assert.equal(imageExists(tag), false, 'a failed build tags nothing');
    assert.deepEqual(layerwiseEnvDirs(), envDirsBefore);
    // The daemon is fine: this is the Dockerfile's failure, to be shown on its line.
    assert.equal(await explainBuildFailure(r, { phase: 'build', platform: process.platform, dockerPath: cli }, cli), undefined);
  });
});

describe('a daemon that stops mid-build', () => {
  let daemon: PrivateDaemon;
  before(async () => {
    assert.equal(process.getuid?.(), 0, 'starting a private dockerd needs root');
    daemon = new PrivateDaemon(DOCKER);
    await daemon.start();
    daemon.loadImage('busybox:local');
  });
  after(async () => { await daemon?.destroy(); });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`${signal === 'SIGTERM' ? 'stopped (SIGTERM, as systemctl stop does)' : 'killed (SIGKILL)'}: a clear error, no step blamed, nothing tagged`, { timeout: 180_000 }, async () => {
      const marker = `stop-${signal}-${randomBytes(3).toString('hex')}`;
      const dir = context({ Dockerfile: `FROM busybox:local\nRUN echo first\nRUN echo ${marker} && sleep 120\nRUN echo never\n` });
      const tag = `${PREFIX}daemon-${signal.toLowerCase()}:1`;
      let sawStart!: () => void;
      const started = new Promise<void>(r => { sawStart = r; });
      const p = new DockerProcess({
        dockerPath: DOCKER, baseEnv: daemon.env,
        invocation: buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag, noCache: true })),
        onLine: l => { if (l.text === marker) sawStart(); },
      });
      await Promise.race([started, p.done.then(r => { throw new Error(`the build ended early: ${r.lines.map(l => l.text).join('\n')}`); })]);
      const t0 = Date.now();
      await daemon.kill(signal);
      const r = await Promise.race([p.done, sleep(60_000).then(() => { throw new Error('the CLI hangs after the daemon went away'); })]);
      const text = r.lines.map(l => l.text).join('\n');
      assert.ok(Date.now() - t0 < 30_000, `the CLI took ${Date.now() - t0} ms to notice`);
      assert.notEqual(r.exitCode, 0, text);
      assert.equal(r.cancelled, false);
      const ctx: ProblemContext = { phase: 'build', platform: process.platform, dockerPath: DOCKER, dockerHost: daemon.host };
      const problem = await explainBuildFailure(r, ctx, DOCKER, daemon.env);
      assert.equal(problem?.kind, 'daemon-stopped', `${JSON.stringify(problem)}\n${text}`);
      assert.match(problem!.message, /stopped during the build, so the build did not finish and no image was tagged/);
      // A daemon that shuts down cleanly removes the step's container itself; one that dies cannot, and the message says which.
      const unfinished = unfinishedBuildContainers(r.lines);
      assert.equal(unfinished.length, signal === 'SIGKILL' ? 1 : 0, text);
      for (const id of unfinished) assert.ok(problem!.message.includes(`docker rm ${id}`), problem!.message);

      // Back up: nothing was tagged, and whatever is left is what the message named.
      await daemon.start();
      assert.equal(imageExists(tag, daemon.env), false, 'a half-finished build tagged an image');
      const left = execFileSync(DOCKER, ['ps', '-a', '--format', '{{.ID}} {{.Command}}', '--no-trunc'], { env: daemon.env, encoding: 'utf8' })
        .split('\n').filter(l => l.includes(marker)).map(l => l.split(' ')[0]);
      for (const id of left) assert.ok(problem!.message.includes(id.slice(0, 12)), `container ${id} is left and the message does not say so: ${problem!.message}`);
      if (signal === 'SIGTERM') assert.deepEqual(left, [], 'a daemon that shuts down cleanly leaves no build container');
      if (left.length) execFileSync(DOCKER, ['rm', '--force', ...left], { env: daemon.env, stdio: 'ignore' });
    });
  }
});

describe('Cancel during a build', () => {
  for (const builder of ['classic', 'buildkit'] as const) {
    it(`kills the whole process tree, including a docker the program started itself, and tags nothing (${builder})`, { timeout: 120_000 }, async () => {
      const cli = await cliFor(builder);
      // A docker that runs the real CLI as its child, as CLI plugins (buildx, compose) are run.
      const bin = context({});
      const wrapper = path.join(bin, 'docker');
      const childPidFile = path.join(bin, 'child.pid');
      fs.writeFileSync(wrapper, `#!/bin/sh\n"$LW_REAL_DOCKER" "$@" &\necho $! > "$LW_CHILD_PID"\nwait $!\n`, { mode: 0o755 });
      const marker = `${300 + Math.floor(Math.random() * 1000)}.${process.pid % 997}`;
      const dir = context({ Dockerfile: `FROM busybox:local\nRUN echo started && sleep ${marker}\n` });
      const tag = `${PREFIX}cancel-${builder}:1`;
      let sawStart!: () => void;
      const started = new Promise<void>(r => { sawStart = r; });
      const p = new DockerProcess({
        dockerPath: wrapper, baseEnv: { ...process.env, LW_REAL_DOCKER: cli, LW_CHILD_PID: childPidFile },
        invocation: buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag, builder, noCache: true })),
        onLine: l => { if (/(^|\s)started$/.test(l.text)) sawStart(); },
      });
      let r: DockerProcessResult;
      try {
        await Promise.race([started, p.done.then(x => { throw new Error(`the build ended early: ${x.lines.map(l => l.text).join('\n')}`); })]);
        await until('the RUN to be running', () => processCommandLines().some(c => c.includes(`sleep ${marker}`)), 10_000);
        assert.ok(processGroup(p.pid!).length >= 2, 'the wrapper and the real CLI share the group');
      } finally {
        await p.cancel();
        r = await p.done;
      }
      assert.equal(r.cancelled, true);
      const grandchild = Number(fs.readFileSync(childPidFile, 'utf8'));
      await until('the process group to be empty', () => processGroup(p.pid!).length === 0, 10_000);
      assert.equal(alive(grandchild), false, 'the docker started by the wrapper is still running');
      // The daemon tears down the build step shortly after its client goes.
      await until('the RUN and its container to be gone', () =>
        !processCommandLines().some(c => c.includes(`sleep ${marker}`))
        && !docker(['ps', '-a', '--no-trunc', '--format', '{{.Command}}']).includes(marker), 30_000);
      assert.equal(imageExists(tag), false, 'a cancelled build tagged an image');
    });
  }
});
