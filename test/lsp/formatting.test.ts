// Document, range and on-type formatting through the bundled server over stdio: the
// capabilities, the edits applied the way an editor applies them, the layerwise.format.*
// settings pulled from the client, and no crash on closed documents or absurd positions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FormattingOptions, ServerCapabilities, TextEdit } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lsp-client';
import { applyTextEdits } from '../helpers/text-edits';

const MESSY = [
  '# syntax=docker/dockerfile:1  ',
  'from alpine:3.20 as build   ',
  'run   apk add --no-cache \\',
  'curl \\',
  '&& echo "keep   these \\',
  '      spaces"',
  '',
  '',
  '',
  'copy <<EOF /etc/motd',
  '   hello   ',
  'EOF',
  'run pip install --no-cache-dir \\',
  '                flask \\',
  '                gunicorn',
].join('\n');

const FORMATTED = [
  '# syntax=docker/dockerfile:1  ',
  'FROM alpine:3.20 AS build',
  'RUN apk add --no-cache \\',
  '    curl \\',
  '    && echo "keep   these \\',
  '      spaces"',
  '',
  'COPY <<EOF /etc/motd',
  '   hello   ',
  'EOF',
  'RUN pip install --no-cache-dir \\',
  '                flask \\',
  '                gunicorn',
].join('\n');

const SPACES: FormattingOptions = { tabSize: 4, insertSpaces: true };

describe('language server: formatting', () => {
  let client: LspTestClient;
  let n = 0;
  const open = async (text: string) => {
    const uri = `untitled:formatting/${++n}/Dockerfile`;
    await client.open(uri, text);
    return uri;
  };
  const format = (uri: string, options: FormattingOptions = SPACES) =>
    client.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options });

  before(async () => { client = await LspTestClient.start({ settings: { layerwise: {} } }); });
  after(async () => { await client?.shutdown(); });

  it('announces document, range and on-type formatting (on a new line)', () => {
    const caps = client.initializeResult!.capabilities as ServerCapabilities;
    assert.equal(caps.documentFormattingProvider, true);
    assert.equal(caps.documentRangeFormattingProvider, true);
    assert.deepEqual(caps.documentOnTypeFormattingProvider, { firstTriggerCharacter: '\n' });
  });

  it('formats a document with small edits that an editor applies to the expected text', async () => {
    const uri = await open(MESSY);
    const edits = (await format(uri))!;
    assert.equal(applyTextEdits(MESSY, edits), FORMATTED);
    assert.ok(edits.length > 5 && edits.every(e => e.newText.length < 10), `expected small edits, got ${JSON.stringify(edits)}`);
    await client.change(uri, FORMATTED);
    assert.deepEqual(await format(uri), []);
  });

  it('follows the editor options: tabs and final newline', async () => {
    const uri = await open('FROM a\nRUN a \\\n  b\n\n\n');
    const edits = (await format(uri, { tabSize: 4, insertSpaces: false, trimFinalNewlines: true }))!;
    assert.equal(applyTextEdits('FROM a\nRUN a \\\n  b\n\n\n', edits), 'FROM a\nRUN a \\\n\tb\n');
    const bare = await open('FROM a');
    assert.equal(applyTextEdits('FROM a', (await format(bare, { ...SPACES, insertFinalNewline: true }))!), 'FROM a\n');
  });

  it('reads layerwise.format.* for the document', async () => {
    client.settings = { layerwise: { format: { continuationIndent: 2, keepAlignedContinuations: false, maxBlankLines: 0 } } };
    await client.didChangeConfiguration();
    try {
      const uri = await open(MESSY);
      const out = applyTextEdits(MESSY, (await format(uri))!);
      assert.match(out, /^RUN apk add --no-cache \\\n {2}curl \\\n {2}&& echo/m);
      assert.match(out, /^RUN pip install --no-cache-dir \\\n {2}flask \\\n {2}gunicorn$/m);
      assert.doesNotMatch(out, /\n\n/);
    } finally {
      client.settings = { layerwise: {} };
      await client.didChangeConfiguration();
    }
  });

  it('range formatting changes only the instructions in the range', async () => {
    const uri = await open(MESSY);
    const edits = (await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri }, options: SPACES, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } },
    }))!;
    const out = applyTextEdits(MESSY, edits).split('\n');
    assert.deepEqual(out.slice(0, 6), ['# syntax=docker/dockerfile:1  ', 'from alpine:3.20 as build   ', 'RUN apk add --no-cache \\', '    curl \\', '    && echo "keep   these \\', '      spaces"']);
    assert.deepEqual(out.slice(6), MESSY.split('\n').slice(6));
  });

  it('on a new line after an escape character, indents the continuation and upper-cases the keyword', async () => {
    const typed = 'FROM a\nrun apt-get update && \\\n';
    const uri = await open(typed);
    const edits = await client.request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri }, position: { line: 2, character: 0 }, ch: '\n', options: SPACES });
    assert.equal(applyTextEdits(typed, edits), 'FROM a\nRUN apt-get update && \\\n    ');
  });

  it('never fails a request: closed documents, absurd ranges and positions', async () => {
    assert.deepEqual(await format('untitled:formatting/never-opened/Dockerfile'), []);
    const uri = await open(MESSY);
    for (const position of [{ line: 9999, character: 0 }, { line: -5, character: -1 }]) {
      assert.deepEqual(await client.request('textDocument/onTypeFormatting', { textDocument: { uri }, position, ch: '\n', options: SPACES }), []);
    }
    // Past the end of a line: the line above is still tidied, nothing breaks.
    const pastEnd = await client.request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri }, position: { line: 2, character: 9999 }, ch: '\n', options: SPACES });
    assert.equal(applyTextEdits(MESSY, pastEnd).split('\n')[1], 'FROM alpine:3.20 AS build');
    const odd = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri }, options: SPACES, range: { start: { line: 500, character: 0 }, end: { line: -3, character: 0 } },
    });
    assert.deepEqual(odd, []);
    assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: -1, insertSpaces: 'yes' } }), await format(uri, { tabSize: 4, insertSpaces: true }));
    // The server is still answering.
    assert.ok((await format(uri))!.length > 0);
  });
});
