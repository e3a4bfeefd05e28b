// Turning a rule off in settings takes effect without a restart.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { RULE, findDiagnostic, openFreshCase, revertAndClose, waitForDiagnostic, waitForNoDiagnostic } from './helpers';

suite('configuration', () => {
  test(`layerwise.rules {"${RULE.baseLatest}": "off"} removes that diagnostic live, and restoring brings it back`, async () => {
    const { doc } = await openFreshCase('rules-off');
    const config = () => vscode.workspace.getConfiguration('layerwise');
    try {
      await waitForDiagnostic(doc, RULE.baseLatest);
      try {
        await config().update('rules', { [RULE.baseLatest]: 'off' }, vscode.ConfigurationTarget.Workspace);
        await waitForNoDiagnostic(doc, RULE.baseLatest);
        assert.ok(findDiagnostic(doc.uri, RULE.copyAll), `turning off ${RULE.baseLatest} also removed ${RULE.copyAll}`);
      } finally {
        await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitForDiagnostic(doc, RULE.baseLatest);
    } finally {
      await revertAndClose(doc);
    }
  });
});
