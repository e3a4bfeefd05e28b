#!/usr/bin/env node
// Runs every test layer and ends with one line: "N passed, N failed".
//   unit       engine and rule tests (rule examples run automatically), TextMate grammar tests
//   lsp        the bundled language server over JSON-RPC on stdio, and the CLI as a process
//   conformance  hadolint's and BuildKit's test cases (../shared/conformance): at least 98% agreement
//   corpus     the whole engine over ../shared/corpus/realworld: no rule may fail
//   docker     build and run against a real Docker engine (scripts/docker-engine.sh starts one)
//   extension  the real VS Code extension host (code-server + headless Chromium here,
//              @vscode/test-electron where a VS Code build is available) and a user-level browser check
// A layer that cannot start counts as a failure; nothing is skipped silently.
// `--only unit,lsp` runs a subset (types, unit, lsp, conformance, corpus, docker, extension) (for development; CI runs everything).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const RESULTS = join(ROOT, 'test-results');
const onlyArg = process.argv.find(a => a.startsWith('--only='))?.slice(7) ?? (process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined);
const only = onlyArg ? new Set(onlyArg.split(',')) : undefined;

function findTests(dirs) {
  const out = [];
  const walk = dir => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) { if (name !== 'node_modules' && name !== 'suite') walk(full); }
      else if (name.endsWith('.test.ts')) out.push(relative(ROOT, full));
    }
  };
  dirs.forEach(d => walk(join(ROOT, d)));
  return out.sort();
}

function run(cmd, args, extraEnv = {}) {
  const shown = args.length > 8 ? [...args.slice(0, 8), `… (${args.length - 8} more)`] : args;
  console.log(`\n$ ${cmd} ${shown.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return r.status ?? 1;
}

/** Runs node's test runner; counts come from a TAP copy of the results. */
function nodeTests(name, dirs) {
  const files = findTests(dirs);
  if (!files.length) return { name, passed: 0, failed: 1, note: `no test files found in ${dirs.join(', ')}` };
  const tap = join(RESULTS, `${name}.tap`);
  const status = run(process.execPath, [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = key => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  const passed = count('pass'), failed = count('fail');
  if (!Number.isFinite(passed)) return { name, passed: 0, failed: 1, note: `test runner produced no results (exit ${status})` };
  if (status !== 0 && failed === 0) return { name, passed, failed: 1, note: `runner exited ${status}` };
  return { name, passed, failed };
}

/** Layers that report through a JSON summary file `{passed, failed}`. */
function jsonLayer(name, cmd, args, summaryFiles) {
  summaryFiles.forEach(f => rmSync(join(RESULTS, f), { force: true }));
  const status = run(cmd, args);
  let passed = 0, failed = 0;
  const missing = [];
  for (const f of summaryFiles) {
    const file = join(RESULTS, f);
    if (!existsSync(file)) { missing.push(f); continue; }
    const summary = JSON.parse(readFileSync(file, 'utf8'));
    passed += summary.passed; failed += summary.failed;
  }
  if (missing.length) return { name, passed, failed: failed + 1, note: `no results (${missing.join(', ')}); exit ${status}` };
  if (status !== 0 && failed === 0) return { name, passed, failed: 1, note: `exit ${status}` };
  return { name, passed, failed };
}

/** A script whose exit status is the verdict: one check, passed or failed. */
function scriptLayer(name, cmd, args) {
  const status = run(cmd, args);
  return status === 0 ? { name, passed: 1, failed: 0 } : { name, passed: 0, failed: 1, note: `exit ${status}` };
}

/** Peer data and the real-world corpus live beside the project (../shared), never inside it. */
const SHARED = process.env.LAYERWISE_SHARED ?? join(ROOT, '..', 'shared');

mkdirSync(RESULTS, { recursive: true });
const layers = [];
const want = name => !only || only.has(name);

if (run('npm', ['run', '--silent', 'build']) !== 0) {
  console.error('\nThe build failed; no tests were run.');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
if (want('types')) layers.push(scriptLayer('types', process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--noEmit']));
if (want('unit') && !process.env.LAYERWISE_SHELL_GRAMMAR) {
  // The grammar tests (test/grammar, unit layer) embed VS Code's own shell grammar, which comes with
  // the extension host's code-server; installing it here (idempotent, needed by the extension layer
  // anyway) lets a fresh clone run them. If it fails, those tests fail and say why.
  run('bash', ['scripts/setup-vscode-host.sh']);
}
if (want('unit')) {
  layers.push(nodeTests('unit', ['server/src', 'client/src', 'test/engine', 'test/grammar']));
}
if (want('lsp')) layers.push(nodeTests('lsp', ['test/lsp', 'test/cli']));
if (want('conformance')) {
  // hadolint's and BuildKit's own test cases, through our aliases: at least 98% must agree.
  layers.push(scriptLayer('conformance', process.execPath, ['--import', 'tsx', 'scripts/conformance.ts', join(SHARED, 'conformance'), '--min', '98']));
}
if (want('corpus')) {
  // Zero rule failures over real Dockerfiles, with findings per rule and time per file in the log.
  layers.push(scriptLayer('corpus', process.execPath, ['--import', 'tsx', 'scripts/corpus.ts', join(SHARED, 'corpus', 'realworld')]));
}
if (want('docker')) {
  // The engine must answer; if it cannot be started the layer fails rather than skips.
  const engine = run('bash', ['scripts/docker-engine.sh', '--python']);
  layers.push(engine === 0 ? nodeTests('docker', ['test/docker']) : { name: 'docker', passed: 0, failed: 1, note: 'no Docker engine could be started (scripts/docker-engine.sh failed)' });
}
if (want('extension')) {
  // The browser check needs code-server; with a desktop VS Code build only the in-host suite runs.
  const electron = !!process.env.VSCODE_EXECUTABLE || process.env.LAYERWISE_TEST_BACKEND === 'electron';
  layers.push(jsonLayer('extension', process.execPath, ['test/harness/run-extension-tests.mjs'], electron ? ['extension.json'] : ['extension.json', 'browser.json', 'browser-build-run.json']));
}

console.log('\nSummary by layer:');
for (const l of layers) console.log(`  ${l.name.padEnd(10)} ${l.passed} passed, ${l.failed} failed${l.note ? `  (${l.note})` : ''}`);
const passed = layers.reduce((n, l) => n + l.passed, 0);
const failed = layers.reduce((n, l) => n + l.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
