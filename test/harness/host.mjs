// Shared plumbing for the code-server + headless Chromium route to a real VS
// Code extension host (see /work/shared/vscode-host/RECIPE.md). Used by
// run-extension-tests.mjs (in-host mocha suite) and test/browser/user-check.mjs
// (user-level Playwright check). Every child process is started in its own
// process group and killed by group when the run ends, whatever happens.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const HOST_DIR = process.env.LAYERWISE_VSCODE_TEST_DIR || path.join(ROOT, '.vscode-test');
export const NODE24 = path.join(HOST_DIR, 'node-v24.21.0', 'bin', 'node');
export const CODE_SERVER_ENTRY = path.join(
  HOST_DIR, 'code-server-4.139.1', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.LAYERWISE_CHROMIUM || '/usr/bin/chromium';
export const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

/** Raised for "the host could not start / produced no result" (exit code 2). */
export class HostError extends Error {}

// ----------------------------------------------------------- process groups
const liveGroups = new Set();

/** Kills every process group started here. Synchronous so it works in 'exit'. */
export function killAllGroups() {
  for (const pid of liveGroups) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  liveGroups.clear();
}
process.on('exit', killAllGroups);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { killAllGroups(); process.exit(2); });
}

/** Spawns `cmd` as the leader of a new process group, tracked for cleanup. */
function spawnGroup(cmd, args, opts) {
  const child = spawn(cmd, args, { ...opts, detached: true });
  if (child.pid) liveGroups.add(child.pid);
  child.once('exit', () => liveGroups.delete(child.pid));
  return child;
}

/** SIGTERM the group, then SIGKILL after a grace period. */
export async function stopGroup(child, graceMs = 2000) {
  if (!child?.pid || !liveGroups.has(child.pid)) return;
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
  const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, graceMs);
  await Promise.race([exited, sleep(graceMs + 1000)]);
  clearTimeout(t);
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  liveGroups.delete(child.pid);
}

// ------------------------------------------------------------------- helpers
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, rej) => { t = setTimeout(() => rej(new HostError(`${what}: timed out after ${Math.round(ms / 1000)} s`)), ms); }),
  ]).finally(() => clearTimeout(t));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs scripts/setup-vscode-host.sh (idempotent, quiet when warm). */
export function runSetup({ timeoutMs = 12 * 60_000 } = {}) {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-vscode-host.sh')], {
    stdio: ['ignore', 'inherit', 'inherit'], timeout: timeoutMs,
  });
  if (r.error || r.status !== 0) {
    throw new HostError(`scripts/setup-vscode-host.sh failed (${r.error?.message ?? `exit ${r.status}`})`);
  }
}

/** `npm run build` of the repo's extension; throws HostError when unusable. */
export function buildExtension() {
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new HostError(`npm run build failed (${r.error?.message ?? `exit ${r.status}`}); the extension cannot be tested`);
  }
  const main = path.join(ROOT, 'dist', 'client.js');
  if (!fs.existsSync(main)) throw new HostError(`npm run build succeeded but ${main} (package.json "main") does not exist`);
}

/**
 * A short per-run folder under /tmp (Unix socket paths must stay under ~107
 * bytes) holding TMPDIR, XDG dirs, user data, extensions and the workspace.
 */
