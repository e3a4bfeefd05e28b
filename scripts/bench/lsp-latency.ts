/**
 * Item 1: diagnostics latency over LSP, Layerwise against dockerfile-language-server-nodejs, on the
 * same inputs and the same edits, one edit at a time. Both servers run side by side and the edits
 * alternate between them (which one goes first alternates too), so load on the shared machine
 * hits both alike.
 *
 * A latency is the time from sending didChange (or didOpen) to reading the publishDiagnostics for
 * it: for Layerwise the first publish carrying that version (debounce set to 0); the peer sends
 * no versions and validates on every change, so its next publish for the document is the one.
 * Layerwise publishes again when ShellCheck's findings for that version are merged in: that second
 * publish is measured separately, and the next edit waits for it so it never overlaps.
 */
import { BenchLspClient, type Publish } from './lsp-client';
import { editScript, largeInput, makeBenchRoot, mediumInput, writeInput, type BenchInput } from './inputs';
import { layerwiseServer, peerServer } from './servers';
import { heading, ms, percentile, printTable, ratio, yesNo } from './stats';

export interface LspLatencyOptions { edits: number; warmup: number; reopens: number }

export interface LatencyRow {
  input: BenchInput;
  open: { layerwise: number; peer: number; layerwiseShellCheck?: number };
  reopen: { layerwise: number[]; peer: number[] };
  change: { layerwise: number[]; peer: number[]; shellcheck: number[]; shellcheckMissing: number };
  diagnostics: { layerwise: number; peer: number };
}

/** The peer's latency target: Layerwise's p95 at most a third of the peer's. */
export const TARGET_FRACTION = 1 / 3;
const SHELLCHECK_WAIT_MS = 5000;

export async function benchLspLatency(options: LspLatencyOptions): Promise<LatencyRow[]> {
  heading('1. Diagnostics latency over LSP (change -> publishDiagnostics)');
  const root = makeBenchRoot();
  const medium = mediumInput();
  const inputs = [medium, largeInput(medium)];
  const rows: LatencyRow[] = [];
  for (const input of inputs) {
    process.stdout.write(`  ${input.label}: ${input.lines} lines (${input.recipe}), ${options.edits} edits after ${options.warmup} warm-up ... `);
    rows.push(await measureInput(root, input, options));
    console.log('done');
  }
  printLatency(rows, options);
  return rows;
}

async function measureInput(root: string, input: BenchInput, options: LspLatencyOptions): Promise<LatencyRow> {
  const { uri } = writeInput(root, `lsp-${input.label}`, input.text);
  const lw = await BenchLspClient.start(layerwiseServer(), null);
  const peer = await BenchLspClient.start(peerServer(), null);
  try {
    const lwOpen = await openAndWait(lw, uri, input.text, 1);
    const lwOpenShellCheck = await shellCheckPublish(lw, uri, 1, lwOpen.count, lwOpen.sent);
    const peerOpen = await openAndWait(peer, uri, input.text, 1);
    const row: LatencyRow = {
      input,
      open: { layerwise: lwOpen.ms, peer: peerOpen.ms, layerwiseShellCheck: lwOpenShellCheck },
      reopen: { layerwise: [], peer: [] },
      change: { layerwise: [], peer: [], shellcheck: [], shellcheckMissing: 0 },
      diagnostics: { layerwise: lwOpen.publish.params.diagnostics.length, peer: peerOpen.publish.params.diagnostics.length },
    };

    const edits = editScript(input.text, options.warmup + options.edits);
    for (const [i, edit] of edits.entries()) {
      const record = i >= options.warmup;
      const steps = [
        async () => {
          const before = lw.publishCount(uri);
          const sent = lw.change(uri, [edit.change]);
          const first = await must(lw.waitForPublish(uri, before, p => p.version === sent.version), lw, 'publish after didChange');
          // Counted from the first publish, not from what has arrived by now: both may come in one read.
          const merged = await shellCheckPublish(lw, uri, sent.version, first.index + 1, sent.at);
          if (!record) return;
          row.change.layerwise.push(first.at - sent.at);
          if (merged === undefined) row.change.shellcheckMissing++; else row.change.shellcheck.push(merged);
        },
        async () => {
          const before = peer.publishCount(uri);
          const sent = peer.change(uri, [edit.change]);
          const next = await must(peer.waitForPublish(uri, before), peer, 'publish after didChange');
          if (record) row.change.peer.push(next.at - sent.at);
        },
      ];
      if (i % 2) steps.reverse();
      for (const step of steps) await step();
    }

    // Reopening (close, open again) shows the open latency once the server is warm.
    for (let i = 0; i < options.reopens; i++) {
      for (const [client, list] of [[lw, row.reopen.layerwise], [peer, row.reopen.peer]] as const) {
        // The close publishes an empty list; wait for it so it is not taken for the open's answer.
        const beforeClose = client.publishCount(uri);
        client.close(uri);
        await must(client.waitForPublish(uri, beforeClose, p => p.version === undefined && !p.diagnostics.length), client, 'publish after didClose');
        const opened = await openAndWait(client, uri, input.text, 1);
        if (client === lw) await shellCheckPublish(lw, uri, 1, opened.count, opened.sent);
        list.push(opened.ms);
      }
    }
    return row;
  } finally {
    await Promise.all([lw.stop(), peer.stop()]);
  }
}

