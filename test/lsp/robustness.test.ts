// The bundled server survives what editors and broken clients send (issue #7): huge and odd
// documents, bytes that are not UTF-8, line endings of every kind, deep nesting, malformed and
// cancelled requests, requests for closed documents, and a burst of 1,000 edits a second, after
// which the published diagnostics are those of a fresh analysis of the final text.
// Every case ends by checking that the server still answers a normal request within a bound.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError, type Diagnostic, type PublishDiagnosticsParams, type ServerCapabilities } from 'vscode-languageserver-protocol/node';
import fc from 'fast-check';
import { fuzzInput } from '../fuzz/inputs';
import { loadSeeds } from '../fuzz/seeds';
import { APP_CONTEXT, APP_DOCKERFILE } from '../helpers/fixtures';
import { LspTestClient } from '../helpers/lsp-client';
import { frame, openWithBytes, sendRawMessage, writeRaw } from '../helpers/lsp-raw';
import { fileUri, makeTempDir } from '../helpers/paths';

const SETTINGS = { layerwise: { shellcheck: { enable: false } } };
/** A normal request must be answered within this, after every case. */
const ANSWER_MS = 15_000;
/** Diagnostics for the huge documents (a loaded CI machine included). */
const HUGE_MS = 120_000;

/** Deterministic pseudo-random numbers (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Code, range and message of each diagnostic, sorted: what two analyses must agree on. */
function essentials(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(d => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message}`).sort();
}

function codesByLine(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map(d => `${String(d.code)}@${d.range.start.line}`).sort();
}

/** A control document stays open; hovering its FROM must keep working whatever happened before. */
async function assertResponsive(client: LspTestClient, control: string, what: string): Promise<void> {
  const started = Date.now();
  const hover = await client.request('textDocument/hover', { textDocument: { uri: control }, position: { line: 0, character: 1 } }, ANSWER_MS);
  assert.ok(hover, `after ${what}: the hover on the control document came back empty.${client.describe(control)}`);
  assert.equal(client.exitCode, null, `after ${what}: the server exited.${client.describe()}`);
  assert.ok(Date.now() - started < ANSWER_MS, `after ${what}: answered in ${Date.now() - started} ms`);
}

/** Resolves with the result or the error of a request: what matters is that it is answered. */
async function settle(promise: Promise<unknown>): Promise<{ result?: unknown; error?: ResponseError<unknown> }> {
  try {
    return { result: await promise };
  } catch (e) {
    if (e instanceof ResponseError) return { error: e };
    throw e;
  }
}

describe('language server robustness: documents', () => {
  let client: LspTestClient;
  let dir: string;
  let control: string;
  const uri = (name: string) => fileUri(path.join(dir, name));

  before(async () => {
    client = await LspTestClient.start({ settings: SETTINGS });
    dir = makeTempDir(APP_CONTEXT);
    control = uri('Dockerfile');
    await client.open(control, APP_DOCKERFILE);
    await client.waitForVersion(control, 1);
  });
  after(async () => { await client?.shutdown(); });

  it('a 10 MB document', async () => {
    const unit = 'FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt && apt-get update\nENV A=1 B=${A:-2}\nCOPY . .\nCMD ["python", "app.py"]\n';
    const text = unit.repeat(Math.ceil(10_000_000 / unit.length));
    const huge = uri('huge.Dockerfile');
    await client.open(huge, text);
    const p = await client.waitForVersion(huge, 1, () => true, HUGE_MS);
    // Too large to analyse (server/src/lsp/limits.ts): one notice, and every request answers at once.
    assert.deepEqual(p.diagnostics.map(d => d.code), ['document-too-large'], JSON.stringify(p.diagnostics).slice(0, 500));
    await assertResponsive(client, control, 'a 10 MB document');
    const hover = await settle(client.request('textDocument/hover', { textDocument: { uri: huge }, position: { line: 5, character: 2 } }, ANSWER_MS));
    assert.ok(!hover.error, hover.error?.message);
    // Cut down to a normal size, it is analysed again.
    const version = await client.change(huge, APP_DOCKERFILE);
    const small = await client.waitForVersion(huge, version, () => true, HUGE_MS);
    assert.ok(codesByLine(small).includes('base-image-latest@0'), JSON.stringify(codesByLine(small)));
    await client.close(huge);
  });

  it('a single line of 1 MB', async () => {
    const long = uri('long-line.Dockerfile');
    await client.open(long, `FROM python:latest\nRUN echo ${'ab '.repeat(333_334)}\n`);
    const p = await client.waitForVersion(long, 1, () => true, HUGE_MS);
    assert.deepEqual(codesByLine(p).filter(c => c.startsWith('base-image-latest')), ['base-image-latest@0'], 'the rest of the file is still analysed');
    const hover = await settle(client.request('textDocument/hover', { textDocument: { uri: long }, position: { line: 1, character: 500_000 } }, ANSWER_MS));
    assert.ok(!hover.error, `hover in the middle of the long line: ${hover.error?.message}`);
    await assertResponsive(client, control, 'a 1 MB line');
    await client.close(long);
  });

  it('binary content', async () => {
    const next = random(7);
    const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, () => Math.floor(next() * 256)));
    const binary = uri('binary.Dockerfile');
    await client.open(binary, bytes.toString('latin1'));
    await client.waitForVersion(binary, 1, () => true, HUGE_MS);
    for (let i = 0; i < 10; i++) {
      const r = await settle(client.request('textDocument/hover', { textDocument: { uri: binary }, position: { line: Math.floor(next() * 300), character: Math.floor(next() * 200) } }, ANSWER_MS));
      assert.ok(!r.error, `hover on binary content: ${r.error?.message}`);
    }
    await assertResponsive(client, control, 'binary content');
    await client.close(binary);
  });

  it('bytes that are not UTF-8 (sent raw): decoded with replacement characters, lines intact', async () => {
    const invalid = uri('invalid-utf8.Dockerfile');
    const bytes = Buffer.concat([
      Buffer.from('FROM python:latest\nLABEL junk="', 'utf8'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xed, 0xa0, 0x80, 0xc0, 0xaf]),
      Buffer.from('"\nENV API_TOKEN=abc123\n', 'utf8'),
    ]);
    await openWithBytes(client, invalid, bytes);
    const p = await client.waitForVersion(invalid, 1);
    assert.ok(codesByLine(p).includes('base-image-latest@0'), JSON.stringify(codesByLine(p)));
    assert.ok(codesByLine(p).includes('secret-in-env-or-arg@2'), JSON.stringify(codesByLine(p)));
    await assertResponsive(client, control, 'invalid UTF-8');
  });

  it('a byte order mark: the same findings on the same lines as without it', async () => {
    const plain = uri('plain.Dockerfile');
    const bom = uri('bom.Dockerfile');
    await client.open(plain, APP_DOCKERFILE);
    await client.open(bom, `\uFEFF${APP_DOCKERFILE}`);
    const [a, b] = await Promise.all([client.waitForVersion(plain, 1), client.waitForVersion(bom, 1)]);
    assert.deepEqual(codesByLine(b), codesByLine(a));
    await assertResponsive(client, control, 'a BOM');
  });

  for (const [name, eol] of [['CRLF', '\r\n'], ['a lone CR', '\r'], ['mixed', 'mixed']] as const) {
    it(`${name} line endings: every LF finding at the same position`, async () => {
      let i = 0;
      const text = eol === 'mixed' ? APP_DOCKERFILE.replace(/\n/g, () => ['\r\n', '\n', '\r'][i++ % 3]) : APP_DOCKERFILE.replace(/\n/g, eol);
      const slug = name.replace(/\W/g, '');
      const lf = uri(`lf-${slug}.Dockerfile`);
      const other = uri(`eol-${slug}.Dockerfile`);
      await client.open(lf, APP_DOCKERFILE);
      await client.open(other, text);
      const [a, b] = await Promise.all([client.waitForVersion(lf, 1), client.waitForVersion(other, 1)]);
      if (eol === '\r\n') {
        assert.deepEqual(essentials(b.diagnostics), essentials(a.diagnostics));
      } else {
        // Editors (and LSP positions) break lines at a lone CR; BuildKit splits lines at LF only, so
        // for Docker the lines joined by a lone CR are one instruction: the build error it would
        // raise is reported on top of the findings of the LF text, which keep their positions.
        const extra = essentials(b.diagnostics).filter(d => !essentials(a.diagnostics).includes(d));
        assert.deepEqual(essentials(a.diagnostics).filter(d => !essentials(b.diagnostics).includes(d)), [], 'every LF finding is there');
        const joinedLineError = (d: string) => {
          const m = /^\S+ (\d+):\d+-(\d+):\d+ 1 .*Docker fails/.exec(d);
          return !!m && Number(m[1]) < Number(m[2]);
        };
        assert.ok(extra.length >= 1 && extra.every(joinedLineError), `only the build errors Docker raises over the joined lines are added: ${JSON.stringify(extra)}`);
      }
      await assertResponsive(client, control, `${name} line endings`);
    });
  }

  it('thousands of continuation lines', async () => {
    const cont = uri('continuations.Dockerfile');
    await client.open(cont, `FROM python:latest\nRUN apt-get update \\\n${'  && echo step \\\n'.repeat(5000)}  && true\n`);
    const p = await client.waitForVersion(cont, 1, () => true, HUGE_MS);
    assert.ok(codesByLine(p).includes('base-image-latest@0'));
    await assertResponsive(client, control, '5,000 continuation lines');
    await client.close(cont);
  });

  it('deeply nested here-documents, variables, substitutions and subshells', async () => {
    const depth = 2000;
    const texts = [
      `FROM alpine:3.20\nARG A=${'${X:-'.repeat(depth)}v${'}'.repeat(depth)}\nRUN echo $A\n`,
      `FROM alpine:3.20\nRUN echo ${'$('.repeat(depth)}x${')'.repeat(depth)}\n`,
      `FROM alpine:3.20\nRUN ${'('.repeat(depth)}x${')'.repeat(depth)}\n`,
      `FROM alpine:3.20\nRUN ${'"$('.repeat(depth)}x${')"'.repeat(depth)}\n`,
      `FROM alpine:3.20\n${'RUN <<EOF\ncat <<EOF2\n'.repeat(depth)}EOF\n`,
      `FROM alpine:3.20\nRUN ${Array.from({ length: 500 }, (_, i) => `<<E${i}`).join(' ')}\n${Array.from({ length: 500 }, (_, i) => `body ${i}\nE${i}`).join('\n')}\n`,
    ];
    for (const [i, text] of texts.entries()) {
      const nested = uri(`nested-${i}.Dockerfile`);
      await client.open(nested, text);
      await client.waitForVersion(nested, 1, () => true, HUGE_MS);
      await assertResponsive(client, control, `nested case ${i}`);
      await client.close(nested);
    }
  });
});

describe('language server robustness: protocol', () => {
  let client: LspTestClient;
  let dir: string;
  let control: string;

  before(async () => {
    client = await LspTestClient.start({ settings: SETTINGS, capabilities: { textDocument: { rename: { prepareSupport: true } } } });
    dir = makeTempDir(APP_CONTEXT);
    control = fileUri(path.join(dir, 'Dockerfile'));
    await client.open(control, APP_DOCKERFILE);
    await client.waitForVersion(control, 1);
  });
  after(async () => { await client?.shutdown(); });

  it('malformed parameters get an answer (a result or an error), never silence or a crash', async () => {
    const pos = { line: 0, character: 0 };
    const cases: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: control } }],
      ['textDocument/hover', { textDocument: { uri: control }, position: { line: -1, character: -5 } }],
      ['textDocument/hover', { textDocument: { uri: control }, position: { line: 1e9, character: 1e9 } }],
      ['textDocument/hover', { textDocument: { uri: control }, position: { line: 'zero', character: null } }],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: pos }],
      ['textDocument/hover', null],
      ['textDocument/codeAction', { textDocument: { uri: control } }],
      ['textDocument/codeAction', { textDocument: { uri: control }, range: { start: pos, end: pos } }],
      ['textDocument/codeAction', { textDocument: { uri: control }, range: { start: { line: 50, character: 0 }, end: { line: 2, character: 0 } }, context: { diagnostics: [{}], only: ['source.fixAll.layerwise'] } }],
      ['textDocument/codeAction', { textDocument: { uri: control }, range: null, context: { diagnostics: null } }],
      ['layerwise/noSuchMethod', { x: 1 }],
    ];
    for (const [method, params] of cases) {
      const r = await settle(client.request(method, params, ANSWER_MS));
      assert.ok(!r.error || typeof r.error.code === 'number', `${method} ${JSON.stringify(params)}`);
    }
    await assertResponsive(client, control, 'malformed parameters');
  });

  it('malformed notifications and raw messages are survived', async () => {
    const ghost = fileUri(path.join(dir, 'never-opened.Dockerfile'));
    await client.notify('textDocument/didChange', { textDocument: { uri: ghost, version: 2 }, contentChanges: [{ text: 'FROM x' }] });
    await client.notify('textDocument/didChange', { textDocument: { uri: control, version: 99 }, contentChanges: [{ range: { start: { line: 500, character: 3 }, end: { line: 400, character: 0 } }, text: 'X' }] });
    await client.notify('textDocument/didClose', { textDocument: { uri: ghost } });
    await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(path.join(dir, 'no-text.Dockerfile')), languageId: 'dockerfile', version: 1 } });
    await client.notify('textDocument/didOpen', {});
    await client.notify('$/noSuchNotification', { a: [1, 2] });
    await writeRaw(client, frame('{ this is not json'));
    await writeRaw(client, frame('[]'));
    await writeRaw(client, frame('"a string"'));
    await sendRawMessage(client, { jsonrpc: '2.0', id: 'abc', method: 'textDocument/hover' });
    await sendRawMessage(client, { jsonrpc: '2.0', id: 77 });
    await sendRawMessage(client, { id: 78, method: 'textDocument/hover', params: { textDocument: { uri: control }, position: { line: 0, character: 0 } } });
    await writeRaw(client, frame(Buffer.from([0xff, 0xfe, 0x00, 0x7b])));
    // Validations run on a timer: give the ones these notifications scheduled time to fail.
    await new Promise(resolve => setTimeout(resolve, 1000));
    await assertResponsive(client, control, 'malformed notifications and raw messages');
  });

  it('every request it advertises, on a document that was opened and closed', async () => {
    const closed = fileUri(path.join(dir, 'closed.Dockerfile'));
    await client.open(closed, APP_DOCKERFILE);
    await client.waitForVersion(closed, 1);
    await client.close(closed);
    const requests = advertisedRequests(client, closed, { line: 0, character: 2 });
    let asked = 0;
    for (const [method, params] of requests) {
      asked++;
      const r = await settle(client.request(method, params, ANSWER_MS));
      const empty = r.result === null || (Array.isArray(r.result) && r.result.length === 0)
        || (typeof r.result === 'object' && r.result !== null && 'data' in r.result && (r.result as { data: unknown[] }).data.length === 0);
      assert.ok(r.error || empty, `${method} on a closed document should answer null, nothing or an error, got ${JSON.stringify(r.result).slice(0, 300)}`);
    }
    assert.ok(asked >= 2, `asked ${asked} requests`);
    await assertResponsive(client, control, 'requests for a closed document');
  });

  it('cancelled requests are answered (with their result or RequestCancelled) and leave the server working', async t => {
    const pending: Promise<{ result?: unknown; error?: ResponseError<unknown> }>[] = [];
    const range = { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } };
    for (let i = 0; i < 30; i++) {
      const source = new CancellationTokenSource();
      const [method, params] = i % 2
        ? ['textDocument/hover', { textDocument: { uri: control }, position: { line: i % 7, character: 1 } }]
        : ['textDocument/codeAction', { textDocument: { uri: control }, range, context: { diagnostics: [], only: ['source.fixAll.layerwise'] } }];
      pending.push(settle(client.connection.sendRequest(method, params, source.token) as Promise<unknown>));
      source.cancel();
    }
    const answers = await Promise.race([
      Promise.all(pending),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('cancelled requests were not all answered')), ANSWER_MS)),
    ]);
    for (const a of answers) assert.ok(!a.error || a.error.code === LSPErrorCodes.RequestCancelled, `unexpected error ${a.error?.code}: ${a.error?.message}`);
    t.diagnostic(`${answers.filter(a => a.error).length} of ${answers.length} answered RequestCancelled, the rest with their result`);
    await assertResponsive(client, control, 'cancelled requests');
  });
});

describe('language server robustness: every request on fuzzed documents', () => {
  let client: LspTestClient;
  let dir: string;

  before(async () => {
    client = await LspTestClient.start({ settings: SETTINGS, capabilities: { textDocument: { rename: { prepareSupport: true } } } });
    dir = makeTempDir(APP_CONTEXT);
  });
  after(async () => { await client?.shutdown(); });

  it('answers every advertised request at random positions of generated documents, and no handler fails', async t => {
    // Fixed by default so a failure reproduces; LAYERWISE_FUZZ_SEED and LAYERWISE_LSP_FUZZ_DOCS explore further.
    const seed = Number(process.env.LAYERWISE_FUZZ_SEED ?? 7);
    const inputs = fc.sample(fuzzInput(loadSeeds().all), { numRuns: Number(process.env.LAYERWISE_LSP_FUZZ_DOCS ?? 120), seed });
    const next = random(seed);
    let asked = 0;
    for (const [i, input] of inputs.entries()) {
      const uri = fileUri(path.join(dir, `fuzz-${i}.Dockerfile`));
      await client.open(uri, input.text);
      await client.waitForVersion(uri, 1, () => true, HUGE_MS);
      const lines = input.text.split(/\r\n|\r|\n/);
      for (let k = 0; k < 3; k++) {
        const line = Math.floor(next() * (lines.length + 1));
        const position = { line, character: Math.floor(next() * ((lines[line]?.length ?? 0) + 2)) };
        for (const [method, params] of advertisedRequests(client, uri, position)) {
          asked++;
          const r = await settle(client.request(method, params, ANSWER_MS));
          // A deliberate refusal (rename of a keyword) is an error answer too; an exception in a handler is InternalError.
          assert.ok(r.error?.code !== ErrorCodes.InternalError, `${method} at ${JSON.stringify(position)} of input ${i} (${input.kind}) ${JSON.stringify(input.text).slice(0, 300)}: ${r.error?.message}`);
        }
      }
      await client.close(uri);
    }
    const failures = client.logs.filter(l => /failed/i.test(l.message));
    assert.deepEqual(failures.map(l => l.message.slice(0, 600)), [], 'no handler or rule may fail on these documents');
    t.diagnostic(`${inputs.length} documents (seed ${seed}), ${asked} requests answered`);
  });
});

describe('language server robustness: 1,000 edits a second', () => {
  let client: LspTestClient;
  let dir: string;

  before(async () => {
    client = await LspTestClient.start({ settings: SETTINGS });
    dir = makeTempDir(APP_CONTEXT);
  });
  after(async () => { await client?.shutdown(); });

  it('after the burst, the diagnostics are those of a fresh analysis of the final text, for the final version', async t => {
    const uri = fileUri(path.join(dir, 'Dockerfile'));
    await client.open(uri, APP_DOCKERFILE);
    await client.waitForVersion(uri, 1);
    const next = random(1000);
    const fragments = ['\n', 'RUN apt-get update\n', 'ENV SECRET_KEY=abc\n', 'x', ' ', '\\\n', '"', '${', 'FROM alpine\n', 'USER app\n', '# hadolint ignore=DL3008\n', '<<EOF\n'];
    let text = APP_DOCKERFILE;
    const started = Date.now();
    for (let i = 0; i < 1000; i++) {
      // Insert, delete or replace at a random offset, sent as an incremental change.
      const at = Math.floor(next() * (text.length + 1));
      const removed = next() < 0.3 ? Math.min(text.length - at, Math.floor(next() * 12)) : 0;
      const inserted = next() < 0.8 ? fragments[Math.floor(next() * fragments.length)] : '';
      const start = positionAt(text, at), end = positionAt(text, at + removed);
      text = text.slice(0, at) + inserted + text.slice(at + removed);
      await client.changeWith(uri, [{ range: { start, end }, text: inserted }], text);
      // About 1,000 a second: a short pause after every 10 edits.
      if (i % 10 === 9) await new Promise(resolve => setTimeout(resolve, Math.max(0, started + (i + 1) - Date.now())));
    }
    const finalVersion = client.version(uri)!;
    const sentMs = Date.now() - started;
    const last = await client.waitForVersion(uri, finalVersion, () => true, 60_000);
    t.diagnostic(`1,000 edits sent in ${sentMs} ms; final diagnostics ${Date.now() - started - sentMs} ms after the last edit; ${client.publishCount(uri)} publishes`);
    // Nothing older may arrive after the final version.
    await new Promise(resolve => setTimeout(resolve, 1000));
    assert.equal(client.latest(uri)?.version, finalVersion, 'a stale publish arrived after the final one');
    const versions = client.publishesFor(uri).map(p => p.params.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publishes must never go back in version: ${versions.join(',')}`);

    const fresh = fileUri(path.join(dir, 'fresh.Dockerfile'));
    await client.open(fresh, text);
    const reference = await client.waitForVersion(fresh, 1);
    assert.deepEqual(essentials(last.diagnostics), essentials(reference.diagnostics));
    assert.ok(sentMs < 10_000, `the 1,000 edits took ${sentMs} ms to send`);
    const hover = await settle(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }, ANSWER_MS));
    assert.ok(!hover.error, hover.error?.message);
    assert.equal(client.exitCode, null);
  });
});

