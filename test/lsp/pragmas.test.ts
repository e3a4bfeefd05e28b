import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { APP_CONTEXT } from '../helpers/fixtures';
import { LspTestClient, withCode } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';

const LATEST = 'base-image-latest';
const SECRET = 'secret-in-env-or-arg';

describe('language server: suppression pragmas and directives', () => {
  let client: LspTestClient;
  let dir: string;
  let n = 0;

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} } });
    dir = makeTempDir(APP_CONTEXT);
  });
  after(async () => { await client?.shutdown(); });

  async function diagnose(...lines: string[]): Promise<PublishDiagnosticsParams> {
    const uri = fileUri(path.join(dir, `Dockerfile.${++n}`));
    await client.open(uri, lines.join('\n') + '\n');
    const p = await client.waitForVersion(uri, 1);
    await client.close(uri);
    return p;
  }

  /** Line numbers (0-based) of the diagnostics with this code. */
  function at(p: PublishDiagnosticsParams, code: string): number[] {
    return withCode(p.diagnostics, code).map(d => d.range.start.line);
  }

  it('baseline: without pragmas both FROM lines and the ENV are reported', async () => {
    const p = await diagnose('FROM python:latest', 'ENV API_TOKEN=abc', 'FROM node:latest');
    assert.deepEqual(at(p, LATEST), [0, 2]);
    assert.deepEqual(at(p, SECRET), [1]);
  });

  it('# hadolint ignore=DL3007 above the first FROM suppresses it there only', async () => {
    const p = await diagnose('# hadolint ignore=DL3007', 'FROM python:latest', 'ENV API_TOKEN=abc', 'FROM node:latest');
    assert.deepEqual(at(p, LATEST), [3], `only the second FROM should be reported: ${JSON.stringify(p.diagnostics)}`);
    assert.deepEqual(at(p, SECRET), [2], 'other rules are unaffected');
  });

  it('# hadolint ignore=DL3007 after an ordinary comment works too', async () => {
    const p = await diagnose('# Build the service', '# hadolint ignore=DL3007', 'FROM python:latest');
    assert.deepEqual(at(p, LATEST), []);
  });

  it('# layerwise ignore=<id> (list form, with another rule) applies to the next instruction', async () => {
    const p = await diagnose('FROM python:3.12', '# layerwise ignore=base-image-untagged, secret-in-env-or-arg', 'ENV API_TOKEN=abc', 'ENV DB_PASSWORD=def');
    assert.deepEqual(at(p, SECRET), [3], `only the ENV right after the pragma is silenced: ${JSON.stringify(p.diagnostics)}`);
  });

  it('# layerwise global ignore=<id> suppresses the rule in the whole file', async () => {
    const p = await diagnose('FROM python:latest', '# layerwise global ignore=base-image-latest', 'ENV API_TOKEN=abc', 'FROM node:latest');
    assert.deepEqual(at(p, LATEST), [], `the global pragma applies above and below it: ${JSON.stringify(p.diagnostics)}`);
    assert.deepEqual(at(p, SECRET), [2]);
  });

  it('# layerwise global ignore on the first line works (where the quick fix puts it)', async () => {
    const p = await diagnose('# layerwise global ignore=secret-in-env-or-arg', 'FROM python:latest', 'ENV API_TOKEN=abc');
    assert.deepEqual(at(p, SECRET), []);
    assert.deepEqual(at(p, LATEST), [1]);
  });

  it('# check=skip=SecretsUsedInArgOrEnv (BuildKit directive) suppresses the secret rule', async () => {
    const p = await diagnose('# syntax=docker/dockerfile:1', '# check=skip=SecretsUsedInArgOrEnv', 'FROM python:latest', 'ENV API_TOKEN=abc');
    assert.deepEqual(at(p, SECRET), [], `the check directive should skip the secret rule: ${JSON.stringify(p.diagnostics)}`);
    assert.deepEqual(at(p, LATEST), [2], 'other rules still report');
  });

  it('# check=skip=all skips rules with a BuildKit alias, but not hadolint-only rules', async () => {
    const p = await diagnose('# check=skip=all', 'FROM python:latest', 'ENV API_TOKEN=abc');
    assert.deepEqual(at(p, SECRET), []);
    assert.deepEqual(at(p, LATEST), [1], 'base-image-latest has no BuildKit check, so skip=all does not cover it');
  });

  it('# check=skip= in a comment above an instruction skips the check for that instruction only (as BuildKit does)', async () => {
    const p = await diagnose('FROM python:3.12', '# check=skip=SecretsUsedInArgOrEnv', 'ENV API_TOKEN=abc', 'ENV DB_PASSWORD=xyz');
    assert.deepEqual(at(p, SECRET), [3], 'only the instruction below the comment is skipped');
  });

  it('a pragma naming another rule does not suppress this one', async () => {
    const p = await diagnose('# hadolint ignore=DL3006', 'FROM python:latest');
    assert.deepEqual(at(p, LATEST), [1], 'DL3006 is base-image-untagged, not base-image-latest');
  });
});
