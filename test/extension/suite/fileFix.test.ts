// A quick fix that creates a file in the build context: missing-dockerignore's fix creates
// `.dockerignore` through a WorkspaceEdit resource operation, and the server notices it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { applyCodeAction, codeActions, describeActions, openFreshCase, revertAndClose, waitFor, waitForDiagnostic, waitForNoDiagnostic } from './helpers';

const RULE = 'missing-dockerignore';

suite('quick fixes that create files', () => {
  const opened: vscode.TextDocument[] = [];
  teardown(async () => {
    for (const doc of opened.splice(0)) await revertAndClose(doc);
  });

  test(`${RULE}: the quick fix creates .dockerignore beside the Dockerfile and the diagnostic goes away`, async () => {
    const { doc } = await openFreshCase('create-dockerignore');
    opened.push(doc);
    const d = await waitForDiagnostic(doc, RULE);
    const actions = await codeActions(doc, d.range, vscode.CodeActionKind.QuickFix);
    const create = actions.find(a => /\.dockerignore/.test(a.title) && !/^ignore/i.test(a.title));
    assert.ok(create, `no quick fix that creates .dockerignore; got ${describeActions(actions)}`);
    assert.ok(!create.isPreferred, 'creating files is offered, not preferred');
    await applyCodeAction(create);
    const ignoreUri = vscode.Uri.joinPath(doc.uri, '..', '.dockerignore');
    const ignoreDoc = await waitFor('the new .dockerignore to be open with content', () =>
      vscode.workspace.textDocuments.find(t => t.uri.toString() === ignoreUri.toString() && t.getText().length > 0));
    assert.match(ignoreDoc.getText(), /Dockerfile/, `unexpected .dockerignore content:\n${ignoreDoc.getText()}`);
    await ignoreDoc.save();
    const onDisk = Buffer.from(await vscode.workspace.fs.readFile(ignoreUri)).toString('utf8');
    assert.strictEqual(onDisk, ignoreDoc.getText());
    await waitForNoDiagnostic(doc, RULE);
    opened.push(ignoreDoc);
  });
});