/** Every document request the server advertises, at `position`, with the parameters each needs. */
function advertisedRequests(client: LspTestClient, uri: string, position: { line: number; character: number }): [string, unknown][] {
  const caps = client.initializeResult.capabilities as ServerCapabilities & Record<string, unknown>;
  const textDocument = { uri };
  const range = { start: { line: Math.max(0, position.line - 2), character: 0 }, end: { line: position.line + 2, character: 0 } };
  const options = { tabSize: 4, insertSpaces: true };
  const all: [keyof ServerCapabilities, string, unknown][] = [
    ['hoverProvider', 'textDocument/hover', { textDocument, position }],
    ['codeActionProvider', 'textDocument/codeAction', { textDocument, range, context: { diagnostics: [], only: ['quickfix', 'source.fixAll.layerwise'] } }],
    ['completionProvider', 'textDocument/completion', { textDocument, position }],
    ['documentSymbolProvider', 'textDocument/documentSymbol', { textDocument }],
    ['foldingRangeProvider', 'textDocument/foldingRange', { textDocument }],
    ['documentLinkProvider', 'textDocument/documentLink', { textDocument }],
    ['semanticTokensProvider', 'textDocument/semanticTokens/full', { textDocument }],
    ['semanticTokensProvider', 'textDocument/semanticTokens/range', { textDocument, range }],
    ['renameProvider', 'textDocument/rename', { textDocument, position, newName: 'x' }],
    ['renameProvider', 'textDocument/prepareRename', { textDocument, position }],
    ['definitionProvider', 'textDocument/definition', { textDocument, position }],
    ['referencesProvider', 'textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
    ['documentHighlightProvider', 'textDocument/documentHighlight', { textDocument, position }],
    ['inlayHintProvider', 'textDocument/inlayHint', { textDocument, range }],
    ['documentFormattingProvider', 'textDocument/formatting', { textDocument, options }],
    ['documentRangeFormattingProvider', 'textDocument/rangeFormatting', { textDocument, range, options }],
    ['documentOnTypeFormattingProvider', 'textDocument/onTypeFormatting', { textDocument, position, ch: '\n', options }],
    ['signatureHelpProvider', 'textDocument/signatureHelp', { textDocument, position }],
  ];
  return all.filter(([capability]) => caps[capability]).map(([, method, params]) => [method, params]);
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
