/**
 * Build and run through the extension's own modules (argv.ts, docker.ts, build-output.ts,
 * problems.ts) against the real engine and both Docker CLIs found on PATH.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildInvocation, runInvocation, type BuildPlan, type RunPlan } from '../../client/src/build/argv';
import { findBuildFailure, parseStep } from '../../client/src/build/build-output';
import { DockerProcess, buildKitSupport, dockerVersion } from '../../client/src/build/docker';
import { classifyOutput, containerFailed } from '../../client/src/build/problems';
import { DOCKER, docker, dockerClients, processCommandLines, removeImages, requireEngine, requirements, runToEnd, sleep, tempDir, write } from './helpers';

const PREFIX = 'layerwise-test-';
const dirs: string[] = [];
const plan = (over: Partial<BuildPlan> & Pick<BuildPlan, 'dockerfile' | 'contextDir' | 'tag'>): BuildPlan => ({ buildArgs: [], buildSecrets: [], builder: 'classic', ...over });
const runPlan = (over: Partial<RunPlan> & Pick<RunPlan, 'image'>): RunPlan => ({ containerName: `${PREFIX}${process.pid}-${Math.random().toString(16).slice(2, 8)}`, env: [], envFiles: [], ports: [], remove: true, ...over });
const NASTY = ['two words', `it's "quoted"`, '$HOME ${PATH} $(id) `id`', 'line one\nline two', '--privileged', '-e'];

before(async () => { await requireEngine(); });
after(() => {
  dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true }));
  removeImages(PREFIX);
});

function context(files: Record<string, string>, name = 'lw-docker-'): string {
  const dir = tempDir(name);
  dirs.push(dir);
  write(dir, files);
  return dir;
}

describe('the Docker CLIs on this machine', () => {
  it('each answers docker version --format, and BuildKit detection matches what building does', { timeout: 120_000 }, async () => {
    const clients = dockerClients();
    assert.ok(clients.length >= 1, 'no docker on PATH');
    const dir = context({ Dockerfile: 'FROM busybox:local\nRUN echo built-by-$0\n' });
    for (const cli of clients) {
      const v = await dockerVersion(cli);
      assert.ok(v.client && v.server, `${cli}: ${v.output}`);
      const support = await buildKitSupport(cli, v.client);
      const builder = support.available ? 'buildkit' : 'classic';
      const r = await runToEnd(buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag: `${PREFIX}cli:1`, builder })), { dockerPath: cli });
      assert.equal(r.exitCode, 0, `${cli} (${builder}):\n${r.text}`);
      if (!support.available) {
        // The case users hit with a new CLI and no buildx: BuildKit fails, and says so.
        const bk = await runToEnd(buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag: `${PREFIX}cli:1`, builder: 'buildkit' })), { dockerPath: cli });
        assert.notEqual(bk.exitCode, 0);
        assert.equal(classifyOutput(bk.text, { phase: 'build', platform: process.platform, dockerPath: cli })?.kind, 'buildx-missing', bk.text);
      }
    }
  });
  it('a CLI that does not exist, and a daemon that does not answer, are told apart', async () => {
    const missing = await dockerVersion('/nonexistent/docker');
    assert.equal(missing.spawnError?.code, 'ENOENT');
    const down = await dockerVersion(DOCKER, { ...process.env, DOCKER_HOST: 'unix:///tmp/layerwise-no-such.sock' });
    assert.equal(down.server, undefined);
    assert.ok(down.client);
    assert.equal(classifyOutput(down.output, { phase: 'detect', platform: 'linux', dockerPath: DOCKER })?.kind, 'daemon-unreachable', down.output);
  });
});

describe('building', () => {
  it('build args with spaces, quotes, $, newlines and leading dashes arrive intact, via the environment', { timeout: 120_000 }, async () => {
    const lines = NASTY.map((_, i) => `ARG A${i}\nRUN printf '%s\\0' "$A${i}" >> /values`).join('\n');
    const dir = context({ Dockerfile: `FROM busybox:local\n${lines}\nCMD ["cat", "/values"]\n` });
    const tag = `${PREFIX}args:1`;
    const inv = buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag, buildArgs: NASTY.map((value, i) => ({ name: `A${i}`, value })) }));
    const r = await runToEnd(inv);
    assert.equal(r.exitCode, 0, r.text);
    const run = await runToEnd(runInvocation(runPlan({ image: tag })));
    assert.equal(run.exitCode, 0, run.text);
    assert.deepEqual(run.text.split('\0').slice(0, NASTY.length), NASTY);
  });
  it('a context folder and Dockerfile name with spaces, quotes, $ and a leading dash', { timeout: 120_000 }, async () => {
    const dir = context({}, 'lw-docker-');
    const weird = path.join(dir, `-ctx "q" $HOME's dir`);
    write(weird, { 'Docker file': 'FROM busybox:local\nCOPY hello.txt /hello.txt\nCMD ["cat", "/hello.txt"]\n', 'hello.txt': 'hello from a weird folder\n' });
    const tag = `${PREFIX}paths:1`;
    const r = await runToEnd(buildInvocation(plan({ dockerfile: path.join(weird, 'Docker file'), contextDir: weird, tag })));
    assert.equal(r.exitCode, 0, r.text);
    const run = await runToEnd(runInvocation(runPlan({ image: tag })));
    assert.equal(run.text.trim(), 'hello from a weird folder');
  });
  for (const builder of ['classic', 'buildkit'] as const) {
    it(`a RUN that exits 1 is found on its line (${builder} builder), with the builder's message`, { timeout: 120_000 }, async () => {
      const cli = await usableCli(builder);
      const text = 'ARG BASE=busybox:local\nFROM ${BASE} AS deps\nRUN echo deps > /deps\n\nFROM busybox:local\nCOPY --from=deps /deps /deps\nRUN echo about to fail && \\\n    exit 1\nCMD ["true"]\n';
      const dir = context({ Dockerfile: text });
      const req = await requirements(path.join(dir, 'Dockerfile'));
      const steps: string[] = [];
      const p = new DockerProcess({
        dockerPath: cli, invocation: buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag: `${PREFIX}fail:1`, builder, noCache: true })),
        onLine: l => { const s = parseStep(l.text); if (s) steps.push(`${s.stage ?? ''} ${s.step}/${s.total}`); },
      });
      const r = await p.done;
      assert.notEqual(r.exitCode, 0);
      const failure = findBuildFailure(r.lines, req.instructions, req.stages.map(s => s.label), 'Dockerfile');
      assert.equal(failure.line, 6, JSON.stringify(failure));
      assert.equal(failure.endLine, 7);
      assert.match(failure.message, /exit code: 1|returned a non-zero code: 1/);
      const left = docker(['ps', '-a', '--no-trunc', '--format', '{{.Command}}']).split('\n').filter(c => c.includes('echo about to fail'));
      assert.deepEqual(left, [], 'a failed build leaves no container behind');
      assert.ok(steps.length >= 2, `progress steps seen: ${steps.join(', ')}`);
    });
  }
  it('a build secret reaches RUN --mount=type=secret and never the image (BuildKit)', { timeout: 120_000 }, async () => {
    const cli = await usableCli('buildkit');
    const dir = context({ Dockerfile: 'FROM busybox:local\nRUN --mount=type=secret,id=api_token,required=true wc -c < /run/secrets/api_token > /len && ! grep -r "$(cat /run/secrets/api_token)" /etc\nCMD ["cat", "/len"]\n' });
    const tag = `${PREFIX}secret:1`;
    const secret = 'tok-$ecret "value"';
    const r = await runToEnd(buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag, builder: 'buildkit', buildSecrets: [{ id: 'api_token', value: secret }] })), { dockerPath: cli });
    assert.equal(r.exitCode, 0, r.text);
    assert.ok(!r.text.includes(secret));
    const run = await runToEnd(runInvocation(runPlan({ image: tag })));
    assert.equal(run.text.trim(), String(Buffer.byteLength(secret)));
    assert.ok(!docker(['history', '--no-trunc', tag]).includes(secret));
  });
  it('a base image that is neither local nor reachable: classified, and on the FROM line', { timeout: 120_000 }, async () => {
    const dir = context({ Dockerfile: 'FROM layerwise-no-such/image:1\nRUN true\n' });
    const req = await requirements(path.join(dir, 'Dockerfile'));
    const r = await runToEnd(buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag: `${PREFIX}nobase:1` })));
    assert.notEqual(r.exitCode, 0);
    const kind = classifyOutput(r.text, { phase: 'build', platform: 'linux', dockerPath: DOCKER })?.kind;
    assert.ok(kind === 'registry-unreachable' || kind === 'image-not-found', `${kind}: ${r.text}`);
    assert.equal(findBuildFailure(r.lines, req.instructions, ['stage-0'], 'Dockerfile').line, 0);
  });
  it('cancelling a build stops the CLI and the RUN, leaving no process behind', { timeout: 120_000 }, async () => {
    const marker = `${41 + Math.floor(Math.random() * 1000)}.${process.pid % 997}`;
    const dir = context({ Dockerfile: `FROM busybox:local\nRUN echo started && sleep ${marker}\n` });
    let sawStart!: () => void;
    const started = new Promise<void>(r => { sawStart = r; });
    const p = new DockerProcess({
      dockerPath: DOCKER, invocation: buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag: `${PREFIX}cancel:1`, noCache: true })),
      onLine: l => { if (l.text.includes('started')) sawStart(); },
    });
    let r;
    const t0 = Date.now();
    try {
      await started;
      let running = false;
      for (let i = 0; i < 50 && !running; i++) { running = processCommandLines().some(c => c.includes(`sleep ${marker}`)); if (!running) await sleep(100); }
      assert.ok(running, 'the RUN is running');
    } finally {
      await p.cancel();
      r = await p.done;
    }
    assert.equal(r.cancelled, true);
    assert.ok(Date.now() - t0 < 20_000, `cancel took ${Date.now() - t0} ms`);
    // The daemon tears down the build container shortly after the client goes.
    let left: string[] = [];
    for (let i = 0; i < 60; i++) {
      left = [
        ...processCommandLines().filter(c => c.includes(`sleep ${marker}`)),
        ...docker(['ps', '-a', '--no-trunc', '--format', '{{.Command}}']).split('\n').filter(c => c.includes(marker)).map(c => `container: ${c}`),
      ];
      if (!left.length) break;
      await sleep(250);
    }
    assert.deepEqual(left, [], 'no build process or container is left');
    assert.throws(() => process.kill(p.pid!, 0), 'the docker CLI is gone');
  });
});

describe('running', () => {
  let image: string;
  /** Prints its environment without a shell, which would drop names that are not identifiers. */
  let envImage: string;
  before(async () => {
    const envDir = context({ Dockerfile: 'FROM busybox:local\nENTRYPOINT ["env"]\n' });
    envImage = `${PREFIX}env:1`;
    const e = await runToEnd(buildInvocation(plan({ dockerfile: path.join(envDir, 'Dockerfile'), contextDir: envDir, tag: envImage })));
    assert.equal(e.exitCode, 0, e.text);
    const dir = context({ Dockerfile: 'FROM busybox:local\nCOPY run.sh /run.sh\nENTRYPOINT ["sh", "/run.sh"]\n', 'run.sh': 'env | grep "^V_" | sort\nsleep "${SLEEP:-0}"\nexit "${CODE:-0}"\n' });
    image = `${PREFIX}run:1`;
    const r = await runToEnd(buildInvocation(plan({ dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, tag: image })));
    assert.equal(r.exitCode, 0, r.text);
  });

  it('variable values with spaces, quotes, $ and leading dashes arrive intact; names with a leading dash or a space too', { timeout: 60_000 }, async () => {
    const env = NASTY.filter(v => !v.includes('\n')).map((value, i) => ({ name: `V_${i}`, value, secret: i % 2 === 0 }));
    env.push({ name: '-V_LEADING_DASH', value: '-x', secret: false }, { name: 'V with space', value: 'y', secret: true });
    const r = await runToEnd(runInvocation(runPlan({ image: envImage, env })));
    assert.equal(r.exitCode, 0, r.text);
    const got = r.text.split('\n').filter(l => /^(-?V)/.test(l)).sort();
    assert.deepEqual(got, env.map(e => `${e.name}=${e.value}`).sort());
  });
  it('a secret value never appears in any process command line while the container runs', { timeout: 60_000 }, async () => {
    const secret = `sk-live-${process.pid}-$(whoami)`;
    const name = `${PREFIX}leak-${process.pid}`;
    const p = new DockerProcess({ dockerPath: DOCKER, invocation: runInvocation(runPlan({ image, containerName: name, env: [{ name: 'V_KEY', value: secret, secret: true }, { name: 'SLEEP', value: '3', secret: false }] })), containerName: name });
    let seen = false;
    for (let i = 0; i < 10; i++) {
      await sleep(200);
      if (processCommandLines().some(c => c.includes(secret))) seen = true;
    }
    const r = await p.done;
    assert.equal(r.exitCode, 0);
    assert.equal(seen, false, 'the secret showed up in a process listing');
    assert.ok(r.lines.some(l => l.text === `V_KEY=${secret}`), 'and yet the container got it');
  });
  it('a secret whose name the CLI reads itself goes through a private env file that is removed afterwards', { timeout: 60_000 }, async () => {
    const before = fs.readdirSync(require('node:os').tmpdir()).filter((f: string) => f.startsWith('layerwise-env-'));
    const r = await runToEnd(runInvocation(runPlan({ image, env: [{ name: 'DOCKER_V_TOKEN', value: 'x', secret: true }, { name: 'V_DOCKER', value: 'kept', secret: true }] })));
    assert.equal(r.exitCode, 0, r.text);
    assert.ok(r.text.includes('V_DOCKER=kept'));
    const after = fs.readdirSync(require('node:os').tmpdir()).filter((f: string) => f.startsWith('layerwise-env-'));
    assert.deepEqual(after, before);
  });
  it('an env file is passed with --env-file', { timeout: 60_000 }, async () => {
    const dir = context({ '.env': '# from the workspace\nV_FROM_FILE=file value with spaces\n' });
    const r = await runToEnd(runInvocation(runPlan({ image, envFiles: [path.join(dir, '.env')] })));
    assert.equal(r.exitCode, 0, r.text);
    assert.ok(r.lines.some(l => l.text === 'V_FROM_FILE=file value with spaces'), r.text);
  });
  it('a non-zero exit code is reported with the last lines of output', { timeout: 60_000 }, async () => {
    const r = await runToEnd(runInvocation(runPlan({ image, env: [{ name: 'CODE', value: '3', secret: false }, { name: 'V_LAST', value: 'last words', secret: false }] })));
    assert.equal(r.exitCode, 3);
    assert.match(containerFailed(3, r.lines.map(l => l.text)).message, /exited with code 3\. Last output:\nV_LAST=last words/);
  });
  it('a host port already in use is recognised', { timeout: 60_000 }, async () => {
    const port = 20000 + (process.pid % 20000);
    const name = `${PREFIX}port-${process.pid}`;
    const holder = new DockerProcess({ dockerPath: DOCKER, invocation: runInvocation(runPlan({ image, containerName: name, ports: [`${port}:80`], env: [{ name: 'SLEEP', value: '30', secret: false }] })), containerName: name });
    try {
      for (let i = 0; i < 50 && !docker(['ps', '--filter', `name=${name}`, '--format', '{{.Names}}']).includes(name); i++) await sleep(100);
      const r = await runToEnd(runInvocation(runPlan({ image, ports: [`${port}:80`] })));
      assert.equal(r.exitCode, 125, r.text);
      const p = classifyOutput(r.text, { phase: 'run', platform: 'linux', dockerPath: DOCKER });
      assert.deepEqual([p?.kind, p?.port], ['port-in-use', port], r.text);
    } finally {
      await holder.cancel();
    }
  });
  it('cancelling a run stops and removes the container and its CLI process', { timeout: 60_000 }, async () => {
    const name = `${PREFIX}stop-${process.pid}`;
    const p = new DockerProcess({ dockerPath: DOCKER, invocation: runInvocation(runPlan({ image, containerName: name, env: [{ name: 'SLEEP', value: '300', secret: false }] })), containerName: name });
    for (let i = 0; i < 50 && !docker(['ps', '--filter', `name=${name}`, '--format', '{{.Names}}']).includes(name); i++) await sleep(100);
    const t0 = Date.now();
    await p.cancel();
    const r = await p.done;
    assert.equal(r.cancelled, true);
    assert.ok(Date.now() - t0 < 20_000);
    assert.equal(docker(['ps', '-a', '--filter', `name=${name}`, '--format', '{{.Names}}']).trim(), '');
    assert.throws(() => process.kill(p.pid!, 0));
  });
  it('the seeds’ hardening flags are accepted by the engine', { timeout: 60_000 }, async () => {
    const r = await runToEnd(runInvocation(runPlan({ image, env: [{ name: 'V_H', value: 'ok', secret: false }], hardening: { readOnly: true, capDropAll: true, noNewPrivileges: true, memory: '256m', cpus: '1' } })));
    assert.equal(r.exitCode, 0, r.text);
    assert.match(r.text, /V_H=ok/);
  });
  it('an image that does not exist is reported as such', { timeout: 60_000 }, async () => {
    const r = await runToEnd(runInvocation(runPlan({ image: `${PREFIX}never-built:1` })));
    assert.equal(r.exitCode, 125);
    const kind = classifyOutput(r.text, { phase: 'run', platform: 'linux', dockerPath: DOCKER, image: `${PREFIX}never-built:1` })?.kind;
    assert.ok(kind === 'image-not-found' || kind === 'registry-unreachable', `${kind}: ${r.text}`);
  });
});

/** A CLI that can use the builder: BuildKit needs buildx or a pre-23 CLI. */
async function usableCli(builder: 'classic' | 'buildkit'): Promise<string> {
  if (builder === 'classic') return DOCKER;
  for (const cli of dockerClients()) {
    const v = await dockerVersion(cli);
    if ((await buildKitSupport(cli, v.client)).available) return cli;
  }
  throw new Error('no Docker CLI here can build with BuildKit (needs buildx, or a CLI before 23.0)');
}
