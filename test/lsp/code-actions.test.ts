import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Command, Diagnostic, PublishDiagnosticsParams, Range, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { APP_CONTEXT, APP_DOCKERFILE, APP_LINES, TWO_STAGE_DOCKERFILE } from '../helpers/fixtures';
import { LspTestClient, withCode } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';
import { applyWorkspaceEdit, editsFor, lines } from '../helpers/text-edits';

const FIX_ALL = 'source.fixAll.layerwise';

function diagnostic(p: PublishDiagnosticsParams, code: string): Diagnostic {
  const found = withCode(p.diagnostics, code);
  assert.equal(found.length, 1, `expected one ${code} diagnostic: ${JSON.stringify(p.diagnostics)}`);
  return found[0];
}

function asActions(result: (CodeAction | Command)[] | null): CodeAction[] {
  assert.ok(Array.isArray(result), `expected an array of code actions, got ${JSON.stringify(result)}`);
  for (const a of result) assert.ok(!('command' in a && typeof a.command === 'string'), `expected CodeAction literals, got a Command: ${JSON.stringify(a)}`);
  return result as CodeAction[];
}

const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Runs the code action tests with one client configuration (WorkspaceEdit.changes or documentChanges). */
function codeActionSuite(name: string, documentChanges: boolean) {
  describe(`language server: code actions (${name})`, () => {
    let client: LspTestClient;
    let dir: string;
    let n = 0;

    before(async () => {
      // A short debounce keeps edit → publish round trips quick.
      client = await LspTestClient.start({ documentChanges, settings: { layerwise: { validate: { debounce: 10 } } } });
      dir = makeTempDir(APP_CONTEXT);
    });
    after(async () => { await client?.shutdown(); });

    async function openFresh(text: string, file = `Dockerfile.${++n}`): Promise<{ uri: string; published: PublishDiagnosticsParams }> {
      const uri = fileUri(path.join(dir, file));
      await client.open(uri, text, 1);
      const published = await client.waitForVersion(uri, 1);
      return { uri, published };
    }

    /** Applies an action's edit as an editor would, sends it as a didChange and waits for the new publish. */
    async function apply(uri: string, edit: WorkspaceEdit | undefined): Promise<{ text: string; published: PublishDiagnosticsParams }> {
      assert.ok(edit, 'the action should carry a WorkspaceEdit');
      if (documentChanges) {
        assert.ok(edit.documentChanges && !edit.changes, `a client with documentChanges support should get documentChanges: ${JSON.stringify(edit)}`);
        const change = edit.documentChanges[0];
        assert.ok('textDocument' in change, 'expected a TextDocumentEdit');
        assert.equal(change.textDocument.version, client.version(uri), 'the TextDocumentEdit should name the current document version');
      } else {
        assert.ok(edit.changes && !edit.documentChanges, `a client without documentChanges support should get changes: ${JSON.stringify(edit)}`);
      }
      const text = applyWorkspaceEdit(client.text(uri)!, uri, edit);
      const version = await client.change(uri, text);
      const published = await client.waitForVersion(uri, version);
      return { text, published };
    }

    it('quickfix on the COPY diagnostic offers a preferred fix that moves COPY . . after the install', async () => {
      const { uri, published } = await openFresh(APP_DOCKERFILE);
      const copy = diagnostic(published, 'copy-all-before-install');
      const actions = asActions(await client.codeActions(uri, copy.range, { diagnostics: [copy], only: ['quickfix'] }));
      for (const a of actions) assert.equal(a.kind, 'quickfix', `only quickfix actions were requested, got ${a.kind}: ${a.title}`);
      const preferred = actions.filter(a => a.isPreferred);
      assert.equal(preferred.length, 1, `expected exactly one preferred action: ${JSON.stringify(actions.map(a => [a.title, a.isPreferred]))}`);
      const fix = preferred[0];
      assert.deepEqual(fix.diagnostics?.map(d => d.code), ['copy-all-before-install'], 'the fix should be linked to the COPY diagnostic it resolves');

      const { text, published: after } = await apply(uri, fix.edit);
      const ls = lines(text);
      const manifestCopy = ls.indexOf('COPY requirements.txt .');
      const run = ls.indexOf('RUN pip install --no-cache-dir -r requirements.txt');
      const fullCopy = ls.indexOf('COPY . .');
      assert.ok(manifestCopy >= 0, `the fix should add COPY requirements.txt .:\n${text}`);
      assert.ok(manifestCopy < run && run < fullCopy, `expected COPY requirements.txt . < RUN pip install < COPY . .:\n${text}`);
      assert.equal(ls.filter(l => l === 'COPY . .').length, 1, 'COPY . . must be moved, not duplicated');
      assert.equal(ls.filter(l => l.startsWith('RUN pip install')).length, 1, 'the install must appear once');
      assert.equal(withCode(after.diagnostics, 'copy-all-before-install').length, 0, `copy-all-before-install should be gone after the fix: ${JSON.stringify(after.diagnostics)}`);
      assert.equal(withCode(after.diagnostics, 'base-image-latest').length, 1, 'unrelated findings stay');
      assert.equal(withCode(after.diagnostics, 'secret-in-env-or-arg').length, 1, 'unrelated findings stay');
    });

    it('quickfix on base-image-latest offers unsafe pins (not preferred) that remove the warning when applied', async () => {
      const { uri, published } = await openFresh(APP_DOCKERFILE);
      const latest = diagnostic(published, 'base-image-latest');
      const actions = asActions(await client.codeActions(uri, latest.range, { diagnostics: [latest], only: ['quickfix'] }));
      const pins = actions.filter(a => /^Pin to python:/.test(a.title));
      assert.ok(pins.length > 0, `expected "Pin to python:<version>" actions: ${JSON.stringify(actions.map(a => a.title))}`);
      for (const p of pins) assert.ok(!p.isPreferred, `changing the base image is not a safe fix, so it must not be preferred: ${p.title}`);
      const { text, published: after } = await apply(uri, pins[0].edit);
      assert.match(lines(text)[0], /^FROM python:(?!latest)\S+$/, `the FROM line should be pinned: ${lines(text)[0]}`);
      assert.equal(withCode(after.diagnostics, 'base-image-latest').length, 0, 'the pinned image is no longer latest');
    });

    it('"ignore for this instruction" inserts # layerwise ignore=<id> above a later instruction and silences that finding', async () => {
      const { uri, published } = await openFresh(APP_DOCKERFILE + 'ENV DB_PASSWORD=second\n');
      const secrets = withCode(published.diagnostics, 'secret-in-env-or-arg');
      assert.equal(secrets.length, 2, `two ENV secrets: ${JSON.stringify(published.diagnostics)}`);
      const actions = asActions(await client.codeActions(uri, secrets[0].range, { diagnostics: [secrets[0]], only: ['quickfix'] }));
      const ignore = actions.find(a => editsFor(a.edit ?? {}, uri).some(e => e.newText.includes('# layerwise ignore=secret-in-env-or-arg')));
      assert.ok(ignore, `expected an action inserting "# layerwise ignore=secret-in-env-or-arg": ${JSON.stringify(actions.map(a => a.title))}`);
      const { text: edited, published: after } = await apply(uri, ignore.edit);
      const ls = lines(edited);
      const at = ls.indexOf('ENV API_TOKEN=abc123');
      assert.equal(ls[at - 1], '# layerwise ignore=secret-in-env-or-arg', `the pragma should be on the line above the ENV:\n${edited}`);
      const remaining = withCode(after.diagnostics, 'secret-in-env-or-arg');
      assert.equal(remaining.length, 1, `only the second ENV should still be reported: ${JSON.stringify(after.diagnostics)}`);
      assert.equal(remaining[0].range.start.line, ls.indexOf('ENV DB_PASSWORD=second'));
    });

    it('"ignore for this instruction" on a FROM on the first line silences that finding', async () => {
      const text = APP_DOCKERFILE + 'FROM python:latest AS second\n';
      const { uri, published } = await openFresh(text);
      const latest = withCode(published.diagnostics, 'base-image-latest');
      assert.equal(latest.length, 2, 'two FROM lines use latest');
      const actions = asActions(await client.codeActions(uri, latest[0].range, { diagnostics: [latest[0]], only: ['quickfix'] }));
      const ignore = actions.find(a => editsFor(a.edit ?? {}, uri).some(e => e.newText.includes('# layerwise ignore=base-image-latest')));
      assert.ok(ignore, `expected an action inserting "# layerwise ignore=base-image-latest": ${JSON.stringify(actions.map(a => a.title))}`);
      const { text: edited, published: after } = await apply(uri, ignore.edit);
      const ls = lines(edited);
      assert.equal(ls[0], '# layerwise ignore=base-image-latest', `the pragma should be on the line above FROM:\n${edited}`);
      assert.equal(ls[1], 'FROM python:latest');
      const remaining = withCode(after.diagnostics, 'base-image-latest');
      assert.equal(remaining.length, 1, `the pragma inserted on line 1 must silence the first FROM; only the second FROM should still be reported: ${JSON.stringify(after.diagnostics)}`);
      assert.equal(remaining[0].range.start.line, ls.indexOf('FROM python:latest AS second'));
    });

    it('"ignore in this file" inserts # layerwise global ignore=<id> after the parser directives', async () => {
      const text = '# syntax=docker/dockerfile:1\n# escape=\\\n\n' + APP_DOCKERFILE;
      const { uri, published } = await openFresh(text);
      const secret = diagnostic(published, 'secret-in-env-or-arg');
      const actions = asActions(await client.codeActions(uri, secret.range, { diagnostics: [secret], only: ['quickfix'] }));
      const ignore = actions.find(a => editsFor(a.edit ?? {}, uri).some(e => e.newText.includes('# layerwise global ignore=secret-in-env-or-arg')));
      assert.ok(ignore, `expected an action inserting "# layerwise global ignore=secret-in-env-or-arg": ${JSON.stringify(actions.map(a => a.title))}`);
      const { text: edited, published: after } = await apply(uri, ignore.edit);
      const ls = lines(edited);
      assert.equal(ls[0], '# syntax=docker/dockerfile:1', `the syntax directive must stay first:\n${edited}`);
      assert.equal(ls[1], '# escape=\\', `the escape directive must stay second:\n${edited}`);
      assert.equal(ls[2], '# layerwise global ignore=secret-in-env-or-arg', `the pragma goes right after the directives:\n${edited}`);
      assert.equal(withCode(after.diagnostics, 'secret-in-env-or-arg').length, 0, `the secret finding should be silenced: ${JSON.stringify(after.diagnostics)}`);
      assert.equal(withCode(after.diagnostics, 'base-image-latest').length, 1, 'other rules still report');
    });

    it('"ignore in this file" goes on the first line when there are no directives, and extends an existing pragma', async () => {
      const { uri, published } = await openFresh(APP_DOCKERFILE);
      const latest = diagnostic(published, 'base-image-latest');
      let actions = asActions(await client.codeActions(uri, latest.range, { diagnostics: [latest], only: ['quickfix'] }));
      let ignore = actions.find(a => editsFor(a.edit ?? {}, uri).some(e => e.newText.includes('global ignore=base-image-latest')));
      assert.ok(ignore, 'expected an ignore-in-file action');
      let step = await apply(uri, ignore.edit);
      assert.equal(lines(step.text)[0], '# layerwise global ignore=base-image-latest');
      assert.equal(withCode(step.published.diagnostics, 'base-image-latest').length, 0);

      const secret = diagnostic(step.published, 'secret-in-env-or-arg');
      actions = asActions(await client.codeActions(uri, secret.range, { diagnostics: [secret], only: ['quickfix'] }));
      ignore = actions.find(a => editsFor(a.edit ?? {}, uri).some(e => e.newText.includes('secret-in-env-or-arg') && e.newText.includes('global ignore=')));
      assert.ok(ignore, 'expected an ignore-in-file action for the secret');
      step = await apply(uri, ignore.edit);
      const pragmas = lines(step.text).filter(l => /layerwise\s+global\s+ignore/.test(l));
      assert.deepEqual(pragmas, ['# layerwise global ignore=base-image-latest,secret-in-env-or-arg'], `the existing pragma should be extended, not duplicated:\n${step.text}`);
      assert.equal(withCode(step.published.diagnostics, 'secret-in-env-or-arg').length, 0);
      assert.equal(withCode(step.published.diagnostics, 'base-image-latest').length, 0);
    });

    it('a quickfix request without `only` offers quick fixes but no fix-all action', async () => {
      const { uri, published } = await openFresh(APP_DOCKERFILE);
      const copy = diagnostic(published, 'copy-all-before-install');
      const actions = asActions(await client.codeActions(uri, copy.range, { diagnostics: [copy] }));
      assert.ok(actions.some(a => a.kind === 'quickfix' && a.isPreferred), 'the preferred quick fix should be offered');
      assert.ok(!actions.some(a => a.kind?.startsWith('source.fixAll')), 'fix-all is only returned on explicit request (context.only)');
    });

    it('source.fixAll.layerwise returns one action applying every safe fix; applying it twice changes nothing more', async () => {
      const { uri, published } = await openFresh(TWO_STAGE_DOCKERFILE + 'ENV API_TOKEN=abc\nFROM python:latest\n');
      assert.equal(withCode(published.diagnostics, 'copy-all-before-install').length, 2, `both stages copy everything first: ${JSON.stringify(published.diagnostics)}`);
      const actions = asActions(await client.codeActions(uri, WHOLE, { diagnostics: [], only: [FIX_ALL] }));
      assert.equal(actions.length, 1, `expected exactly one fix-all action: ${JSON.stringify(actions.map(a => [a.kind, a.title]))}`);
      assert.equal(actions[0].kind, FIX_ALL);
      const { text, published: after } = await apply(uri, actions[0].edit);
      assert.equal(withCode(after.diagnostics, 'copy-all-before-install').length, 0, `both copy fixes should be applied: ${JSON.stringify(after.diagnostics)}\n${text}`);
      assert.equal(lines(text).filter(l => l === 'COPY requirements.txt .').length, 2, `each stage gets its own manifest copy:\n${text}`);
      assert.equal(lines(text).filter(l => l === 'COPY . .').length, 2, `each stage keeps one full copy:\n${text}`);
      // Unsafe fixes (pinning, removing secrets) are never applied by fix-all.
      assert.ok(text.includes('FROM python:latest'), 'fix-all must not pin base images');
      assert.ok(text.includes('ENV API_TOKEN=abc'), 'fix-all must not remove ENV values');
      assert.equal(withCode(after.diagnostics, 'base-image-latest').length, 1);

      const again = asActions(await client.codeActions(uri, WHOLE, { diagnostics: [], only: [FIX_ALL] }));
      const secondText = again.reduce((t, a) => (a.edit ? applyWorkspaceEdit(t, uri, a.edit) : t), text);
      assert.equal(secondText, text, `a second fix-all must change nothing: ${JSON.stringify(again)}`);
    });

    it('a request for the generic source.fixAll kind includes the Layerwise fix-all', async () => {
      const { uri } = await openFresh(APP_DOCKERFILE);
      const actions = asActions(await client.codeActions(uri, WHOLE, { diagnostics: [], only: ['source.fixAll'] }));
      assert.ok(actions.some(a => a.kind === FIX_ALL), `source.fixAll should match ${FIX_ALL}: ${JSON.stringify(actions.map(a => a.kind))}`);
      const quick = asActions(await client.codeActions(uri, WHOLE, { diagnostics: [], only: ['quickfix'] }));
      assert.ok(!quick.some(a => a.kind === FIX_ALL), 'a quickfix-only request must not return fix-all');
    });

    it('source.fixAll.layerwise on a file with nothing safe to fix returns no action', async () => {
      const { uri } = await openFresh('FROM python:latest\nENV API_TOKEN=abc\n');
      const actions = asActions(await client.codeActions(uri, WHOLE, { diagnostics: [], only: [FIX_ALL] }));
      const text = client.text(uri)!;
      const after = actions.reduce((t, a) => (a.edit ? applyWorkspaceEdit(t, uri, a.edit) : t), text);
      assert.equal(after, text, `nothing safe to fix, so nothing may change: ${JSON.stringify(actions)}`);
    });

    it('fixes keep CRLF line endings of a CRLF document', async () => {
      const { uri, published } = await openFresh(APP_DOCKERFILE.replace(/\n/g, '\r\n'));
      const copy = diagnostic(published, 'copy-all-before-install');
      assert.equal(copy.range.start.line, APP_LINES.copy, 'CRLF line numbers are the same as LF ones');
      const fix = asActions(await client.codeActions(uri, copy.range, { diagnostics: [copy], only: ['quickfix'] })).find(a => a.isPreferred);
      assert.ok(fix, 'expected the preferred fix');
      const { text, published: after } = await apply(uri, fix.edit);
      assert.ok(!/[^\r]\n/.test(text), `every line break should still be CRLF: ${JSON.stringify(text)}`);
      assert.ok(text.includes('\r\nCOPY requirements.txt .\r\n'), JSON.stringify(text));
      assert.equal(withCode(after.diagnostics, 'copy-all-before-install').length, 0);
    });

    it('quick fixes only cover findings overlapping the requested range', async () => {
      const { uri } = await openFresh(APP_DOCKERFILE);
      const range: Range = { start: { line: APP_LINES.workdir, character: 0 }, end: { line: APP_LINES.workdir, character: 3 } };
      const actions = asActions(await client.codeActions(uri, range, { diagnostics: [], only: ['quickfix'] }));
      assert.ok(!actions.some(a => a.title.includes('copy-all-before-install') || a.isPreferred), `no fix applies to the WORKDIR line: ${JSON.stringify(actions.map(a => a.title))}`);
    });
  });
}

codeActionSuite('WorkspaceEdit.changes', false);
codeActionSuite('WorkspaceEdit.documentChanges', true);
