// Signature help through the real server: the instruction's form with the parameter being
// typed highlighted, the RUN --mount options of a mount type, nothing where nothing applies.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent, SignatureHelp } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';

describe('language server: signature help', () => {
  let client: LspTestClient;
  let uri: string;

  async function helpAt(text: string): Promise<{ help: SignatureHelp | null; active?: string }> {
    const cursor = text.indexOf('|');
    const clean = text.slice(0, cursor) + text.slice(cursor + 1);
    await client.change(uri, clean);
    const before = clean.slice(0, cursor).split('\n');
    const position = { line: before.length - 1, character: before[before.length - 1].length };
    const help = await client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position, context: { triggerKind: 1, isRetrigger: false } });
    if (!help) return { help };
    const sig = help.signatures[help.activeSignature ?? 0];
    const label = sig.parameters?.[help.activeParameter ?? 0]?.label;
    return { help, active: Array.isArray(label) ? sig.label.slice(label[0], label[1]) : label };
  }

  before(async () => {
    client = await LspTestClient.start({
      settings: { layerwise: {} },
      capabilities: { textDocument: { signatureHelp: { signatureInformation: { documentationFormat: ['markdown'], parameterInformation: { labelOffsetSupport: true } } } } },
    });
    uri = fileUri(path.join(makeTempDir({}), 'Dockerfile'));
    await client.open(uri, 'FROM alpine\n', 1);
  });
  after(async () => { await client?.shutdown(); });

  it('advertises signature help on space, = and ,', () => {
    const provider = client.initializeResult.capabilities.signatureHelpProvider;
    assert.deepEqual(provider?.triggerCharacters, [' ', '=', ',']);
  });

  it('COPY: source, then destination as the user moves on', async () => {
    const src = await helpAt('FROM alpine\nCOPY |');
    assert.match(src.help!.signatures[0].label, /^COPY \[--from=/);
    assert.equal(src.active, '<src>...');
    assert.equal((await helpAt('FROM alpine\nCOPY app.py |')).active, '<dest>');
    assert.equal((await helpAt('FROM alpine\nCOPY --chm|')).active, '[--chmod=<mode>]');
  });

  it('RUN --mount=type=secret: the option being typed, with markdown docs', async () => {
    const { help, active } = await helpAt('FROM alpine\nRUN --mount=type=secret,id=npm,req|');
    assert.equal(active, 'required=<true|false>');
    const doc = help!.signatures[0].parameters![help!.activeParameter!].documentation as MarkupContent;
    assert.equal(doc.kind, 'markdown');
    assert.match(doc.value, /Fail the build/);
  });

  it('HEALTHCHECK NONE picks the second form; ENV highlights the value after =', async () => {
    const none = await helpAt('FROM alpine\nHEALTHCHECK NO|');
    assert.equal(none.help!.activeSignature, 1);
    assert.equal((await helpAt('FROM alpine\nENV PORT=80|')).active, '<value>');
  });

  it('null where nothing applies and for bad positions', async () => {
    assert.equal((await helpAt('FROM alpine\n|')).help, null);
    const far = await client.request('textDocument/signatureHelp', { textDocument: { uri }, position: { line: 50, character: 3 } });
    assert.equal(far, null);
    const closed = await client.request('textDocument/signatureHelp', { textDocument: { uri: uri + '.nope' }, position: { line: 0, character: 0 } });
    assert.equal(closed, null);
  });
});
