/**
 * Issue 3's proof for `copy-all-before-install`, on the real Docker engine (classic builder).
 *
 * For each fixture under test/fixtures/reorder/<name>/, the engine's own fix turns the
 * Dockerfile (`COPY . .` before the install) into the fixed one, which must equal the
 * checked-in Dockerfile.fixed (so a change to the fix shows as a diff). Both are then built
 * from a temporary copy of the fixture, and:
 *   1. the images have the same config (CMD, ENTRYPOINT, WORKDIR, USER, ENV, …), their default
 *      command prints the same, and they hold the same files (path, mode, owner, size,
 *      checksum) in the folders the fixture names;
 *   2. after a source file is edited, the rebuilt fixed image reuses the cached install layer
 *      (` ---> Using cache`, the same layer id, the same install token) while the original
 *      reruns its install; the rebuilt images again agree. Build times are printed, not asserted.
 *
 * pip and npm-install use the real tools (pip in python:3.11-slim; npm from the node this test
 * runs with). uv, npm (ci) and Go cannot install anything here (no registry, no network), so
 * those fixtures COPY a small stand-in for the tool (their toolchain/ folder): it reads exactly
 * the manifests the real tool reads, fails when they are missing, and leaves a random token in
 * what it installs, so a rerun shows.
 *
 * npm-install shows why a reorder after `npm install` is not safe: the moved copy restores the
 * stale lockfile the install rewrote. The rule therefore only offers it (suggesting `npm ci`), and
 * the file comparison asserts that exactly that file differs.
 *
 * It FAILS, never skips, when no engine answers (scripts/docker-engine.sh --python starts one).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { DiskBuildContext } from '../../server/src/engine/context';
import { fixAll } from '../../server/src/engine/fix';
import { ruleById } from '../../server/src/engine/rules';
import { applyEdits } from '../../server/src/engine/text';
import { DOCKER, ROOT, requireEngine, tempDir } from './helpers';

const RULE_ID = 'copy-all-before-install';
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'reorder');
const RUN_ID = `${process.pid}-${randomBytes(3).toString('hex')}`;
// Not `layerwise-test-…`: build-run.test.ts removes every image tagged that way when it ends,
// and the docker test files may run at the same time.
const PREFIX = `layerwise-reorder-${RUN_ID}`;
const LABEL = 'layerwise-test=1';

interface Fixture {
  name: string;
  base: string;
  /** `auto`: a safe fix, applied by fix-all (`--fix`). `offered`: the rule's fix, which fix-all leaves to the user. */
  /** auto: safe, fix-all applies it; offered: an unsafe two-step fix; unsafe-reorder: the reorder is offered, not applied. */
  fix: 'auto' | 'offered' | 'unsafe-reorder';
  /** Folders compared between the images (read as root). */
  compare: string[];
  /** The source file edited for the cache test (relative to the fixture). */
  edit: string;
  /** The instruction that installs the dependencies, as the classic builder prints it. */
  install: { original: string; fixed: string };
  /** Shell command printing what identifies one run of the install. */
  proof: string;
  /** Built by this test from the node and npm it runs with (passed as the NODE_IMAGE build arg). */
  realNode?: boolean;
  /** Paths the (unsafe) fix is expected to change, which is why it is not applied automatically. */
  differsIn?: string[];
}

