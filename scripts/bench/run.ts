/**
 * `npm run bench`: the benchmarks of issue #7, measured in one run on this machine and printed as
 * tables with ratios and targets (never asserted: these figures are not tests).
 *
 *   npm run bench                       everything (builds dist/ first)
 *   npm run bench -- --only lsp,engine  a subset: lsp, engine, hover, startup, memory
 *   npm run bench -- --quick            fewer edits and repetitions, for a first look
 *   npm run bench -- --no-build         measure dist/ as it is
 *   npm run bench -- --no-host          start-up: reuse the last activation probe instead of starting VS Code
 */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { REPO_ROOT } from './inputs';
import { benchEngine } from './engine';
import { benchHover } from './hover';
import { benchLspLatency } from './lsp-latency';
import { benchMemory } from './memory';
import { benchStartup } from './startup';

interface Section { name: string; run: (quick: boolean) => Promise<unknown> }

const SECTIONS: Section[] = [
  { name: 'lsp', run: quick => benchLspLatency(quick ? { edits: 36, warmup: 4, reopens: 3 } : { edits: 126, warmup: 18, reopens: 10 }) },
  { name: 'engine', run: async quick => benchEngine({ quick }) },
  { name: 'hover', run: quick => benchHover({ rounds: quick ? 30 : 120, freshOpens: quick ? 1 : 5 }) },
  { name: 'startup', run: quick => benchStartup({ runs: quick ? 5 : 10, host: !quick && !process.argv.includes('--no-host') }) },
  { name: 'memory', run: quick => benchMemory({ edits: quick ? 2000 : 10_000 }) },
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyArg = args.find(a => a.startsWith('--only'));
  const onlyValue = onlyArg?.includes('=') ? onlyArg.split('=')[1] : onlyArg ? args[args.indexOf(onlyArg) + 1] : undefined;
  const only = onlyValue ? onlyValue.split(',').map(s => s.trim()).filter(Boolean) : undefined;
  const unknown = only?.filter(n => !SECTIONS.some(s => s.name === n)) ?? [];
  if (unknown.length) {
    console.error(`bench: unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map(s => s.name).join(', ')}`);
    process.exit(2);
  }
  if (!args.includes('--no-build')) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });

  const load = os.loadavg().map(n => n.toFixed(2)).join(' ');
  console.log(`# Layerwise benchmarks${quick ? ' (quick)' : ''}\n`);
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, load average ${load}, ${new Date().toISOString()}`);
  for (const section of SECTIONS) {
    if (only && !only.includes(section.name)) continue;
    await section.run(quick);
  }
  console.log(`\nload average at the end: ${os.loadavg().map(n => n.toFixed(2)).join(' ')}`);
}

main().then(() => process.exit(0), e => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
