#!/usr/bin/env node
// Runs Layerwise's in-host mocha suite (test/extension/suite) inside a REAL VS
// Code extension host against the real extension, then (code-server backend)
// the user-level browser check test/browser/user-check.mjs.
//
//   node test/harness/run-extension-tests.mjs [options]
//
// Backends (the same compiled suite runs under both):
//   - electron: @vscode/test-electron's runTests. Chosen when VSCODE_EXECUTABLE
//     names a VS Code build (used as vscodeExecutablePath) or when
//     LAYERWISE_TEST_BACKEND=electron (then test-electron downloads VS Code,
//     which needs internet). Wrapped in xvfb-run when there is no $DISPLAY.
//   - code-server (default): code-server 4.139.1 on Node 24 + Debian's headless
//     Chromium driven by playwright-core, installed offline into .vscode-test/
//     by scripts/setup-vscode-host.sh (run first; quiet when already set up).
//
// Steps: `npm run build` (skipped with --extension-path) -> esbuild the suite
// into out/extension-tests/ -> run it in the host -> print mocha's report ->
// write test-results/extension.json ({passed, failed, tests:[{title,state,error}]})
// -> code-server backend only: user check -> test-results/browser.json.
//
// Exit codes: 0 all passed; 1 some test failed; 2 the build failed, the host
// could not start, timed out or produced no result (never treated as a pass).
//
// Options:
//   --grep <regex>          only tests whose full title matches (default: $LAYERWISE_TEST_GREP)
//   --no-user-check         skip the browser user check
//   --user-check            run only the browser user check (no mocha suite)
//   --extension-path <dir>  extension to load instead of the repo (no npm build);
//                           used to prove the harness with a throw-away extension
//   --suite-dir <dir>       take *.test.ts from <dir> instead of test/extension/suite
//                           (index.ts always comes from test/extension/suite)
// Environment:
//   LAYERWISE_TEST_TIMEOUT_MS  overall limit after setup (default 360000 = 6 min)
//   LAYERWISE_KEEP_RUN_DIR=1   keep the /tmp/lw-* run folder (logs) for debugging
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  HostError, RESULTS_DIR, ROOT, buildExtension, freshWorkspace, killAllGroups, makeRunDir, noResultSummary, remoteUri,
  removeRunDir, runSetup, startChromium, startCodeServer, stopGroup, tail, withTimeout,
  workbenchUrl, worstExit, writeSummary,
} from './host.mjs';

const SUITE_SRC = path.join(ROOT, 'test', 'extension', 'suite');
const SUITE_OUT = path.join(ROOT, 'out', 'extension-tests');
const TIMEOUT_MS = Number(process.env.LAYERWISE_TEST_TIMEOUT_MS || 6 * 60_000);

function parseArgs(argv) {
  const opts = { grep: process.env.LAYERWISE_TEST_GREP ?? '', userCheck: true, onlyUserCheck: false, extensionPath: '', suiteDir: SUITE_SRC };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--grep') opts.grep = value();
    else if (a === '--no-user-check') opts.userCheck = false;
    else if (a === '--user-check') opts.onlyUserCheck = true;
    else if (a === '--extension-path') opts.extensionPath = path.resolve(value());
    else if (a === '--suite-dir') opts.suiteDir = path.resolve(value());
    else if (a === '--electron-child') opts.electronChild = value(); // internal
    else usage(`unknown option ${a}`);
  }
  return opts;
}

function usage(msg) {
  console.error(`run-extension-tests: ${msg}\nsee the comment at the top of ${path.relative(ROOT, new URL(import.meta.url).pathname)}`);
  process.exit(2);
}

const log = (msg) => console.log(`[extension-tests] ${msg}`);

// -------------------------------------------------------------------- build
async function buildSuite(suiteDir) {
  const esbuild = await import('esbuild');
  const tests = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(suiteDir, f));
  if (tests.length === 0) throw new HostError(`no *.test.ts files in ${suiteDir}`);
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  try {
    await esbuild.build({
      // Flat output (index.js, x.test.js) even when --suite-dir lies elsewhere.
      entryPoints: [path.join(SUITE_SRC, 'index.ts'), ...tests]
        .map((file) => ({ in: file, out: path.basename(file, '.ts') })),
      outdir: SUITE_OUT,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // vscode is provided by the host; mocha is resolved from the repo's
      // node_modules (out/ sits in the repo) so its file loading stays intact.
      external: ['vscode', 'mocha'],
      sourcemap: 'inline',
      logLevel: 'error',
    });
  } catch (err) {
    throw new HostError(`esbuild could not compile the extension test suite: ${err.message}`);
  }
  return path.join(SUITE_OUT, 'index');
}

// --------------------------------------------------------------- summaries
function readResults(file) {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!Array.isArray(s.tests) || typeof s.passed !== 'number' || typeof s.failed !== 'number') return null;
    return s;
  } catch { return null; }
}

/**
 * Turns the in-host result (or its absence) into test-results/extension.json
 * and the exit code. A run that did not complete keeps the tests it finished
 * and gets one extra failed entry saying why (exit 2).
 */