const FIXTURE_LIST: Fixture[] = [
  {
    name: 'pip', base: 'python:3.11-slim', fix: 'auto',
    compare: ['/app', '/usr/local/lib/python3.11/dist-packages', '/wheels'],
    edit: 'app/names.py',
    install: { original: 'RUN pip install -r requirements.txt', fixed: 'RUN pip install -r requirements.txt' },
    // Real pip leaves no token: the installed module's modification time (ns) changes when it reinstalls.
    proof: 'stat -c %y /usr/local/lib/python3.11/dist-packages/tinygreet/__init__.py',
  },
  {
    name: 'npm', base: 'busybox:local', fix: 'auto',
    compare: ['/usr/src/app'],
    edit: 'src/greeting.js',
    install: { original: 'RUN npm ci --omit=dev', fixed: 'RUN npm ci --omit=dev' },
    proof: 'cat /usr/src/app/node_modules/.layerwise-install',
  },
  {
    // Real npm. `npm install` (unlike `npm ci`) rewrites a stale package-lock.json; the moved
    // `COPY . .` then puts the context's stale copy back over it.
    name: 'npm-install', base: 'python:3.11-slim', fix: 'unsafe-reorder', realNode: true,
    compare: ['/app'],
    edit: 'server.js',
    install: { original: 'RUN npm install --offline --no-audit --no-fund', fixed: 'RUN npm install --offline --no-audit --no-fund' },
    // Every npm run leaves a new timestamped debug log.
    proof: 'ls /root/.npm/_logs',
    differsIn: ['/app/package-lock.json'],
  },
  {
    name: 'uv', base: 'busybox:local', fix: 'offered',
    compare: ['/app'],
    edit: 'src/greeter/__init__.py',
    install: { original: 'RUN uv sync --locked --no-dev', fixed: 'RUN uv sync --locked --no-dev --no-install-project' },
    proof: 'cat /app/.venv/.layerwise-deps',
  },
  {
    name: 'go', base: 'busybox:local', fix: 'offered',
    compare: ['/src', '/go', '/usr/local/bin'],
    edit: 'internal/greet/greet.go',
    install: { original: 'RUN go build -trimpath -o /usr/local/bin/hello .', fixed: 'RUN go mod download' },
    proof: 'cat /go/pkg/mod/cache/download/.layerwise',
  },
];

// ---------------------------------------------------------------------------------------
// The engine's fix

interface EngineFix { original: string; fixed: string; title: string; safe: boolean }

function ruleFindings(text: string, dir: string) {
  const rule = ruleById(RULE_ID);
  assert.ok(rule, `no rule ${RULE_ID}`);
  return analyze(text, { rules: [rule], buildContext: new DiskBuildContext(dir) }).findings;
}

/** The fixed Dockerfile as Layerwise produces it from the fixture's folder on disk. */
function engineFix(f: Fixture): EngineFix {
  const dir = path.join(FIXTURES, f.name);
  const original = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  const found = ruleFindings(original, dir);
  assert.equal(found.length, 1, `expected one ${RULE_ID} finding in ${f.name}/Dockerfile, got:\n${found.map(x => x.message).join('\n')}`);
  const offered = found[0].fixes?.() ?? [];
  assert.equal(offered.length, 1, `expected one fix for: ${found[0].message}`);
  // Fix-all (what `layerwise check --fix` and source.fixAll run), limited to this rule so that
  // another rule's safe fix cannot change the file under test; with every rule, it must still
  // apply this one.
  const rule = ruleById(RULE_ID)!;
  const ours = fixAll(original, { rules: [rule], buildContext: new DiskBuildContext(dir) });
  const all = fixAll(original, { buildContext: new DiskBuildContext(dir) });
  if (f.fix === 'auto') {
    assert.equal(offered[0].safe, true, `the fix should be safe: ${offered[0].title}`);
    assert.deepEqual(ours.applied, [offered[0].title]);
    assert.ok(all.applied.includes(offered[0].title), `fix-all did not apply "${offered[0].title}": ${JSON.stringify(all.applied)}`);
    return { original, fixed: ours.text, title: offered[0].title, safe: true };
  }
  assert.equal(offered[0].safe, false, `the fix is offered, not applied automatically: ${offered[0].title}`);
  if (f.fix === 'unsafe-reorder') assert.match(offered[0].title, /npm ci/, 'the title should suggest the locked install');
  assert.equal(ruleFindings(all.text, dir).length, 1, 'fix-all must leave the two-step fix to the user');
  return { original, fixed: applyEdits(original, offered[0].edits), title: offered[0].title, safe: false };
}

