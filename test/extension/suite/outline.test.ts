// The Outline in the real extension host: VS Code's document symbol API shows each build stage with
// its instructions nested under it (the server answers hierarchical symbols to VS Code).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openFreshCase, revertAndClose, waitFor } from './helpers';

const TEXT = [
  'ARG PY=3.12',
  'FROM python:${PY}-slim AS deps',
  'COPY requirements.txt .',
  'RUN pip install -r requirements.txt',
  'FROM python:${PY}-slim',
  'COPY --from=deps /usr/local /usr/local',
  'CMD ["python", "main.py"]',
  '',
].join('\n');

suite('outline of stages', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    let editor: vscode.TextEditor;
    ({ doc, editor } = await openFreshCase('outline'));
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    assert.ok(await editor.edit(e => e.replace(all, TEXT)), 'could not write the outline fixture');
  });
  suiteTeardown(async () => revertAndClose(doc));

  test('stages are top-level symbols with their instructions as children', async () => {
    let last: vscode.DocumentSymbol[] = [];
    const symbols = await waitFor('document symbols for both stages', async () => {
      last = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
      return last.length === 3 && last[2].children.length === 2 ? last : undefined;
    }, 30_000, () => JSON.stringify(last.map(s => s.name)));
    assert.deepStrictEqual(symbols.map(s => s.name), ['ARG', 'deps', 'stage 1']);
    assert.deepStrictEqual(symbols[1].children.map(c => c.name), ['COPY', 'RUN']);
    assert.deepStrictEqual(symbols[2].children.map(c => c.name), ['COPY', 'CMD']);
    assert.strictEqual(symbols[1].kind, vscode.SymbolKind.Module);
    assert.strictEqual(symbols[1].range.start.line, 1);
    assert.strictEqual(symbols[1].range.end.line, 3);
    assert.strictEqual(doc.getText(symbols[1].selectionRange), 'deps');
  });
});
