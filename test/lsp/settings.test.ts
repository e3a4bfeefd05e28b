import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { APP_CONTEXT, APP_DOCKERFILE } from '../helpers/fixtures';
import { delay, LspTestClient, withCode } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';

const LATEST = 'base-image-latest';
const SECRET = 'secret-in-env-or-arg';
const COPY = 'copy-all-before-install';

function severityOf(p: PublishDiagnosticsParams, code: string): number | undefined {
  return withCode(p.diagnostics, code)[0]?.severity;
}

describe('language server: settings pulled with workspace/configuration', () => {
  let client: LspTestClient;
  let uri: string;

  before(async () => {
    client = await LspTestClient.start({ configuration: true, settings: { layerwise: { rules: {} } } });
    uri = fileUri(path.join(makeTempDir(APP_CONTEXT), 'Dockerfile'));
    await client.open(uri, APP_DOCKERFILE);
    await client.waitForVersion(uri, 1, p => withCode(p.diagnostics, LATEST).length === 1);
  });
  after(async () => { await client?.shutdown(); });

  /** Replaces the `layerwise` settings, notifies the server and waits until `predicate` holds. */
  async function reconfigure(layerwise: Record<string, unknown>, predicate: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    client.settings = { layerwise };
    const requestsBefore = client.configurationRequests.length;
    const count = client.publishCount(uri);
    await client.didChangeConfiguration(null);
    const p = await client.waitForDiagnostics(uri, predicate, 10_000, count);
    assert.ok(client.configurationRequests.length > requestsBefore, 'the server should pull the settings again after didChangeConfiguration');
    return p;
  }

  it('asks for the `layerwise` section, scoped to the document', () => {
    const items = client.configurationRequests.flat();
    assert.ok(items.length > 0, 'the server should have sent workspace/configuration');
    assert.ok(items.every(i => i.section === 'layerwise'), `expected section "layerwise": ${JSON.stringify(items)}`);
    assert.ok(items.some(i => i.scopeUri === uri), `expected scopeUri ${uri}: ${JSON.stringify(items)}`);
  });

  it('registers for workspace/didChangeConfiguration when the client supports dynamic registration', () => {
    assert.ok(client.registrations.some(r => r.method === 'workspace/didChangeConfiguration'), `registrations: ${JSON.stringify(client.registrations)}`);
  });

  it('"off" removes the rule\'s diagnostic after didChangeConfiguration', async () => {
    const p = await reconfigure({ rules: { [LATEST]: 'off' } }, q => withCode(q.diagnostics, LATEST).length === 0);
    assert.equal(p.version, 1, 'the republish is for the unchanged document version');
    assert.equal(withCode(p.diagnostics, COPY).length, 1, 'other rules keep reporting');
    assert.equal(withCode(p.diagnostics, SECRET).length, 1, 'other rules keep reporting');
  });

  it('"error" raises the severity', async () => {
    const p = await reconfigure({ rules: { [LATEST]: 'error' } }, q => severityOf(q, LATEST) === DiagnosticSeverity.Error);
    assert.equal(severityOf(p, COPY), DiagnosticSeverity.Warning, 'other rules keep their default severity');
  });

  it('"info" and "hint" map to Information and Hint; a configured severity overrides the per-finding one', async () => {
    const p = await reconfigure({ rules: { [LATEST]: 'info', [SECRET]: 'hint' } },
      q => severityOf(q, LATEST) === DiagnosticSeverity.Information);
    assert.equal(severityOf(p, SECRET), DiagnosticSeverity.Hint, 'the literal secret is an error by default, but the setting wins');
  });

  it('alias keys work: DL3007 off removes base-image-latest; SecretsUsedInArgOrEnv (any case) sets the secret rule', async () => {
    const p = await reconfigure({ rules: { DL3007: 'off', secretsusedinargorenv: 'warning' } },
      q => withCode(q.diagnostics, LATEST).length === 0 && severityOf(q, SECRET) === DiagnosticSeverity.Warning);
    assert.equal(withCode(p.diagnostics, COPY).length, 1);
  });

  it('removing the setting restores the defaults', async () => {
    const p = await reconfigure({ rules: {} }, q => severityOf(q, LATEST) === DiagnosticSeverity.Warning && severityOf(q, SECRET) === DiagnosticSeverity.Error);
    assert.equal(withCode(p.diagnostics, LATEST).length, 1);
  });

  it('enable: false clears the diagnostics; enable: true brings them back', async () => {
    await reconfigure({ enable: false }, q => q.diagnostics.length === 0);
    assert.equal(await client.hover(uri, { line: 0, character: 14 }), null, 'no hovers while disabled');
    await reconfigure({ enable: true }, q => withCode(q.diagnostics, LATEST).length === 1);
  });

  it('docsBaseUrl changes the codeDescription links', async () => {
    const p = await reconfigure({ docsBaseUrl: 'https://docs.example.test/layerwise/rules/' },
      q => q.diagnostics.length > 0 && q.diagnostics.every(d => d.codeDescription?.href.startsWith('https://docs.example.test/')));
    for (const d of p.diagnostics) {
      assert.equal(d.codeDescription?.href, `https://docs.example.test/layerwise/rules/${String(d.code)}.md`);
    }
    await reconfigure({}, q => q.diagnostics.length > 0 && q.diagnostics.every(d => d.codeDescription?.href.endsWith(`/docs/rules/${String(d.code)}.md`) && !d.codeDescription.href.startsWith('https://docs.example.test/')));
  });

  it('an invalid setting (unknown severity, unknown rule) shows a warning and keeps the server working', async () => {
    client.settings = { layerwise: { rules: { [LATEST]: 'loud' } } };
    const count = client.publishCount(uri);
    await client.didChangeConfiguration(null);
    const msg = await client.waitForMessage(m => /loud/.test(m.message));
    assert.equal(msg.type, 2, `expected a Warning (2) message: ${JSON.stringify(msg)}`);
    assert.match(msg.message, /base-image-latest/);
    const p = await client.waitForDiagnostics(uri, () => true, 10_000, count);
    assert.equal(withCode(p.diagnostics, LATEST).length, 1, 'the server still publishes after an invalid setting');
    assert.equal(severityOf(p, LATEST), DiagnosticSeverity.Warning, 'an invalid setting falls back to the default severity');

    client.settings = { layerwise: { rules: { 'no-such-rule': 'off' } } };
    await client.didChangeConfiguration(null);
    await client.waitForMessage(m => /no-such-rule/.test(m.message));
    assert.equal(client.exitCode, null, 'the server must still be running');
    client.settings = { layerwise: {} };
  });

  it('edits use the debounce from the settings (validate.debounce)', async () => {
    await reconfigure({ validate: { debounce: 800 } }, () => true);
    const version = await client.change(uri, APP_DOCKERFILE + '# edited\n');
    await delay(300);
    assert.notEqual(client.latest(uri)?.version, version, 'with an 800 ms debounce nothing should be published 300 ms after the edit');
    await client.waitForVersion(uri, version, () => true, 10_000);
    client.settings = { layerwise: {} };
  });
});

