// Hovering a diagnostic explains the rule, in words that teach the fix.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { RULE, hoverText, insideRange, revertAndClose, openFreshCase, waitForDiagnostic } from './helpers';

suite('hover explanations', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    ({ doc } = await openFreshCase('hover'));
  });
  suiteTeardown(async () => revertAndClose(doc));

  async function hoverOn(rule: string): Promise<string> {
    const d = await waitForDiagnostic(doc, rule);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider', doc.uri, insideRange(d.range));
    const text = hoverText(hovers);
    assert.ok(text.includes(rule), `hover over the ${rule} diagnostic does not name the rule; hover text: ${JSON.stringify(text)}`);
    return text;
  }

  test(`${RULE.copyAll}: hover names the rule and explains layer caching`, async () => {
    const text = await hoverOn(RULE.copyAll);
    assert.match(text, /cach/i, `hover does not mention cache/caching: ${JSON.stringify(text)}`);
  });

  test(`${RULE.secret}: hover names the rule and shows a safer way to pass secrets`, async () => {
    const text = await hoverOn(RULE.secret);
    assert.match(text, /docker run -e|--mount=type=secret/,
      `hover mentions neither "docker run -e" nor "--mount=type=secret": ${JSON.stringify(text)}`);
  });

  test(`${RULE.baseLatest}: hover names the rule and explains it`, async () => {
    const text = await hoverOn(RULE.baseLatest);
    const words = text.replace(new RegExp(RULE.baseLatest, 'g'), '').split(/\s+/).filter((w) => /[a-z]{2,}/i.test(w));
    assert.ok(words.length >= 8, `hover has no real explanation beyond the rule id: ${JSON.stringify(text)}`);
  });
});