function finishSuite(resultsFile, hostProblem) {
  const results = readResults(resultsFile);
  const complete = results?.complete === true && results.tests.length > 0 && !hostProblem;
  const tests = results?.tests ?? [];
  if (!complete) {
    const why = hostProblem ?? (results ? 'the suite did not complete' : 'the extension host produced no test results');
    tests.push({ title: 'extension host run', state: 'failed', error: why });
  }
  const passed = tests.filter((t) => t.state === 'passed').length;
  const summary = { passed, failed: tests.length - passed, tests };
  writeSummary('extension', summary);
  for (const t of tests.filter((x) => x.state === 'failed')) {
    console.log(`  FAILED: ${t.title}\n    ${String(t.error).split('\n').join('\n    ')}`);
  }
  if (!complete) console.error('[extension-tests] NO COMPLETE RESULT: the host could not start, timed out or stopped early');
  console.log(`extension: ${summary.passed} passed, ${summary.failed} failed`);
  if (!complete) return 2;
  return summary.failed > 0 ? 1 : 0;
}

// ------------------------------------------------------ code-server backend
/** Prints what gets appended to `file` until stop() (which flushes the rest). */
function followFile(file) {
  let offset = 0;
  const pump = () => {
    try {
      const buf = fs.readFileSync(file);
      if (buf.length > offset) { process.stdout.write(buf.subarray(offset)); offset = buf.length; }
    } catch { /* not created yet */ }
  };
  const timer = setInterval(pump, 300);
  return { stop: () => { clearInterval(timer); pump(); } };
}

async function runSuiteInCodeServer({ extensionPath, testsEntry, resultsFile, grep, deadline }) {
  const runDir = makeRunDir('lwh');
  const reportFile = path.join(runDir, 'mocha-report.txt');
  const procs = [];
  try {
    const ws = freshWorkspace(runDir);
    const server = await startCodeServer({
      runDir, workspace: ws,
      // The server's environment reaches the extension host.
      env: { LAYERWISE_TEST_RESULTS: resultsFile, LAYERWISE_TEST_GREP: grep, LAYERWISE_TEST_LOG: reportFile },
    });
    procs.push(server.child);
    const chrome = await startChromium({ runDir });
    procs.push(chrome.child);

    const page = await (await chrome.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    let onExit;
    const exited = new Promise((r) => { onExit = r; });
    const hostLog = fs.createWriteStream(path.join(runDir, 'workbench.log'));
    // The smoke-test driver forwards the workbench log (extension host console
    // included) to codeAutomationLog(level, message); kept for diagnosis.
    const started = Date.now();
    const stamp = () => ((Date.now() - started) / 1000).toFixed(1).padStart(6);
    await page.exposeFunction('codeAutomationLog', (level, message) => hostLog.write(`${stamp()} [${level}] ${message}\n`));
    await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
    page.on('pageerror', (e) => hostLog.write(`${stamp()} [pageerror] ${e.message}\n`));

    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, extensionPath)],
      ['extensionTestsPath', remoteUri(server.port, testsEntry)],
    ];
    await page.goto(workbenchUrl(server.base, ws, payload));
    // Stream mocha's report as the in-host runner writes it.
    const follow = followFile(reportFile);
    const code = await withTimeout(exited, Math.max(deadline - Date.now(), 1000),
      `the extension tests did not finish within the overall limit (LAYERWISE_TEST_TIMEOUT_MS=${TIMEOUT_MS})`)
      .finally(() => follow.stop());
    hostLog.end();
    if (readResults(resultsFile)?.complete !== true) {
      return `host exited with code ${code} without complete results; workbench log:${tail(path.join(runDir, 'workbench.log'), 30)}`;
    }
    return null;
  } catch (err) {
    if (err instanceof HostError) return err.message + (fs.existsSync(path.join(runDir, 'workbench.log')) ? `\nworkbench log:${tail(path.join(runDir, 'workbench.log'), 30)}` : '');
    throw err;
  } finally {
    for (const p of procs.reverse()) await stopGroup(p);
    removeRunDir(runDir);
  }
}