describe('language server: settings without workspace/configuration support', () => {
  let client: LspTestClient;
  let dir: string;
  let uri: string;

  before(async () => {
    client = await LspTestClient.start({
      configuration: false,
      initializationOptions: { rules: { [LATEST]: 'off' }, validate: { debounce: 0 } },
      // Would be answered if asked; the server must not ask.
      settings: { layerwise: { rules: { [LATEST]: 'error' } } },
    });
    dir = makeTempDir(APP_CONTEXT);
    uri = fileUri(path.join(dir, 'Dockerfile'));
    await client.open(uri, APP_DOCKERFILE);
  });
  after(async () => { await client?.shutdown(); });

  it('applies initializationOptions', async () => {
    const p = await client.waitForVersion(uri, 1);
    assert.equal(withCode(p.diagnostics, LATEST).length, 0, `base-image-latest is off in initializationOptions: ${JSON.stringify(p.diagnostics)}`);
    assert.equal(withCode(p.diagnostics, COPY).length, 1, 'other rules report');
  });

  it('never sends workspace/configuration to a client that does not support it', () => {
    assert.deepEqual(client.configurationRequests, []);
  });

  it('applies settings pushed in didChangeConfiguration ({layerwise: {...}})', async () => {
    let count = client.publishCount(uri);
    await client.didChangeConfiguration({ layerwise: { rules: { [LATEST]: 'error' } } });
    let p = await client.waitForDiagnostics(uri, q => severityOf(q, LATEST) === DiagnosticSeverity.Error, 10_000, count);
    assert.equal(severityOf(p, SECRET), DiagnosticSeverity.Error);

    count = client.publishCount(uri);
    await client.didChangeConfiguration({ layerwise: { rules: { DL3007: 'off', DL3064: 'info' } } });
    p = await client.waitForDiagnostics(uri, q => withCode(q.diagnostics, LATEST).length === 0, 10_000, count);
    assert.equal(severityOf(p, SECRET), DiagnosticSeverity.Information, 'the DL3064 alias sets secret-in-env-or-arg');
    assert.deepEqual(client.configurationRequests, []);
  });

  it('a later push replaces the earlier settings and applies to documents opened afterwards', async () => {
    await client.didChangeConfiguration({ layerwise: { rules: { [COPY]: 'off' } } });
    await delay(50);
    const u = fileUri(path.join(dir, 'Dockerfile.later'));
    await client.open(u, APP_DOCKERFILE);
    const p = await client.waitForVersion(u, 1);
    assert.equal(withCode(p.diagnostics, COPY).length, 0, `copy-all-before-install is off: ${JSON.stringify(p.diagnostics)}`);
    assert.equal(withCode(p.diagnostics, LATEST).length, 1, 'the earlier push is replaced, so base-image-latest is back');
  });
});

