// Rename in the real extension host: renaming a stage through VS Code's rename provider API and
// applying the edit changes the stage's definition and every reference, and nothing else.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openFreshCase, revertAndClose, waitFor } from './helpers';

const TEXT = [
  'FROM node:20-alpine AS deps',
  'RUN npm ci',
  'FROM deps AS build',
  'RUN npm run build',
  'FROM node:20-alpine',
  'COPY --from=deps /app/node_modules ./node_modules',
  'COPY --from=build /app/dist ./dist',
  'RUN --mount=type=cache,from=deps,target=/x echo "deps stay deps here"',
  '',
].join('\n');

suite('rename a stage', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    let editor: vscode.TextEditor;
    ({ doc, editor } = await openFreshCase('rename'));
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    assert.ok(await editor.edit(e => e.replace(all, TEXT)), 'could not write the rename fixture');
  });
  suiteTeardown(async () => revertAndClose(doc));

  test('renaming deps at a COPY --from changes the definition and every reference', async () => {
    const at = new vscode.Position(5, 14);
    const edit = await waitFor('a rename edit from the server', async () => {
      const e = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at, 'dependencies');
      return e && e.size > 0 ? e : undefined;
    }, 30_000);
    assert.strictEqual(edit.get(doc.uri).length, 4, 'AS deps, FROM deps, COPY --from=deps, RUN --mount from=deps');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the editor refused the rename edit');
    assert.strictEqual(doc.getText(), TEXT
      .replace('AS deps', 'AS dependencies').replace('FROM deps', 'FROM dependencies')
      .replace('--from=deps', '--from=dependencies').replace('from=deps,', 'from=dependencies,'));
    assert.match(doc.getText(), /"deps stay deps here"/, 'text that only looks like the name is left alone');
  });

  test('renaming where there is no name is refused', async () => {
    // VS Code reports the refusal as a rejection carrying the server's reason (or, in some versions, an empty edit).
    let edit: vscode.WorkspaceEdit | undefined;
    try {
      edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(1, 5), 'x');
    } catch (err) {
      assert.match(String(err instanceof Error ? err.message : err), /stage names and ARG or ENV variables/);
      return;
    }
    assert.ok(!edit || edit.size === 0, `expected no edit on "npm", got ${JSON.stringify(edit?.entries())}`);
  });
});
