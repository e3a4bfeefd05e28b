// editor.codeActionsOnSave {"source.fixAll.layerwise": "explicit"} applies
// the safe fixes (the COPY reorder) when the user saves.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { RULE, assertCopyReordered, openFreshCase, revertAndClose, waitFor, waitForDiagnostic, waitForNoDiagnostic } from './helpers';

suite('fix all on save', () => {
  test('saving with source.fixAll.layerwise on save reorders the COPY, on disk too, and adds no ignore comments', async () => {
    const { doc, editor } = await openFreshCase('fix-on-save');
    const editorConfig = () => vscode.workspace.getConfiguration('editor');
    try {
      await waitForDiagnostic(doc, RULE.copyAll);
      await editorConfig().update('codeActionsOnSave', { 'source.fixAll.layerwise': 'explicit' },
        vscode.ConfigurationTarget.Workspace);
      // Save participants only run when there is something to save.
      await editor.edit((b) => b.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n'));
      await vscode.window.showTextDocument(doc);
      // The user's save (an explicit save, which "explicit" code actions need).
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor('the document to be saved', () => !doc.isDirty, 20_000);
      assertCopyReordered(doc.getText());
      const onDisk = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
      assertCopyReordered(onDisk);
      assert.ok(!/#\s*layerwise\b.*ignore/.test(onDisk), `fix-all on save inserted an ignore comment:\n${onDisk}`);
      await waitForNoDiagnostic(doc, RULE.copyAll);
    } finally {
      await editorConfig().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
      await revertAndClose(doc);
    }
  });
});
