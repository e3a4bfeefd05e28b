// Quick fixes: the preferred fix for COPY . . reorders the copy for caching;
// the ignore actions insert the documented comments; each removes its diagnostic.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  LINE, RULE, applyCodeAction, assertCopyReordered, codeActions, describeActions, findDiagnostic,
  openFreshCase, revertAndClose, waitForDiagnostic, waitForNoDiagnostic,
} from './helpers';

const QUICKFIX = vscode.CodeActionKind.QuickFix;

suite('quick fixes', () => {
  const opened: vscode.TextDocument[] = [];
  teardown(async () => {
    for (const doc of opened.splice(0)) await revertAndClose(doc);
  });

  async function freshCase(name: string): Promise<vscode.TextDocument> {
    const { doc } = await openFreshCase(name);
    opened.push(doc);
    return doc;
  }

  test(`${RULE.copyAll}: the preferred quick fix copies requirements.txt first and the diagnostic goes away`, async () => {
    const doc = await freshCase('preferred-fix');
    const d = await waitForDiagnostic(doc, RULE.copyAll);
    const actions = await codeActions(doc, d.range, QUICKFIX);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.ok(preferred.length > 0, `no preferred quick fix for ${RULE.copyAll}; got ${describeActions(actions)}`);
    await applyCodeAction(preferred[0]);
    assertCopyReordered(doc.getText());
    await waitForNoDiagnostic(doc, RULE.copyAll);
  });

  const ignoreCases: { rule: string; line: string; title: RegExp; comment: string }[] = [
    { rule: RULE.secret, line: LINE.env, title: /ignore.*for this instruction/i, comment: `# layerwise ignore=${RULE.secret}` },
    { rule: RULE.baseLatest, line: LINE.from, title: /ignore.*in this file/i, comment: `# layerwise global ignore=${RULE.baseLatest}` },
  ];
  for (const c of ignoreCases) {
    test(`${c.rule}: "${c.title.source}" inserts "${c.comment}" and removes only that diagnostic`, async () => {
      const doc = await freshCase(`ignore-${c.rule}`);
      const d = await waitForDiagnostic(doc, c.rule);
      await waitForDiagnostic(doc, RULE.copyAll);
      const actions = await codeActions(doc, d.range, QUICKFIX);
      const ignore = actions.find((a) => c.title.test(a.title));
      assert.ok(ignore, `no action titled like ${c.title} for ${c.rule}; got ${describeActions(actions)}`);
      await applyCodeAction(ignore);
      assert.ok(doc.getText().includes(c.comment), `"${c.comment}" was not inserted:\n${doc.getText()}`);
      await waitForNoDiagnostic(doc, c.rule);
      // Suppressing one rule must not silence the others.
      assert.ok(findDiagnostic(doc.uri, RULE.copyAll), `${RULE.copyAll} vanished too after ignoring ${c.rule}`);
    });
  }
});
