// A rule that throws, in the real bundled server: caught, logged once, disabled for that document,
// its partial findings dropped, and every other rule's diagnostics still published. The fault is
// injected with LAYERWISE_TEST_FAULTY_RULE (server/src/lsp/faults.ts), read once at start-up:
// the named rule reports its findings, then throws on every check.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MessageType, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { FAULTY_RULE_VARIABLE } from '../../server/src/lsp/faults';
import { APP_CONTEXT, APP_DOCKERFILE, APP_LINES } from '../helpers/fixtures';
import { LspTestClient, withCode } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';

/** Has a finding in APP_DOCKERFILE (line 3) and a safe fix that fix-all would apply. */
const FAULTY = 'python-unbuffered';
const SETTINGS = { layerwise: { shellcheck: { enable: false } } };

function failureLogs(client: LspTestClient, uri?: string) {
  return client.logs.filter(l => l.message.includes(`Rule ${FAULTY} failed`) && (!uri || l.message.includes(uri)));
}

function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(d => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort();
}

async function startWithFault(): Promise<LspTestClient> {
  process.env[FAULTY_RULE_VARIABLE] = FAULTY;
  try {
    return await LspTestClient.start({ settings: SETTINGS });
  } finally {
    delete process.env[FAULTY_RULE_VARIABLE];
  }
}

describe('language server: a rule that throws', () => {
  let faulty: LspTestClient;
  let healthy: LspTestClient;
  let dir: string;
  let uri: string;
  let broken: PublishDiagnosticsParams;
  let reference: PublishDiagnosticsParams;

  before(async () => {
    dir = makeTempDir(APP_CONTEXT);
    uri = fileUri(path.join(dir, 'Dockerfile'));
    // One after the other: the variable must be set only while the faulty server is spawned.
    faulty = await startWithFault();
    healthy = await LspTestClient.start({ settings: SETTINGS });
    await Promise.all([faulty.open(uri, APP_DOCKERFILE), healthy.open(uri, APP_DOCKERFILE)]);
    // Compare settled states: build-context rules join in a second publish once the background
    // scan lands, and the two servers need not be at the same point when the first one arrives.
    const contextScanned = (p: PublishDiagnosticsParams) => p.diagnostics.some(d => d.code === 'missing-dockerignore');
    [broken, reference] = await Promise.all([faulty.waitForVersion(uri, 1, contextScanned), healthy.waitForVersion(uri, 1, contextScanned)]);
  });
  after(async () => { await Promise.all([faulty?.shutdown(), healthy?.shutdown()]); });

  it('is really injected (the server says so on stderr) and the healthy server reports that rule', () => {
    assert.match(faulty.stderr, new RegExp(`${FAULTY_RULE_VARIABLE}: rule ${FAULTY} throws`), `the fault was not injected.${faulty.describe(uri)}`);
    assert.equal(withCode(reference.diagnostics, FAULTY).length, 1, `the healthy server should report ${FAULTY}: ${JSON.stringify(summary(reference.diagnostics))}`);
  });

  it('publishes every other rule\'s diagnostics, exactly as a healthy server does, and none of the failing rule\'s', () => {
    assert.deepEqual(withCode(broken.diagnostics, FAULTY), [], 'the finding the rule reported before throwing must be dropped');
    const expected = summary(reference.diagnostics.filter(d => d.code !== FAULTY));
    assert.ok(expected.length >= 2, `the comparison needs other findings: ${JSON.stringify(expected)}`);
    assert.deepEqual(summary(broken.diagnostics), expected);
    assert.equal(withCode(broken.diagnostics, 'base-image-latest')[0]?.range.start.line, APP_LINES.latest);
  });

  it('logs the failure once, as an error naming the rule, the document and the stack', () => {
    const logs = failureLogs(faulty, uri);
    assert.equal(logs.length, 1, `expected one failure log, got ${logs.length}: ${JSON.stringify(faulty.logs.map(l => l.message.slice(0, 200)))}`);
    assert.equal(logs[0].type, MessageType.Error);
    assert.match(logs[0].message, /disabled for this document/);
    assert.match(logs[0].message, /fault injected into python-unbuffered/);
    assert.match(logs[0].message, /\n\s+at /, 'the log should carry the stack trace');
    assert.deepEqual(failureLogs(healthy), [], 'the healthy server logs no failure');
  });

  it('stays disabled for that document through edits: no new log, other rules follow the text', async () => {
    let text = APP_DOCKERFILE;
    for (let i = 0; i < 4; i++) {
      text = text.replace(/ENV API_TOKEN=\w+/, `ENV API_TOKEN=abc${i}`) + `LABEL edit=${i}\n`;
      const version = await faulty.change(uri, text);
      const p = await faulty.waitForVersion(uri, version);
      assert.deepEqual(withCode(p.diagnostics, FAULTY), []);
      assert.equal(withCode(p.diagnostics, 'secret-in-env-or-arg').length, 1, `other rules still run on version ${version}: ${JSON.stringify(summary(p.diagnostics))}`);
    }
    assert.equal(failureLogs(faulty, uri).length, 1, 'a disabled rule is not run again, so it is not logged again');
  });

  it('hover and fix-all keep working; fix-all leaves the disabled rule\'s fix out', async () => {
    const hover = await faulty.hover(uri, { line: APP_LINES.latest, character: 6 });
    assert.ok(hover, 'hover answers on the document with a failed rule');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const [faultyActions, healthyActions] = await Promise.all([
      faulty.codeActions(uri, range, { only: ['source.fixAll.layerwise'] }),
      healthy.codeActions(uri, range, { only: ['source.fixAll.layerwise'] }),
    ]);
    /** How many fixes the fix-all action applies (0 when none is offered). */
    const fixCount = (actions: unknown) => {
      const titles = ((actions ?? []) as { title: string }[]).map(a => a.title);
      assert.ok(titles.length <= 1, `at most one fix-all action: ${JSON.stringify(titles)}`);
      return titles.length ? Number(/\((\d+)\)/.exec(titles[0])?.[1]) : 0;
    };
    assert.ok(fixCount(healthyActions) >= 1, `the healthy server offers fix-all here: ${JSON.stringify(healthyActions)}`);
    assert.equal(fixCount(faultyActions), fixCount(healthyActions) - 1, 'fix-all on the faulty server applies every fix but the disabled rule\'s');
    assert.equal(failureLogs(faulty, uri).length, 1, 'fix-all does not run the disabled rule');
    assert.equal(faulty.exitCode, null, 'the server is still running');
  });

  it('is disabled per document: another document logs its own failure once and keeps its other diagnostics', async () => {
    const other = fileUri(path.join(dir, 'Dockerfile.other'));
    await faulty.open(other, APP_DOCKERFILE);
    const p = await faulty.waitForVersion(other, 1);
    assert.deepEqual(withCode(p.diagnostics, FAULTY), []);
    assert.ok(withCode(p.diagnostics, 'base-image-latest').length === 1);
    assert.equal(failureLogs(faulty, other).length, 1);
    assert.equal(failureLogs(faulty).length, 2, 'one log per document');
  });
});
