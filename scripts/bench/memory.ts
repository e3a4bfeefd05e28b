/**
 * Item 5: server memory under a long editing session. 50 documents open (corpus files that have a
 * RUN line, cycled), edited in rounds: one edit to every document, then wait until each has
 * published for that edit. RSS (VmRSS from /proc) is sampled every 1,000 edits, for Layerwise
 * and the peer side by side. ShellCheck is off here: it runs in its own process per edit, which
 * would make 10,000 edits take many minutes without touching the server's own memory (its result
 * cache is bounded at 500 scripts).
 */
import * as fs from 'node:fs';
import { BenchLspClient, type ServerCommand } from './lsp-client';
import { corpusFiles, editScript, makeBenchRoot, writeInput, type Edit } from './inputs';
import { layerwiseServer, peerServer } from './servers';
import { heading, printTable } from './stats';

const DOCUMENTS = 50;
const SAMPLE_EVERY = 1000;

export async function benchMemory(options: { edits: number }): Promise<void> {
  heading(`5. Memory: server RSS over ${options.edits.toLocaleString('en')} edits across ${DOCUMENTS} open documents`);
  const root = makeBenchRoot();
  const sources = corpusFiles().filter(f => /^RUN [A-Za-z]/m.test(f.text));
  const perDoc = Math.ceil(options.edits / DOCUMENTS);
  const docs = Array.from({ length: DOCUMENTS }, (_, i) => {
    const source = sources[i % sources.length];
    const { uri } = writeInput(root, 'memory', source.text, `${String(i).padStart(2, '0')}-${source.name}`);
    return { uri, text: source.text, edits: editScript(source.text, perDoc) };
  });

  const traced = (server: ServerCommand): ServerCommand => ({ ...server, transport: 'ipc', traceGc: true });
  const clients = [await BenchLspClient.start(traced(layerwiseServer({ shellcheck: false })), null), await BenchLspClient.start(traced(peerServer()), null)];
  const series: { edits: number; rss: number[]; heap: (number | undefined)[] }[] = [];
  const sample = (edits: number) => series.push({ edits, rss: clients.map(rssOf), heap: clients.map(c => c.heapAfterFullGcMB) });
  try {
    for (const client of clients) {
      for (const d of docs) client.open(d.uri, d.text);
      await Promise.all(docs.map(d => client.waitForPublish(d.uri, 0)));
    }
    sample(0);
    let done = 0;
    for (let round = 0; done < options.edits; round++) {
      const batch = docs.filter(d => round < d.edits.length).slice(0, options.edits - done);
      if (!batch.length) break;
      await Promise.all(clients.map(client => editRound(client, batch.map(d => ({ uri: d.uri, edit: d.edits[round] })))));
      const before = done;
      done += batch.length;
      if (Math.floor(done / SAMPLE_EVERY) > Math.floor(before / SAMPLE_EVERY) || done >= options.edits) {
        sample(done);
        process.stdout.write(`  ${done.toLocaleString('en')} edits\r`);
      }
    }
  } finally {
    await Promise.all(clients.map(c => c.stop()));
  }

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log();
  const heap = (v: number | undefined) => (v === undefined ? 'n/a' : `${v.toFixed(1)} MB`);
  printTable(['edits', ...clients.flatMap(c => [`${c.server.name} RSS`, 'heap after last full GC'])],
    series.map(s => [s.edits.toLocaleString('en'), ...clients.flatMap((_, i) => [mb(s.rss[i]), heap(s.heap[i])])]));
  const half = series.find(s => s.edits >= options.edits / 2) ?? series[0];
  const last = series[series.length - 1];
  console.log(`\n  growth over the second half (${half.edits.toLocaleString('en')} -> ${last.edits.toLocaleString('en')} edits): ` +
    clients.map((c, i) => `${c.server.name} RSS ${signed(last.rss[i] - half.rss[i])}` +
      (last.heap[i] !== undefined && half.heap[i] !== undefined ? `, heap ${signed((last.heap[i]! - half.heap[i]!) * 1024 * 1024)}` : '')).join('; '));
  console.log('  The heap figure is what V8 kept after its latest full collection (--trace-gc; the servers talk over Node IPC here so stdout is free).');
  console.log('  Layerwise: debounce 0, every rule on, ShellCheck off; edits are typing, backspacing and adding/removing a line in RUN lines.');

  function signed(bytes: number): string {
    return `${bytes >= 0 ? '+' : '-'}${mb(Math.abs(bytes))}`;
  }
}

/** Sends one edit to each document, then waits until each has published for it. */
async function editRound(client: BenchLspClient, edits: { uri: string; edit: Edit }[]): Promise<void> {
  const versioned = client.server.name === 'layerwise';
  const waits = edits.map(({ uri, edit }) => {
    const before = client.publishCount(uri);
    const { version } = client.change(uri, [edit.change]);
    return client.waitForPublish(uri, before, p => !versioned || p.version === version);
  });
  const results = await Promise.all(waits);
  if (results.some(r => !r)) throw new Error(`${client.server.name}: a document got no publish for its edit in time`);
}

function rssOf(client: BenchLspClient): number {
  const status = fs.readFileSync(`/proc/${client.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb * 1024;
}