// --------------------------------------------------------- electron backend
async function runSuiteInElectron({ extensionPath, testsEntry, resultsFile, grep, deadline }) {
  const runDir = makeRunDir('lwe');
  try {
    const ws = freshWorkspace(runDir);
    const job = {
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: { LAYERWISE_TEST_RESULTS: resultsFile, LAYERWISE_TEST_GREP: grep },
      // test-electron adds --no-sandbox, --disable-updates, --skip-welcome etc. itself.
      launchArgs: [ws, '--disable-extensions', '--disable-gpu',
        `--user-data-dir=${path.join(runDir, 'ud')}`, `--extensions-dir=${path.join(runDir, 'ex')}`],
    };
    if (job.vscodeExecutablePath && !fs.existsSync(job.vscodeExecutablePath)) {
      return `VSCODE_EXECUTABLE=${job.vscodeExecutablePath} does not exist`;
    }
    // runTests runs in a child process group of our own so that VS Code and
    // everything it spawns can be killed on timeout.
    const self = [new URL(import.meta.url).pathname, '--electron-child', JSON.stringify(job)];
    const useXvfb = !process.env.DISPLAY && spawnSync('which', ['xvfb-run']).status === 0;
    if (!process.env.DISPLAY && !useXvfb) log('warning: no $DISPLAY and no xvfb-run; VS Code (electron) needs a display (apt-get install xvfb)');
    const [cmd, args] = useXvfb ? ['xvfb-run', ['-a', process.execPath, ...self]] : [process.execPath, self];
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', detached: true });
    const code = await withTimeout(new Promise((r) => child.once('exit', (c) => r(c))),
      Math.max(deadline - Date.now(), 1000),
      `VS Code (electron) did not finish within the overall limit (LAYERWISE_TEST_TIMEOUT_MS=${TIMEOUT_MS})`)
      .catch((err) => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } throw err; });
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    if (readResults(resultsFile)?.complete !== true) return `VS Code (electron) exited with code ${code} without complete results`;
    return null;
  } catch (err) {
    if (err instanceof HostError) return err.message;
    throw err;
  } finally {
    removeRunDir(runDir);
  }
}

async function electronChild(jobJson) {
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests(JSON.parse(jobJson));
    process.exit(0);
  } catch (err) {
    console.error(`[extension-tests] runTests: ${err?.message ?? err}`);
    process.exit(1);
  }
}

// --------------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.electronChild) return electronChild(opts.electronChild);

  const backend = process.env.VSCODE_EXECUTABLE || process.env.LAYERWISE_TEST_BACKEND === 'electron'
    ? 'electron' : 'code-server';
  const extensionPath = opts.extensionPath || ROOT;
  const resultsFile = path.join(ROOT, 'out', 'extension-tests-results.json');
  // Stale results must never be mistaken for this run's.
  for (const f of [resultsFile, ...['extension.json', 'browser.json', 'browser-build-run.json'].map(f => path.join(RESULTS_DIR, f))]) {
    fs.rmSync(f, { force: true });
  }
  const wantSuite = !opts.onlyUserCheck;
  const wantUserCheck = backend === 'code-server' && (opts.userCheck || opts.onlyUserCheck);
  if (opts.onlyUserCheck && backend !== 'code-server') usage('--user-check needs the code-server backend');

  // Setup time (a first install downloads ~200 MB) is not counted in the limit.
  if (backend === 'code-server') {
    const t0 = Date.now();
    try {
      runSetup();
      if (Date.now() - t0 > 5000) log(`host setup (first run installs code-server and Node 24) took ${Math.round((Date.now() - t0) / 1000)} s`);
    } catch (err) {
      return fail(err, wantSuite ? 'extension' : null, wantUserCheck ? 'browser' : null);
    }
  }
  const deadline = Date.now() + TIMEOUT_MS;

  if (!opts.extensionPath) {
    try { log('npm run build'); buildExtension(); } catch (err) {
      return fail(err, wantSuite ? 'extension' : null, wantUserCheck ? 'browser' : null);
    }
  }

  let suiteExit = 0;
  if (wantSuite) {
    let problem;
    try {
      const testsEntry = await buildSuite(opts.suiteDir);
      log(`running the suite in ${backend === 'electron' ? 'VS Code (electron)' : 'code-server + headless chromium'}`);
      const t0 = Date.now();
      const run = backend === 'electron' ? runSuiteInElectron : runSuiteInCodeServer;
      problem = await run({ extensionPath, testsEntry, resultsFile, grep: opts.grep, deadline });
      log(`host run took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      problem = err instanceof HostError ? err.message : (err?.stack ?? String(err));
    }
    suiteExit = finishSuite(resultsFile, problem);
  }

  let userExit = 0;
  if (wantUserCheck) {
    const { runUserCheck } = await import(pathToFileURL(path.join(ROOT, 'test', 'browser', 'user-check.mjs')).href);
    userExit = await runUserCheck({ extensionPath, deadline, skipSetup: true });
    // Build and run as a user does it, through the real quick inputs (needs the Docker engine
    // that scripts/test-all.mjs starts before this layer). Its own time budget: it builds images.
    const { runBuildRunCheck } = await import(pathToFileURL(path.join(ROOT, 'test', 'browser', 'build-run-check.mjs')).href);
    userExit = worstExit(userExit, await runBuildRunCheck({ extensionPath, deadline: Date.now() + 5 * 60_000, skipSetup: true }));
  }
  return worstExit(suiteExit, userExit);
}

function fail(err, ...summaries) {
  const msg = err instanceof HostError ? err.message : (err?.stack ?? String(err));
  console.error(`[extension-tests] ${msg}`);
  for (const name of summaries.filter(Boolean)) {
    writeSummary(name, noResultSummary(`${name} run`, msg));
    console.log(`${name}: 0 passed, 1 failed`);
  }
  return 2;
}

main().then(
  (code) => { killAllGroups(); process.exit(code ?? 0); },
  (err) => { console.error(err); killAllGroups(); process.exit(2); },
);
