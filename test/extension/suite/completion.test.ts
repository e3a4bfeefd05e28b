// Completion inside the real extension host: the server's items reach VS Code's completion
// API for BuildKit mount options and for stage names after COPY --from=.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openFreshCase, revertAndClose, waitFor } from './helpers';

const TEXT = [
  'FROM python:3.12-slim AS deps',
  'RUN --mount=type=cache,',
  'FROM python:3.12-slim',
  'COPY --from=',
  '',
].join('\n');

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('completion in the editor', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    let editor: vscode.TextEditor;
    ({ doc, editor } = await openFreshCase('completion'));
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    assert.ok(await editor.edit(e => e.replace(all, TEXT)), 'could not write the completion fixture');
  });
  suiteTeardown(async () => revertAndClose(doc));

  /** Polls until the server answers with an item labelled `expected` (the server may still be starting). */
  async function itemsAt(line: number, trigger: string, expected: string): Promise<vscode.CompletionItem[]> {
    const position = doc.lineAt(line).range.end;
    let last: vscode.CompletionItem[] = [];
    return waitFor(`completion item "${expected}" at ${line + 1}:${position.character + 1}`, async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
      last = list.items;
      return last.some(i => labelOf(i) === expected) ? last : undefined;
    }, 30_000, () => `items: ${JSON.stringify(last.slice(0, 30).map(labelOf))}`);
  }

  test('RUN --mount=type=cache, offers the cache mount options', async () => {
    const labels = (await itemsAt(1, ',', 'target')).map(labelOf);
    for (const option of ['sharing', 'id']) assert.ok(labels.includes(option), `missing ${option}: ${JSON.stringify(labels)}`);
    assert.ok(!labels.includes('env'), 'env is a secret-mount option, not a cache one');
  });

  test('COPY --from= offers the earlier stage by name', async () => {
    const deps = (await itemsAt(3, '=', 'deps')).find(i => labelOf(i) === 'deps')!;
    assert.match(String(deps.detail), /python:3\.12-slim/);
    assert.strictEqual(deps.kind, vscode.CompletionItemKind.Reference);
  });
});
