// The extension activates on a Dockerfile and publishes one diagnostic per
// rule on the line that breaks it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, FIXTURE_DOCKERFILE, LINE, RULE, SOURCE, lineOf, waitFor, waitForDiagnostic, workspaceRoot,
} from './helpers';

suite('activation and diagnostics', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'Dockerfile'));
    await vscode.window.showTextDocument(doc);
  });

  test('the fixture Dockerfile opens as a dockerfile document with the expected text', () => {
    assert.strictEqual(doc.languageId, 'dockerfile');
    assert.strictEqual(doc.getText().replace(/\r\n/g, '\n'), FIXTURE_DOCKERFILE,
      'test/fixtures/workspace/Dockerfile and FIXTURE_DOCKERFILE in helpers.ts have drifted apart');
  });

  test(`opening a Dockerfile activates ${EXTENSION_ID}`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in the host`);
    await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive, 20_000);
  });

  const expectations: [string, string][] = [
    [RULE.baseLatest, LINE.from],
    [RULE.secret, LINE.env],
    [RULE.copyAll, LINE.copyAll],
  ];
  for (const [rule, line] of expectations) {
    test(`${rule} is reported by source "${SOURCE}" on "${line}"`, async () => {
      const d = await waitForDiagnostic(doc, rule);
      assert.strictEqual(d.source, SOURCE);
      assert.strictEqual(d.range.start.line, lineOf(doc, line),
        `${rule} is on line ${d.range.start.line + 1}, expected line ${lineOf(doc, line) + 1} ("${line}")`);
    });
  }
});
