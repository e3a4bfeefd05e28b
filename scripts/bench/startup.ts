/**
 * Item 4: start-up. Extension activation inside the real VS Code extension host (the probe
 * test/extension/suite/activation-time.test.ts, run through the extension-test harness), the
 * server's initialize round trip against the peer's, the CLI on one small file, the VSIX size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchLspClient } from './lsp-client';
import { CLI_JS, makeBenchRoot, REPO_ROOT, writeInput } from './inputs';
import { layerwiseServer, peerServer } from './servers';
import { heading, median, ms, percentile, printTable, yesNo } from './stats';

export const CLI_TARGET_MS = 150;
export const VSIX_TARGET_BYTES = 1.5 * 1024 * 1024;
const ACTIVATION_RESULT = path.join(REPO_ROOT, 'test-results', 'bench-activation.json');
const ACTIVATION_SUITE = 'bench: activation time';

/** A small real file: the corpus's own 13-line example would do, but a fixed text keeps runs comparable. */
const SMALL_DOCKERFILE = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
USER 1000
CMD ["python", "main.py"]
`;

export async function benchStartup(options: { runs: number; host: boolean }): Promise<void> {
  heading('4. Start-up');
  const rows: string[][] = [];

  const activation = options.host ? runActivationProbe() : readActivation();
  if (activation.result) {
    const r = activation.result;
    rows.push(['extension activate() in the real extension host (client load + server start + initialize)', ms(r.activateMs), '', `VS Code ${r.vscode}, ${activation.note}`]);
    rows.push(['  then open a Dockerfile -> first diagnostics in the editor', ms(r.firstDiagnosticsMs), '', '']);
  } else {
    rows.push(['extension activate() in the real extension host', 'n/a', '', activation.note]);
  }

  for (const server of [layerwiseServer(), peerServer()]) {
    const times: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const client = await BenchLspClient.start(server, null);
      times.push(client.initializeMs);
      await client.stop();
    }
    rows.push([`${server.name}: spawn -> initialize result (bundle load included), median of ${options.runs}`, ms(median(times)), '', `p95 ${ms(percentile(times, 95))}`]);
  }
  const nodeAlone = wallTimes([process.execPath, '-e', '0'], options.runs);
  rows.push([`node -e 0 (the floor every process pays), median of ${options.runs}`, ms(median(nodeAlone)), '', '']);

  const { file } = writeInput(makeBenchRoot(), 'cli-small', SMALL_DOCKERFILE);
  const nodeCpu = cpuTime([process.execPath, '-e', '0']);
  // The last variant is the CLI as it started before its V8 code cache (server/src/cli/launch.ts).
  const variants = [['', [], {}], [' --no-shellcheck', ['--no-shellcheck'], {}], [' --no-shellcheck, no code cache', ['--no-shellcheck'], { LAYERWISE_NO_COMPILE_CACHE: '1' }]] as const;
  for (const [label, extra, env] of variants) {
    const argv = [process.execPath, CLI_JS, 'check', ...extra, file];
    const times = wallTimes(argv, options.runs, env);
    const med = median(times);
    const cpu = cpuTime(argv, env);
    rows.push([`node dist/cli.js check${label} small.Dockerfile (${SMALL_DOCKERFILE.split('\n').length - 1} lines), wall, median of ${options.runs}`, ms(med),
      label ? '' : `${yesNo(med <= CLI_TARGET_MS)} (<= ${CLI_TARGET_MS} ms)`,
      `p95 ${ms(percentile(times, 95))}${cpu ? `; CPU (user+sys, children included) ${ms(cpu, 0)} against ${ms(nodeCpu ?? NaN, 0)} for node -e 0` : ''}`]);
  }

  const vsix = vsixSize();
  rows.push([`VSIX size (${vsix.how})`, vsix.bytes ? `${(vsix.bytes / 1024 / 1024).toFixed(2)} MB` : 'n/a', vsix.bytes && vsix.packaged ? `${yesNo(vsix.bytes <= VSIX_TARGET_BYTES)} (<= 1.5 MB)` : 'n/a (not a .vsix)', vsix.note]);
  console.log();
  printTable(['measure', 'value', 'target met', 'notes'], rows);
}

function wallTimes(argv: string[], runs: number, env: Record<string, string> = {}): number[] {
  const times: number[] = [];
  const options = { stdio: 'ignore', env: { ...process.env, ...env } } as const;
  spawnSync(argv[0], argv.slice(1), options); // warm the file cache (and the CLI's code cache)
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(argv[0], argv.slice(1), options);
    times.push(performance.now() - t);
    if (r.error) throw r.error;
  }
  return times;
}

/** User + system CPU of one run (with its children, e.g. ShellCheck), by /usr/bin/time; load hardly changes it. */
function cpuTime(argv: string[], env: Record<string, string> = {}): number | undefined {
  if (!fs.existsSync('/usr/bin/time')) return undefined;
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', 'LWCPU %U %S', ...argv], { encoding: 'utf8', env: { ...process.env, ...env } });
    const m = /LWCPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    if (m) samples.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  return samples.length ? median(samples) : undefined;
}

interface ActivationResult { activateMs: number; firstDiagnosticsMs: number; vscode: string; at: string }

function readActivation(note = ''): { result?: ActivationResult; note: string } {
  try {
    const result = JSON.parse(fs.readFileSync(ACTIVATION_RESULT, 'utf8')) as ActivationResult;
    return { result, note: note || `recorded ${result.at} by an earlier host run (pass --host to measure again)` };
  } catch {
    return { note: note || `no recorded result; run with --host (or LAYERWISE_TEST_GREP='${ACTIVATION_SUITE}' node scripts/test-all.mjs --only extension)` };
  }
}

/** Runs the probe suite alone in the real extension host (the harness builds dist/ itself). */
function runActivationProbe(): { result?: ActivationResult; note: string } {
  if (!fs.existsSync(path.join(REPO_ROOT, '.vscode-test'))) return { note: 'the extension host is not set up (npm run setup:vscode-host)' };
  const before = fs.existsSync(ACTIVATION_RESULT) ? fs.statSync(ACTIVATION_RESULT).mtimeMs : 0;
  process.stdout.write('  running the activation probe in the real extension host (about a minute) ... ');
  const r = spawnSync(process.execPath, ['test/harness/run-extension-tests.mjs', '--grep', ACTIVATION_SUITE, '--no-user-check'],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10 * 60_000 });
  console.log(r.status === 0 ? 'done' : `failed (exit ${r.status})`);
  const fresh = fs.existsSync(ACTIVATION_RESULT) && fs.statSync(ACTIVATION_RESULT).mtimeMs > before;
  if (!fresh) return { note: `the host run produced no result: ${(r.stdout + r.stderr).trim().split('\n').slice(-5).join(' / ')}` };
  return readActivation('measured in this run (code-server host)');
}

/** Packages with vsce (offline) into a temp folder; falls back to the files .vscodeignore keeps. */
function vsixSize(): { bytes?: number; packaged: boolean; how: string; note: string } {
  const out = path.join(makeBenchRoot(), 'layerwise.vsix');
  try {
    execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'),
      ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', out],
      { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 });
    return { bytes: fs.statSync(out).size, packaged: true, how: 'vsce package', note: 'compressed archive as shipped' };
  } catch (e) {
    const kept = ['package.json', 'README.md', 'LICENSE', 'dist/client.js', 'dist/server.js', 'language-configuration.json']
      .map(f => path.join(REPO_ROOT, f)).filter(f => fs.existsSync(f));
    const rulePages = fs.readdirSync(path.join(REPO_ROOT, 'docs', 'rules')).filter(f => f.endsWith('.md')).map(f => path.join(REPO_ROOT, 'docs', 'rules', f));
    const grammar = fs.readdirSync(path.join(REPO_ROOT, 'syntaxes')).filter(f => f.endsWith('.json')).map(f => path.join(REPO_ROOT, 'syntaxes', f));
    const bytes = [...kept, ...rulePages, ...grammar].filter(f => fs.statSync(f).isFile()).reduce((n, f) => n + fs.statSync(f).size, 0);
    const said = `${(e as { stderr?: Buffer }).stderr ?? ''}`.split('\n').find(l => /error/i.test(l))?.trim();
    return { bytes, packaged: false, how: 'files .vscodeignore keeps, uncompressed', note: `vsce package failed: ${said ?? (e as Error).message.split('\n')[0]}` };
  }
}
