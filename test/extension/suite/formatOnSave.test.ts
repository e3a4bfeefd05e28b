// editor.formatOnSave with Layerwise as the dockerfile formatter: saving rewrites the file
// (in the editor and on disk) to the formatted text, a heredoc body and a quoted string that
// spans lines keep every byte, and one undo brings back what was there before the save.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFreshCase, revertAndClose, waitFor } from './helpers';

const MESSY = [
  'from python:3.12-slim as base',
  'run   apt-get update && \\',
  'apt-get install -y curl \\',
  '&& echo "two   spaces \\',
  '   stay"   ',
  '',
  '',
  '',
  'copy <<EOF /etc/motd',
  '   hello   ',
  'EOF',
  'cmd ["python"]',
  '',
].join('\n');

const FORMATTED = [
  'FROM python:3.12-slim AS base',
  'RUN apt-get update && \\',
  '    apt-get install -y curl \\',
  '    && echo "two   spaces \\',
  '   stay"',
  '',
  'COPY <<EOF /etc/motd',
  '   hello   ',
  'EOF',
  'CMD ["python"]',
  '',
].join('\n');

/** The dockerfile language overrides this test sets, and how to remove them. */
const OVERRIDES: Record<string, unknown> = {
  'editor.formatOnSave': true,
  'editor.defaultFormatter': EXTENSION_ID,
  'editor.detectIndentation': false,
  'editor.tabSize': 4,
  'editor.insertSpaces': true,
  'files.trimFinalNewlines': true,
};

async function setOverrides(values: Record<string, unknown> | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration(undefined, { languageId: 'dockerfile' });
  for (const [key, value] of Object.entries(OVERRIDES)) {
    await config.update(key, values ? values[key] : undefined, vscode.ConfigurationTarget.Workspace, true);
  }
}

suite('format on save', () => {
  test('saving formats the Dockerfile with Layerwise, on disk too, keeping heredocs and quoted text, undoable in one step', async () => {
    const { doc, editor } = await openFreshCase('format-on-save');
    try {
      await setOverrides(OVERRIDES);
      await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), MESSY));
      const beforeSave = doc.getText();
      assert.strictEqual(beforeSave, MESSY);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor('the document to be saved', () => !doc.isDirty, 20_000);
      assert.strictEqual(doc.getText(), FORMATTED);
      const onDisk = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
      assert.strictEqual(onDisk, FORMATTED);

      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await waitFor('one undo to bring back the text before formatting', () => doc.getText() === beforeSave, 10_000,
        () => `text now:\n${doc.getText()}`);
    } finally {
      await setOverrides(undefined);
      await revertAndClose(doc);
    }
  });
});