export function makeRunDir(tag = 'lwh') {
  const dir = fs.mkdtempSync(path.join('/tmp', `${tag}-`));
  for (const sub of ['tmp', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/runtime', 'ud/User', 'ex', 'chrome']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  fs.chmodSync(path.join(dir, 'xdg/runtime'), 0o700);
  return dir;
}

export function removeRunDir(dir) {
  if (dir && !process.env.LAYERWISE_KEEP_RUN_DIR) fs.rmSync(dir, { recursive: true, force: true });
}

/** Copies the fixture workspace to `<runDir>/<name>` and returns its path. */
export function freshWorkspace(runDir, name = 'ws') {
  const ws = path.join(runDir, name);
  fs.cpSync(FIXTURE_WORKSPACE, ws, { recursive: true });
  return ws;
}

export function runEnv(runDir, extra = {}) {
  return {
    ...process.env,
    TMPDIR: path.join(runDir, 'tmp'),
    XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg/cache'),
    XDG_RUNTIME_DIR: path.join(runDir, 'xdg/runtime'),
    ...extra,
  };
}

/** User settings that keep the workbench quiet and deterministic. */
export const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'files.autoSave': 'off',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 150,
};

// -------------------------------------------------------------- code-server
/**
 * Starts code-server and waits until it answers /healthz.
 * Returns { child, port, base, log, logFile }.
 */
export async function startCodeServer(opts) {
  if (!fs.existsSync(NODE24) || !fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new HostError(`code-server is not installed under ${HOST_DIR}; run scripts/setup-vscode-host.sh`);
  }
  // The free port is found before code-server binds it; another process can
  // take it in between, so retry once on EADDRINUSE.
  try {
    return await startCodeServerOnce(opts);
  } catch (err) {
    if (!(err instanceof HostError) || !/EADDRINUSE/.test(err.message)) throw err;
    return startCodeServerOnce(opts);
  }
}

async function startCodeServerOnce({ runDir, workspace, env = {}, smokeTestDriver = true, timeoutMs = 60_000 }) {
  fs.writeFileSync(path.join(runDir, 'ud/User/settings.json'), JSON.stringify(QUIET_USER_SETTINGS, null, 2));
  const port = await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', path.join(runDir, 'ud'),
    '--extensions-dir', path.join(runDir, 'ex'),
    '--ignore-last-opened',
  ];
  // Without the smoke-test driver the built workbench ignores the test payload.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(workspace);

  const logFile = path.join(runDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawnGroup(NODE24, args, { env: runEnv(runDir, env), stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exitInfo = null;
  child.once('exit', (code, sig) => { exitInfo = `exit ${code ?? sig}`; });

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitInfo) throw new HostError(`code-server ended during start-up (${exitInfo}); log: ${tail(logFile)}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return { child, port, base, logFile };
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  throw new HostError(`code-server did not answer ${base}/healthz within ${timeoutMs / 1000} s; log: ${tail(logFile)}`);
}

/** Installs a .vsix into `<runDir>/ex` with code-server's own CLI. */
export function installVsix(runDir, vsix) {
  const r = spawnSync(NODE24, [CODE_SERVER_ENTRY,
    '--user-data-dir', path.join(runDir, 'ud'), '--extensions-dir', path.join(runDir, 'ex'),
    '--install-extension', vsix], { env: runEnv(runDir), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new HostError(`installing ${vsix} failed: ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
}

export function tail(file, lines = 25) {
  try {
    return '\n' + fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch { return '(no log)'; }
}

/** vscode-remote:// URI for a path on the server; host:port must match the page's. */
export const remoteUri = (port, p) => `vscode-remote://127.0.0.1:${port}${p}`;

/** Workbench URL opening `folder`, optionally with a smoke-test payload. */
export function workbenchUrl(base, folder, payload) {
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

// ------------------------------------------------------------------ chromium
/**
 * Starts Debian's headless Chromium in its own process group and connects
 * Playwright to it over CDP. Never lets Playwright fetch a browser of its own.
 * Returns { browser, child }.
 */
export async function startChromium({ runDir, timeoutMs = 30_000 }) {
  if (!fs.existsSync(CHROMIUM)) throw new HostError(`${CHROMIUM} not found; run scripts/setup-vscode-host.sh`);
  const { chromium } = await import('playwright-core');
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage', '--window-size=1400,900',
    '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0',
    `--user-data-dir=${path.join(runDir, 'chrome')}`, 'about:blank',
  ];
  const logFile = path.join(runDir, 'chromium.log');
  const child = spawnGroup(CHROMIUM, args, { env: runEnv(runDir), stdio: ['ignore', 'ignore', 'pipe'] });
  const log = fs.createWriteStream(logFile);
  const wsEndpoint = await withTimeout(new Promise((resolve, reject) => {
    let buf = '';
    child.stderr.on('data', (d) => {
      log.write(d);
      buf += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code, sig) => reject(new HostError(`chromium ended during start-up (exit ${code ?? sig})${tail(logFile)}`)));
  }), timeoutMs, 'starting chromium');
  const browser = await chromium.connectOverCDP(wsEndpoint);
  return { browser, child, logFile };
}

// ---------------------------------------------------------------- summaries
/** Writes {passed, failed, tests} to test-results/<name>.json; returns the path. */
export function writeSummary(name, summary) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(summary, null, 2) + '\n');
  return file;
}

/** Summary recorded when no test result exists at all (counts as a failure). */
export function noResultSummary(title, error) {
  return { passed: 0, failed: 1, tests: [{ title, state: 'failed', error: String(error) }] };
}

/** 2 beats 1 beats 0: "could not run" is worse than "tests failed". */
export const worstExit = (...codes) => Math.max(...codes);