// ---------------------------------------------------------------------------------------
// Docker

interface Exec { code: number; stdout: string; stderr: string; ms: number }

function exec(args: string[], opts: { timeoutMs?: number } = {}): Promise<Exec> {
  const started = Date.now();
  return new Promise(resolve => {
    execFile(DOCKER, args, { env: { ...process.env, DOCKER_BUILDKIT: '0' }, maxBuffer: 64 * 1024 * 1024, timeout: opts.timeoutMs ?? 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && typeof error.code !== 'number' ? `\n${error.message}` : ''), ms: Date.now() - started });
      });
  });
}

async function docker(args: string[], opts: { timeoutMs?: number } = {}): Promise<string> {
  const r = await exec(args, opts);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

let engine: Promise<void> | undefined;
/** Every engine test starts here, so no engine means a clear failure, never a skip. */
function requireEngineAndImages(): Promise<void> {
  engine ??= (async () => {
    await requireEngine();
    for (const image of new Set(FIXTURE_LIST.map(f => f.base))) {
      const r = await exec(['image', 'inspect', image]);
      if (r.code !== 0) throw new Error(`image ${image} is missing; run scripts/docker-engine.sh --python`);
    }
  })();
  return engine;
}

const created = { tags: [] as string[], layers: [] as string[], containers: [] as string[], dirs: [] as string[] };

interface Step { n: number; instruction: string; cached: boolean; id?: string }
interface Build { tag: string; ms: number; steps: Step[]; output: string }

/** Steps of the classic builder's output: `Step 3/9 : RUN …`, then ` ---> Using cache` and ` ---> <id>`. */
function parseSteps(output: string): Step[] {
  const steps: Step[] = [];
  for (const block of output.split(/^(?=Step \d+\/\d+ : )/m)) {
    const head = /^Step (\d+)\/\d+ : (.*)$/m.exec(block);
    if (!head) continue;
    const ids = [...block.matchAll(/^ ---> ([0-9a-f]{12})$/gm)].map(m => m[1]);
    steps.push({ n: Number(head[1]), instruction: head[2].trim(), cached: /^ ---> Using cache$/m.test(block), id: ids[ids.length - 1] });
  }
  return steps;
}

async function build(dir: string, dockerfile: string, tag: string, buildArgs: string[] = []): Promise<Build> {
  created.tags.push(tag);
  // --force-rm: no intermediate container is left behind, even when a step fails.
  // --network=none: the installs must work from the context alone.
  const args = ['build', '--force-rm', '--network=none', `--label=${LABEL}`, ...buildArgs.map(a => `--build-arg=${a}`), `--file=${path.join(dir, dockerfile)}`, `--tag=${tag}`, '--', dir];
  const r = await exec(args, { timeoutMs: 300_000 });
  const steps = parseSteps(r.stdout);
  // A failed build leaves its finished steps as untagged images (a successful one goes with its tag).
  if (r.code !== 0) for (const s of steps) if (s.id && !/^FROM /i.test(s.instruction)) created.layers.push(s.id);
  assert.equal(r.code, 0, `building ${dockerfile} (${tag}) failed:\n${r.stdout}\n${r.stderr}`);
  return { tag, ms: r.ms, steps, output: r.stdout };
}

let nodeImage: Promise<string> | undefined;
/**
 * python:3.11-slim (Debian bookworm: the glibc and libstdc++ node needs) plus the node binary
 * and npm this test runs with: a real npm, without any registry.
 */
function realNodeImage(): Promise<string> {
  nodeImage ??= (async () => {
    const npm = [path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm'), '/usr/lib/node_modules/npm', '/usr/local/lib/node_modules/npm']
      .find(p => fs.existsSync(path.join(p, 'bin', 'npm-cli.js')));
    if (!npm) throw new Error(`npm was not found beside ${process.execPath}`);
    const dir = tempDir('lw-reorder-node-');
    created.dirs.push(dir);
    fs.copyFileSync(process.execPath, path.join(dir, 'node'));
    fs.chmodSync(path.join(dir, 'node'), 0o755);
    fs.cpSync(npm, path.join(dir, 'npm'), { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), [
      'FROM python:3.11-slim',
      'COPY node /usr/local/bin/node',
      'COPY npm /usr/local/lib/node_modules/npm',
      'RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version && npm --version',
      '',
    ].join('\n'));
    const tag = `${PREFIX}-node:1`;
    const b = await build(dir, 'Dockerfile', tag);
    timings.push(`node base image (real npm): ${seconds(b.ms)}`);
    return tag;
  })();
  return nodeImage;
}

function containerName(): string {
  const name = `${PREFIX}-${randomBytes(4).toString('hex')}`;
  created.containers.push(name);
  return name;
}

/** Runs a shell script in the image as root, without network; its output. */
function sh(image: string, script: string, args: string[] = []): Promise<string> {
  return docker(['run', '--rm', '--network=none', '--user=0', '--entrypoint=/bin/sh', `--name=${containerName()}`, image, '-c', script, 'sh', ...args], { timeoutMs: 60_000 });
}

/**
 * Every path under the folders with its type, mode, owner, size and a content checksum.
 * The stand-ins' `.layerwise*` markers are compared without their random `token=` line;
 * `.pyc` files embed their source's modification time, so only their presence counts.
 */
const SNAPSHOT = String.raw`
for d in "$@"; do [ -e "$d" ] && find "$d"; done | sort | while IFS= read -r f; do
  if [ -L "$f" ]; then echo "L $f -> $(readlink "$f")"
  elif [ -d "$f" ]; then echo "D $f $(stat -c '%a %u:%g' "$f")"
  else
    case "$f" in
      */.layerwise*) h=$(sed '/^token=/d' "$f" | sha256sum | cut -c1-16) ;;
      *.pyc) h=pyc ;;
      *) h=$(sha256sum < "$f" | cut -c1-16) ;;
    esac
    echo "F $f $(stat -c '%a %u:%g %s' "$f") $h"
  fi
done`;

async function snapshot(image: string, folders: string[]): Promise<string[]> {
  return (await sh(image, SNAPSHOT, folders)).split('\n').filter(Boolean);
}

/** The parts of the image config that say what a container does. */
async function config(image: string): Promise<Record<string, unknown>> {
  const c = JSON.parse(await docker(['image', 'inspect', '--format={{json .Config}}', image])) as Record<string, unknown>;
  const keys = ['Cmd', 'Entrypoint', 'WorkingDir', 'User', 'Env', 'ExposedPorts', 'Volumes', 'Labels', 'StopSignal', 'Healthcheck', 'Shell', 'OnBuild'];
  return Object.fromEntries(keys.map(k => [k, c[k] ?? null]));
}

/** The image's default command, run as the image says (its USER, CMD, ENTRYPOINT). */
async function defaultRun(image: string): Promise<{ code: number; out: string }> {
  const r = await exec(['run', '--rm', '--network=none', `--name=${containerName()}`, image], { timeoutMs: 60_000 });
  return { code: r.code, out: (r.stdout + r.stderr).trim() };
}

function step(b: Build, instruction: string): Step {
  const s = b.steps.find(x => x.instruction === instruction);
  assert.ok(s, `no step "${instruction}" in the build of ${b.tag}:\n${b.steps.map(x => `  ${x.n}: ${x.instruction}`).join('\n')}`);
  return s;
}

const COMMENT: Record<string, string> = { '.py': '#', '.go': '//', '.js': '//', '.ts': '//' };

const timings: string[] = [];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

after(async () => {
  // Containers are all --rm; this only catches one whose client was killed by a timeout.
  for (const name of created.containers) await exec(['rm', '--force', name], { timeoutMs: 30_000 });
  if (created.tags.length) await exec(['rmi', '--force', ...created.tags], { timeoutMs: 120_000 });
  // What failed builds left. Only untagged ones, never forced, so a layer another image still
  // uses (someone's cache) stays.
  for (const id of [...new Set(created.layers)].reverse()) {
    const tags = await exec(['image', 'inspect', '--format={{len .RepoTags}}', id], { timeoutMs: 30_000 });
    if (tags.code === 0 && tags.stdout.trim() === '0') await exec(['rmi', id], { timeoutMs: 30_000 });
  }
  for (const dir of created.dirs) fs.rmSync(dir, { recursive: true, force: true });
  if (timings.length) console.log(`\nbuild times (informational):\n${timings.map(t => `  ${t}`).join('\n')}`);
});

// ---------------------------------------------------------------------------------------

for (const f of FIXTURE_LIST) {
  describe(`${RULE_ID} on the real engine: ${f.name}`, () => {
    const dir = path.join(FIXTURES, f.name);
    let work: string | undefined;
    let buildArgs: string[] = [];
    let first: { original: Build; fixed: Build } | undefined;
    let second: { original: Build; fixed: Build } | undefined;

    it(`the engine's ${f.fix === 'auto' ? 'fix-all' : 'offered two-step fix'} gives the checked-in Dockerfile.fixed`, () => {
      const r = engineFix(f);
      const expected = fs.readFileSync(path.join(dir, 'Dockerfile.fixed'), 'utf8');
      assert.equal(r.fixed, expected, `the fix changed; if that is intended, update test/fixtures/reorder/${f.name}/Dockerfile.fixed`);
      assert.deepEqual(ruleFindings(r.fixed, dir).map(x => x.message), [], 'the rule is quiet on the fixed file');
    });

    it('original and fixed build, with the same config, and their default commands print the same', { timeout: 600_000 }, async t => {
      await requireEngineAndImages();
      const fix = engineFix(f);
      if (f.realNode) buildArgs = [`NODE_IMAGE=${await realNodeImage()}`];
      work = tempDir(`lw-reorder-${f.name}-`);
      created.dirs.push(work);
      fs.cpSync(dir, work, { recursive: true });
      // Build exactly what the engine produced (the checked-in copy is only compared above).
      fs.writeFileSync(path.join(work, 'Dockerfile.fixed'), fix.fixed);

      const original = await build(work, 'Dockerfile', `${PREFIX}-${f.name}-original:1`, buildArgs);
      const fixed = await build(work, 'Dockerfile.fixed', `${PREFIX}-${f.name}-fixed:1`, buildArgs);
      first = { original, fixed };
      const line = `${f.name}: first build  original ${seconds(original.ms)}, fixed ${seconds(fixed.ms)}`;
      timings.push(line);
      t.diagnostic(line);

      assert.deepEqual(await config(fixed.tag), await config(original.tag), 'the fixed image has a different config');
      const [ra, rb] = [await defaultRun(original.tag), await defaultRun(fixed.tag)];
      assert.equal(ra.code, 0, `the original image's command failed:\n${ra.out}`);
      assert.deepEqual(rb, ra, 'the images\' default commands behave differently');
      t.diagnostic(`${f.name}: both print ${JSON.stringify(ra.out.split('\n').filter(Boolean).pop())}`);
    });

    it(f.differsIn ? `original and fixed differ exactly in ${f.differsIn.join(', ')}` : `original and fixed hold the same files under ${f.compare.join(', ')}`, { timeout: 120_000 }, async () => {
      assert.ok(first, 'the first builds did not complete');
      await sameFiles(first.original.tag, first.fixed.tag, f.compare, f.differsIn);
    });

    it('after a source edit, the fixed build reuses the cached install and the original reruns it', { timeout: 600_000 }, async t => {
      await requireEngineAndImages();
      assert.ok(work && first, 'the first builds did not complete');
      const proofBefore = { original: await sh(first.original.tag, f.proof), fixed: await sh(first.fixed.tag, f.proof) };

      const nonce = randomBytes(6).toString('hex');
      const file = path.join(work, f.edit);
      fs.appendFileSync(file, `${COMMENT[path.extname(file)]} edited by reorder-fix.test.ts: ${nonce}\n`);

      const original = await build(work, 'Dockerfile', `${PREFIX}-${f.name}-original:2`, buildArgs);
      const fixed = await build(work, 'Dockerfile.fixed', `${PREFIX}-${f.name}-fixed:2`, buildArgs);
      second = { original, fixed };
      const line = `${f.name}: after edit   original ${seconds(original.ms)}, fixed ${seconds(fixed.ms)}`;
      timings.push(line);
      t.diagnostic(line);

      // The fixed build reuses the install layer; the original reruns its install.
      const fixedInstall = step(fixed, f.install.fixed);
      assert.equal(fixedInstall.cached, true, `the fixed build reran "${f.install.fixed}":\n${fixed.output}`);
      assert.equal(fixedInstall.id, step(first.fixed, f.install.fixed).id, 'the fixed install layer changed');
      const originalInstall = step(original, f.install.original);
      assert.equal(originalInstall.cached, false, `the original build reused "${f.install.original}"`);
      assert.notEqual(originalInstall.id, step(first.original, f.install.original).id);
      // The same seen from inside the images: the install's own token (or log, or time).
      assert.equal(await sh(fixed.tag, f.proof), proofBefore.fixed, 'the fixed image holds a reinstalled result');
      assert.notEqual(await sh(original.tag, f.proof), proofBefore.original, 'the original image did not reinstall');
      // Both builds saw the edit, and still behave alike.
      assert.equal(step(original, 'COPY . .').cached, false, 'the original build did not see the edit');
      assert.equal(step(fixed, 'COPY . .').cached, false, 'the fixed build did not see the edit');
      const edited = await sh(fixed.tag, 'cat "$1"', [path.posix.join(await workdirOf(fixed.tag), f.edit)]);
      assert.match(edited, new RegExp(nonce), 'the fixed image does not hold the edited source');
      const [ra, rb] = [await defaultRun(original.tag), await defaultRun(fixed.tag)];
      assert.deepEqual(rb, ra, 'after the edit, the images\' default commands behave differently');
    });

    it('after the edit, original and fixed still compare the same way', { timeout: 120_000 }, async () => {
      assert.ok(second, 'the rebuilds did not complete');
      await sameFiles(second.original.tag, second.fixed.tag, f.compare, f.differsIn);
    });
  });
}

/** The images hold the same files, except (when given) exactly the paths in `differsIn`. */
async function sameFiles(original: string, fixed: string, folders: string[], differsIn: string[] = []): Promise<void> {
  const [a, b] = await Promise.all([snapshot(original, folders), snapshot(fixed, folders)]);
  assert.ok(a.length > 3, `nothing found under ${folders.join(', ')}:\n${a.join('\n')}`);
  const pathOf = (line: string) => differsIn.find(p => line.includes(p));
  assert.deepEqual(b.filter(l => !pathOf(l)), a.filter(l => !pathOf(l)), 'the fixed image holds different files (+ fixed, - original)');
  for (const p of differsIn) {
    assert.notDeepEqual(b.filter(l => l.includes(p)), a.filter(l => l.includes(p)), `${p} was expected to differ (that is why the fix is not safe)`);
  }
}

/** Where `COPY . .` put the context: the image's WORKDIR (each fixture copies into it). */
async function workdirOf(image: string): Promise<string> {
  return ((await config(image)).WorkingDir as string) || '/';
}
