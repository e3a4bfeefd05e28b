import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic, type MarkupContent, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { INSTRUCTION_NOTES } from '../../server/src/engine/knowledge/instructions';
import { ruleById } from '../../server/src/engine/rules';
import { APP_CONTEXT, APP_DOCKERFILE, APP_LINES } from '../helpers/fixtures';
import { delay, LspTestClient, messageText, withCode } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';
import { minimalChange } from '../helpers/text-edits';

function only(p: PublishDiagnosticsParams, code: string): Diagnostic {
  const found = withCode(p.diagnostics, code);
  assert.equal(found.length, 1, `expected exactly one ${code} diagnostic, got ${found.length}: ${JSON.stringify(p.diagnostics, null, 1)}`);
  return found[0];
}

function markdown(hover: unknown): string {
  assert.ok(hover && typeof hover === 'object' && 'contents' in hover, `expected a hover, got ${JSON.stringify(hover)}`);
  const contents = (hover as { contents: MarkupContent }).contents;
  assert.equal(contents.kind, 'markdown', `hover contents should be MarkupContent of kind markdown, got ${JSON.stringify(contents)}`);
  return contents.value;
}

describe('language server: diagnostics and hovers', () => {
  let client: LspTestClient;
  let dir: string;
  let uri: string;
  let first: PublishDiagnosticsParams;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} } });
    dir = makeTempDir(APP_CONTEXT);
    uri = fileUri(path.join(dir, 'Dockerfile'));
    await client.open(uri, APP_DOCKERFILE, 7);
    first = await client.waitForDiagnostics(uri, p => p.diagnostics.length > 0);
  });
  after(async () => { await client?.shutdown(); });

  it('publishes for the opened document version', () => {
    assert.equal(first.version, 7, `the publish should carry the document version (7), got ${first.version}`);
    assert.equal(first.uri, uri);
  });

  it('every diagnostic has source layerwise, code = rule id and a codeDescription link to docs/rules/<id>.md', () => {
    for (const d of first.diagnostics) {
      assert.equal(d.source, 'layerwise', `source of ${JSON.stringify(d)}`);
      assert.equal(typeof d.code, 'string', `code should be the rule id string: ${JSON.stringify(d)}`);
      assert.ok(ruleById(String(d.code)), `code ${String(d.code)} should be a registered rule id`);
      const href = d.codeDescription?.href ?? '';
      assert.ok(href.endsWith(`/docs/rules/${String(d.code)}.md`), `codeDescription.href should end in /docs/rules/${String(d.code)}.md, got ${JSON.stringify(href)}`);
      assert.doesNotThrow(() => new URL(href), `codeDescription.href must be a valid URI: ${href}`);
      assert.ok(messageText(d).length > 0, 'message must not be empty');
    }
  });

  it('base-image-latest: a warning on the `latest` tag of line 1', () => {
    const d = only(first, 'base-image-latest');
    assert.deepEqual(d.range, { start: { line: APP_LINES.latest, character: 12 }, end: { line: APP_LINES.latest, character: 18 } }, 'range should cover `latest` in `FROM python:latest`');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.match(messageText(d), /python:latest/);
  });

  it('copy-all-before-install: a warning on the COPY line that names the install line', () => {
    const d = only(first, 'copy-all-before-install');
    assert.equal(d.range.start.line, APP_LINES.copy, 'should be on the COPY . . line');
    assert.equal(d.range.end.line, APP_LINES.copy);
    assert.equal(d.range.start.character, 0);
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.match(messageText(d), new RegExp(`line ${APP_LINES.run + 1}\\b`), 'message should name the install line (1-based)');
    assert.match(messageText(d), /requirements\.txt/);
  });

  it('secret-in-env-or-arg: a literal value is an Error on the ENV property', () => {
    const d = only(first, 'secret-in-env-or-arg');
    assert.deepEqual(d.range, { start: { line: APP_LINES.secret, character: 4 }, end: { line: APP_LINES.secret, character: 20 } }, 'range should cover API_TOKEN=abc123');
    assert.equal(d.severity, DiagnosticSeverity.Error);
  });

  it('does not report base-image-untagged for a tagged image', () => {
    assert.equal(withCode(first.diagnostics, 'base-image-untagged').length, 0);
  });

  it('an ARG secret without a default is only a Warning; an untagged FROM gets base-image-untagged', async () => {
    const u = fileUri(path.join(dir, 'Dockerfile.arg'));
    await client.open(u, 'FROM ubuntu\nARG DB_PASSWORD\nRUN echo hi\n');
    const p = await client.waitForVersion(u, 1);
    const secret = only(p, 'secret-in-env-or-arg');
    assert.equal(secret.severity, DiagnosticSeverity.Warning);
    assert.equal(secret.range.start.line, 1);
    const untagged = only(p, 'base-image-untagged');
    assert.deepEqual(untagged.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } });
    assert.equal(withCode(p.diagnostics, 'base-image-latest').length, 0, 'an untagged image is not base-image-latest');
    await client.close(u);
  });

  it('hover on a diagnostic range explains the rule (id, message and the rule documentation)', async () => {
    const value = markdown(await client.hover(uri, { line: APP_LINES.latest, character: 14 }));
    const rule = ruleById('base-image-latest')!;
    assert.ok(value.includes('base-image-latest'), `hover should name the rule id:\n${value}`);
    assert.ok(value.includes('DL3007'), `hover should mention the alias DL3007:\n${value}`);
    // The diagnostic is plain text (code spans shown as quotes); the hover keeps the Markdown.
    const asPlainText = value.replace(/`([^`]+)`/g, "'$1'");
    assert.ok(asPlainText.includes(messageText(only(first, 'base-image-latest'))), `hover should include the diagnostic message:\n${value}`);
    assert.ok(value.includes(rule.docs.why), `hover should include the rule's explanation (docs.why):\n${value}`);
  });

  it('hover on the secret explains secret-in-env-or-arg, not another rule', async () => {
    const value = markdown(await client.hover(uri, { line: APP_LINES.secret, character: 8 }));
    assert.ok(value.includes('secret-in-env-or-arg'), value);
    assert.ok(value.includes(ruleById('secret-in-env-or-arg')!.docs.why), value);
    assert.ok(!value.includes('base-image-latest'), 'hover on line 6 must not show the FROM finding');
  });

  it('hover on an instruction keyword shows the instruction reference', async () => {
    const value = markdown(await client.hover(uri, { line: APP_LINES.workdir, character: 3 }));
    assert.ok(value.includes('WORKDIR'), value);
    assert.ok(value.includes(INSTRUCTION_NOTES.WORKDIR.syntax), `hover should show the WORKDIR syntax ${INSTRUCTION_NOTES.WORKDIR.syntax}:\n${value}`);
  });

  it('hover on empty space returns null', async () => {
    assert.equal(await client.hover(uri, { line: APP_LINES.empty, character: 0 }), null, 'hover on an empty line should be null');
    assert.equal(await client.hover(uri, { line: 100, character: 0 }), null, 'hover past the end of the document should be null');
  });

  it('no stale results: after 30 rapid edits the last publish is for the final version and matches a fresh open', async () => {
    const u = fileUri(path.join(dir, 'Dockerfile.rapid'));
    const textFor = (i: number) => [
      `FROM python:${i % 2 ? 'latest' : '3.12-slim'}`,
      'WORKDIR /app',
      `ENV API_TOKEN_${i}=value${i}`,
      i % 3 === 0 ? 'COPY . .\nRUN pip install -r requirements.txt' : 'COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .',
      '',
    ].join('\n');
    let text = textFor(0);
    await client.open(u, text, 1);
    for (let i = 1; i <= 30; i++) {
      const next = textFor(i);
      // Alternate incremental (ranged) and full-content changes; do not wait in between.
      const version = i % 2
        ? await client.changeWith(u, [minimalChange(text, next)], next)
        : await client.change(u, next);
      assert.equal(version, i + 1);
      text = next;
    }
    const finalVersion = 31;
    const last = await client.waitForVersion(u, finalVersion, () => true, 10_000);
    // Let any pending (debounced or late) analysis run, then check nothing older arrived afterwards.
    await delay(600);
    const pubs = client.publishesFor(u).map(p => p.params.version);
    assert.equal(client.latest(u)?.version, finalVersion, `the latest publish must be for version ${finalVersion}; publish versions: ${JSON.stringify(pubs)}`);
    for (let i = 1; i < pubs.length; i++) {
      assert.ok((pubs[i] ?? 0) >= (pubs[i - 1] ?? 0), `publishes went back in version: ${JSON.stringify(pubs)}`);
    }
    assert.ok(last.diagnostics.some(d => d.code === 'secret-in-env-or-arg' && messageText(d).includes('API_TOKEN_30')), `final diagnostics should be about API_TOKEN_30: ${JSON.stringify(last.diagnostics)}`);
    assert.ok(!last.diagnostics.some(d => /API_TOKEN_(?!30\b)\d+/.test(messageText(d))), 'no diagnostic from an older version may remain');
    assert.ok(!last.diagnostics.some(d => d.code === 'base-image-latest'), 'the final text is pinned (3.12-slim)');
    assert.ok(last.diagnostics.some(d => d.code === 'copy-all-before-install'), 'the final text (i = 30) copies everything first');

    const fresh = fileUri(path.join(dir, 'Dockerfile.fresh'));
    await client.open(fresh, text, 1);
    const reference = await client.waitForVersion(fresh, 1);
    assert.deepEqual(client.latest(u)!.diagnostics, reference.diagnostics, 'the final diagnostics must equal those of a fresh open of the same text');
    await client.close(fresh);
    await client.close(u);
  });

  it('didClose publishes an empty diagnostics list, even with an analysis still pending', async () => {
    const u = fileUri(path.join(dir, 'Dockerfile.close'));
    await client.open(u, APP_DOCKERFILE);
    await client.waitForVersion(u, 1, p => p.diagnostics.length > 0);
    // An edit whose debounced analysis has not run yet when the document closes.
    await client.change(u, APP_DOCKERFILE + 'ENV DB_PASSWORD=x\n');
    const count = client.publishCount(u);
    await client.close(u);
    await client.waitForDiagnostics(u, p => p.diagnostics.length === 0, 10_000, count);
    await delay(500);
    assert.deepEqual(client.latest(u)?.diagnostics, [], `after close the last publish must stay empty.${client.describe(u)}`);

    assert.equal(await client.hover(u, { line: 0, character: 1 }), null, 'hover on a closed document should be null');
    const actions = await client.codeActions(u, { start: { line: 3, character: 0 }, end: { line: 3, character: 8 } }, { only: ['quickfix'] });
    assert.ok(actions === null || (Array.isArray(actions) && actions.length === 0), `code actions on a closed document should be null or [], got ${JSON.stringify(actions)}`);
    assert.equal(client.exitCode, null, 'the server must still be running');
  });

  it('reopening a closed document analyses it again', async () => {
    const u = fileUri(path.join(dir, 'Dockerfile.reopen'));
    await client.open(u, APP_DOCKERFILE, 1);
    await client.waitForVersion(u, 1, p => p.diagnostics.length > 0);
    await client.close(u);
    await client.waitForDiagnostics(u, p => p.diagnostics.length === 0);
    await client.open(u, 'FROM node:latest\n', 1);
    const p = await client.waitForDiagnostics(u, q => q.version === 1 && q.diagnostics.length > 0);
    const found = p.diagnostics.map(d => d.code);
    assert.ok(found.includes('base-image-latest'), `the reopened text has a latest tag: ${JSON.stringify(found)}`);
    assert.ok(!found.includes('secret-in-env-or-arg') && !found.includes('copy-all-before-install'), `findings of the text before closing must not come back: ${JSON.stringify(found)}`);
    await client.close(u);
  });
});