async function openAndWait(client: BenchLspClient, uri: string, text: string, version: number) {
  // A close publishes an empty list; only publishes after the open count.
  const before = client.publishCount(uri);
  const sent = client.open(uri, text, version);
  const versioned = client.server.name === 'layerwise';
  const publish = await must(client.waitForPublish(uri, before, p => !versioned || p.version === version), client, 'publish after didOpen');
  return { sent, publish, ms: publish.at - sent, count: publish.index + 1 };
}

/** The ShellCheck-merged publish of `version` (after the first `after` publishes), in ms since `sentAt`. */
async function shellCheckPublish(lw: BenchLspClient, uri: string, version: number, after: number, sentAt: number): Promise<number | undefined> {
  const merged = await lw.waitForPublish(uri, after, p => p.version === version && p.diagnostics.some(d => /^SC\d+$/.test(String(d.code))), SHELLCHECK_WAIT_MS);
  return merged ? merged.at - sentAt : undefined;
}

async function must(pending: Promise<Publish | undefined>, client: BenchLspClient, what: string): Promise<Publish> {
  const publish = await pending;
  if (!publish) throw new Error(`${client.server.name}: no ${what} within the time limit`);
  return publish;
}

function printLatency(rows: LatencyRow[], options: LspLatencyOptions): void {
  console.log();
  const table: string[][] = [];
  for (const r of rows) {
    const size = `${r.input.label} (${r.input.lines} lines)`;
    const lw50 = percentile(r.change.layerwise, 50), lw95 = percentile(r.change.layerwise, 95);
    const peer50 = percentile(r.change.peer, 50), peer95 = percentile(r.change.peer, 95);
    const sc50 = percentile(r.change.shellcheck, 50), sc95 = percentile(r.change.shellcheck, 95);
    table.push([size, 'change: first publish (all rules)', ms(lw50), ms(lw95), ms(peer50), ms(peer95), ratio(lw95 / peer95), yesNo(lw95 <= peer95 * TARGET_FRACTION)]);
    table.push([size, 'change: ShellCheck-merged publish', ms(sc50), ms(sc95), ms(peer50), ms(peer95), ratio(sc95 / peer95), 'n/a']);
    table.push([size, 'didOpen (cold, first document)', ms(r.open.layerwise), '', ms(r.open.peer), '', ratio(r.open.layerwise / r.open.peer), 'n/a']);
    table.push([size, `didOpen (warm, ${r.reopen.layerwise.length} reopens)`, ms(percentile(r.reopen.layerwise, 50)), ms(percentile(r.reopen.layerwise, 95)),
      ms(percentile(r.reopen.peer, 50)), ms(percentile(r.reopen.peer, 95)), ratio(percentile(r.reopen.layerwise, 95) / percentile(r.reopen.peer, 95)), 'n/a']);
  }
  printTable(['input', 'measure', 'layerwise p50', 'layerwise p95', 'peer p50', 'peer p95', 'ratio (p95)', 'target <= 0.33x met'], table);
  console.log(`\n  ${options.edits} measured edits per input (after ${options.warmup} warm-up): typing "true && " into a RUN line key by key, backspacing it, adding and removing a RUN line.`);
  console.log('  Layerwise: debounce 0 (layerwise.validate.debounce; the editor default adds 150 ms after the last keystroke, not counted here), every rule on (experimental ones too), ShellCheck on.');
  for (const r of rows) {
    console.log(`  ${r.input.label}: diagnostics on open — layerwise ${r.diagnostics.layerwise}, peer ${r.diagnostics.peer}; ShellCheck-merged publish missing for ${r.change.shellcheckMissing} of ${r.change.layerwise.length} edits` +
      (r.open.layerwiseShellCheck !== undefined ? `; on open it came after ${ms(r.open.layerwiseShellCheck)}` : ''));
  }
}
