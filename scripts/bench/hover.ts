/**
 * Item 3: hover latency in a generated workspace of 100,000 files, including the context-aware
 * COPY hover (what a COPY takes from the build context after .dockerignore), side by side with the
 * peer server's hovers at the same positions. Also checks that the first context scan does not
 * delay diagnostics (first publish in the big workspace against an empty folder) and how long
 * it takes until the COPY hover has its figures.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { BenchLspClient } from './lsp-client';
import { makeBenchRoot, writeInput } from './inputs';
import { layerwiseServer, peerServer } from './servers';
import { heading, median, ms, percentile, printTable, ratio, yesNo } from './stats';
import { benchWorkspace, WORKSPACE_DOCKERFILE, WORKSPACE_FILES } from './workspace';

export const HOVER_TARGET_MS = 50;

const lines = WORKSPACE_DOCKERFILE.split('\n');
const lineOf = (text: string) => lines.indexOf(text);
const HOVERS = [
  { label: 'COPY . . (context, 100k files)', line: lineOf('COPY . .'), character: 1, context: true },
  { label: 'COPY src/ ./src/ (context)', line: lineOf('COPY src/ ./src/'), character: 1, context: true },
  { label: 'RUN keyword', line: lineOf('RUN npm ci'), character: 1, context: false },
  { label: 'FROM image', line: lineOf('FROM node:20.11-bookworm AS build'), character: 7, context: false },
];

const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : JSON.stringify(h?.contents ?? null));
const SCANNING = /scanning the build context/i;

export async function benchHover(options: { rounds: number; freshOpens: number }): Promise<void> {
  heading(`3. Hover latency (generated workspace of ${WORKSPACE_FILES.toLocaleString('en')} files)`);
  const started = performance.now();
  const workspace = benchWorkspace();
  console.log(`  workspace ${workspace} ready in ${ms(performance.now() - started, 0)} (reused when it already exists)`);
  const uri = pathToFileURL(`${workspace}/Dockerfile`).toString();
  const small = writeInput(makeBenchRoot(), 'hover-empty', WORKSPACE_DOCKERFILE);

  // Diagnostics must not wait for the context scan: the same file, in an empty folder and in the big one (fresh servers).
  const emptyOpens: number[] = [], bigOpens: number[] = [];
  for (let i = 0; i < options.freshOpens; i++) {
    emptyOpens.push(await openOnFreshServer(small.uri));
    bigOpens.push(await openOnFreshServer(uri, pathToFileURL(workspace).toString()));
  }
  const lw = await BenchLspClient.start(layerwiseServer(), pathToFileURL(workspace).toString());
  const peer = await BenchLspClient.start(peerServer(), pathToFileURL(workspace).toString());
  try {
    const sent = lw.open(uri, WORKSPACE_DOCKERFILE);
    const firstPublish = await lw.waitForPublish(uri, 0, p => p.version === 1);
    const bigOpenMs = firstPublish ? firstPublish.at - sent : NaN;

    // The first COPY hover starts nothing new (the analysis already asked for the scan); poll until it has figures.
    const copy = HOVERS[0];
    const firstHover = await timedHover(lw, uri, copy);
    let scanReadyMs = NaN;
    let copyText = hoverText(firstHover.hover);
    for (let polls = 0; polls < 600; polls++) {
      if (!SCANNING.test(copyText)) { scanReadyMs = performance.now() - sent; break; }
      await new Promise(resolve => setTimeout(resolve, 50));
      copyText = hoverText((await timedHover(lw, uri, copy)).hover);
    }
    const republished = lw.publishCount(uri) > 1;

    const samples = new Map<string, { lw: number[]; peer: number[] }>(HOVERS.map(h => [h.label, { lw: [], peer: [] }]));
    peer.open(uri, WORKSPACE_DOCKERFILE);
    await peer.waitForPublish(uri, 0);
    for (let round = 0; round < options.rounds; round++) {
      for (const h of HOVERS) {
        const s = samples.get(h.label)!;
        const order = round % 2 ? [peer, lw] : [lw, peer];
        for (const client of order) (client === lw ? s.lw : s.peer).push((await timedHover(client, uri, h)).ms);
      }
    }

    const rows = HOVERS.map(h => {
      const s = samples.get(h.label)!;
      const lw95 = percentile(s.lw, 95);
      return [h.label, ms(percentile(s.lw, 50)), ms(lw95), ms(percentile(s.peer, 50)), ms(percentile(s.peer, 95)), ratio(lw95 / percentile(s.peer, 95)),
        h.context ? yesNo(lw95 <= HOVER_TARGET_MS) : 'n/a'];
    });
    console.log();
    printTable(['warm hover', 'layerwise p50', 'layerwise p95', 'peer p50', 'peer p95', 'ratio (p95)', `p95 <= ${HOVER_TARGET_MS} ms met`], rows);
    console.log(`\n  ${options.rounds} rounds of the ${HOVERS.length} hovers per server, alternating servers; the document is unchanged (analysis cached).`);
    console.log();
    printTable(['first scan', 'value'], [
      [`first publish after didOpen, empty folder (fresh server, median of ${emptyOpens.length})`, ms(median(emptyOpens))],
      [`first publish after didOpen, 100k-file workspace (fresh server, median of ${bigOpens.length})`, ms(median(bigOpens))],
      ['first publish after didOpen, 100k-file workspace (the server hovered below)', ms(bigOpenMs)],
      ['first COPY . . hover (cold, right after the publish)', `${ms(firstHover.ms)}${SCANNING.test(hoverText(firstHover.hover)) ? ' ("scanning the build context…")' : ''}`],
      ['COPY hover has figures, since didOpen', Number.isFinite(scanReadyMs) ? ms(scanReadyMs, 0) : 'not within 30 s'],
      ['diagnostics re-published when the scan landed', republished ? 'yes' : 'no'],
    ]);
    const figures = copyText.split('\n').find(l => l.startsWith('**From the build context**'));
    if (figures) console.log(`\n  COPY . . hover says: ${figures.replace(/\*\*/g, '')}`);
  } finally {
    await Promise.all([lw.stop(), peer.stop()]);
  }
}

async function timedHover(client: BenchLspClient, uri: string, h: { line: number; character: number }): Promise<{ ms: number; hover: Hover | null }> {
  const t = performance.now();
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: h.line, character: h.character } });
  return { ms: performance.now() - t, hover };
}

async function openOnFreshServer(uri: string, rootUri: string | null = null): Promise<number> {
  const client = await BenchLspClient.start(layerwiseServer(), rootUri);
  try {
    const sent = client.open(uri, WORKSPACE_DOCKERFILE);
    const publish = await client.waitForPublish(uri, 0, (p: PublishDiagnosticsParams) => p.version === 1);
    return publish ? publish.at - sent : NaN;
  } finally {
    await client.stop();
  }
}