describe('language server: initializationOptions in the {layerwise: {...}} shape', () => {
  it('is accepted too', async () => {
    const client = await LspTestClient.start({ configuration: false, initializationOptions: { layerwise: { rules: { SecretsUsedInArgOrEnv: 'off' } } } });
    try {
      const uri = fileUri(path.join(makeTempDir(APP_CONTEXT), 'Dockerfile'));
      await client.open(uri, APP_DOCKERFILE);
      const p = await client.waitForVersion(uri, 1);
      assert.equal(withCode(p.diagnostics, SECRET).length, 0, `secret rule is off: ${JSON.stringify(p.diagnostics)}`);
      assert.equal(withCode(p.diagnostics, LATEST).length, 1);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: settings change while a workspace/configuration request is unanswered', () => {
  it('the final diagnostics follow the settings sent after the change, even if the older request is answered late', async () => {
    const client = await LspTestClient.start({ configuration: true, settings: { layerwise: { rules: {} } } });
    try {
      let releaseFirst!: () => void;
      const firstGate = new Promise<void>(resolve => { releaseFirst = resolve; });
      let firstAnswered = false;
      client.configurationHandler = async items => {
        const index = client.configurationRequests.length;
        // Each answer carries the settings as they were when the request arrived.
        const snapshot = items.map(item => JSON.parse(JSON.stringify(client.configurationFor(item) ?? null)));
        if (index === 1) { await firstGate; firstAnswered = true; }
        else { while (!firstAnswered) await delay(5); await delay(50); }
        return snapshot;
      };
      const uri = fileUri(path.join(makeTempDir(APP_CONTEXT), 'Dockerfile'));
      await client.open(uri, APP_DOCKERFILE);
      for (let i = 0; i < 1000 && client.configurationRequests.length < 1; i++) await delay(10);
      assert.equal(client.configurationRequests.length, 1, 'the open should ask for the settings');

      client.settings = { layerwise: { rules: { [LATEST]: 'off' } } };
      await client.didChangeConfiguration(null);
      for (let i = 0; i < 1000 && client.configurationRequests.length < 2; i++) await delay(10);
      assert.equal(client.configurationRequests.length, 2, 'the change should make the server ask again');
      releaseFirst();

      await client.waitForDiagnostics(uri, () => client.configurationRequests.length === 2 && firstAnswered, 10_000);
      await delay(600);
      const last = client.latest(uri);
      assert.ok(last, 'diagnostics should have been published');
      assert.equal(withCode(last.diagnostics, LATEST).length, 0,
        `base-image-latest is off in the current settings, but the last publish still has it: a result computed with the older settings was cached for the new settings generation.\n  publishes: ${JSON.stringify(client.publishesFor(uri).map(p => p.params.diagnostics.map(d => d.code)))}`);
    } finally {
      await client.shutdown();
    }
  });
});
