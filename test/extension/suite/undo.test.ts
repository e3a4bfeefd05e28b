// An applied quick fix is one undo step away from the original text.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  RULE, applyCodeAction, codeActions, describeActions, openFreshCase, revertAndClose, waitFor, waitForDiagnostic,
} from './helpers';

suite('undo', () => {
  test(`undo after applying the ${RULE.copyAll} quick fix restores the original text and diagnostic`, async () => {
    const { doc } = await openFreshCase('undo');
    try {
      const original = doc.getText();
      const d = await waitForDiagnostic(doc, RULE.copyAll);
      const actions = await codeActions(doc, d.range, vscode.CodeActionKind.QuickFix);
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix, `no preferred quick fix for ${RULE.copyAll}; got ${describeActions(actions)}`);
      await applyCodeAction(fix);
      assert.notStrictEqual(doc.getText(), original, 'the quick fix did not change the document');
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await waitFor('undo to restore the original text', () => doc.getText() === original, 10_000,
        () => `text now:\n${doc.getText()}`);
      await waitForDiagnostic(doc, RULE.copyAll);
    } finally {
      await revertAndClose(doc);
    }
  });
});
