// Each kind of teaching hover, through the real server over stdio: the base-image card on
// FROM, the cache story of COPY/ADD/RUN (with what COPY takes from the context on disk),
// the lifetime of ENV/ARG values, and the short notes on other instructions.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lsp-client';
import { fileUri, makeTempDir } from '../helpers/paths';

const DOCKERFILE = [
  'FROM python:3.12-alpine AS build',          // 1
  'ARG PIP_INDEX_TOKEN',                        // 2
  'ARG VERSION=1.2.3',                          // 3
  'ENV APP_VERSION=${VERSION} API_KEY=hunter2', // 4
  'WORKDIR /app',                               // 5
  'COPY requirements.txt .',                    // 6
  'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt', // 7
  'COPY . .',                                   // 8
  'RUN python -m compileall .',                 // 9
  'FROM python:3.12-slim',                      // 10
  'COPY --from=build /app /app',                // 11
  'USER 10001',                                 // 12
  'EXPOSE 8000',                                // 13
  'HEALTHCHECK CMD python -c "print(1)"',       // 14
  'ENTRYPOINT ["python"]',                      // 15
  'CMD ["/app/main.py"]',                       // 16
  '',
].join('\n');

const CONTEXT = {
  'requirements.txt': 'flask==3.0.0\n',
  'main.py': 'print("hello")\n',
  'big.bin': 'x'.repeat(50_000),
  'secret.env': 'A=1\n',
  '.dockerignore': 'secret.env\n',
};

function text(hover: unknown): string {
  assert.ok(hover && typeof hover === 'object' && 'contents' in hover, `expected a hover, got ${JSON.stringify(hover)}`);
  return (hover as { contents: MarkupContent }).contents.value;
}

describe('language server: teaching hovers', () => {
  let client: LspTestClient;
  let uri: string;
  const hover = async (line: number, character: number) => text(await client.hover(uri, { line: line - 1, character }));

  before(async () => {
    client = await LspTestClient.start({ settings: { layerwise: {} } });
    const dir = makeTempDir(CONTEXT);
    uri = fileUri(path.join(dir, 'Dockerfile'));
    await client.open(uri, DOCKERFILE, 1);
    await client.waitForDiagnostics(uri, () => true);
  });
  after(async () => { await client?.shutdown(); });

  it('FROM image: a base-image card with family, variant, libc, pinning and which stages use it', async () => {
    const card = await hover(1, 8);
    assert.match(card, /python:3\.12-alpine/);
    assert.match(card, /musl/i, 'alpine means musl libc');
    assert.match(card, /alpine/i);
    assert.match(card, /floating|pin/i, 'says what is and is not pinned');
    assert.match(card, /COPY --from=build/, 'lists the later stage that copies from it');
    const slim = await hover(10, 8);
    assert.match(slim, /slim/i);
    assert.match(slim, /glibc/i);
  });

  it('COPY: what the copy takes from the build context after .dockerignore, and what rebuilds after it', async () => {
    const all = await hover(8, 1);
    assert.match(all, /From the build context/);
    assert.match(all, /big\.bin/, 'names the largest file');
    assert.doesNotMatch(all, /secret\.env/, '.dockerignore excludes it, so it is not among the files taken');
    assert.match(all, /later RUN/i);
    const manifest = await hover(6, 1);
    assert.match(manifest, /1 file\b/);
    assert.match(manifest, /dependency install on line 7/, 'the install after the manifest copy rebuilds when it changes');
  });

  it('COPY --from: the cache depends on the other stage, not the context', async () => {
    const value = await hover(11, 1);
    assert.match(value, /`build`/);
    assert.doesNotMatch(value, /From the build context/);
  });

  it('RUN: what invalidates the layer, and what a cache mount does', async () => {
    const value = await hover(7, 1);
    assert.match(value, /instruction text is unchanged/);
    assert.match(value, /requirements\.txt/, 'the manifest copy is among the inputs');
    assert.match(value, /--mount=type=cache/);
    assert.match(value, /\/root\/\.cache\/pip/);
  });

  it('ENV and ARG: how long values live, their resolved value, and secrets masked with alternatives', async () => {
    const env = await hover(4, 1);
    assert.match(env, /image configuration/);
    assert.match(env, /`APP_VERSION` = `1\.2\.3`/, 'resolves ${VERSION} from the ARG default');
    assert.doesNotMatch(env, /hunter2/, 'never echoes a secret value');
    assert.match(env, /docker run -e API_KEY/);
    const arg = await hover(2, 1);
    assert.match(arg, /only during the build/);
    assert.match(arg, /--mount=type=secret/, 'offers a build secret for credential-looking ARGs');
  });

  it('USER, WORKDIR, EXPOSE, HEALTHCHECK, CMD and ENTRYPOINT get short, precise notes', async () => {
    assert.match(await hover(12, 1), /root/);
    assert.match(await hover(5, 1), /absolute/i);
    assert.match(await hover(13, 1), /publishes nothing|-p/);
    assert.match(await hover(14, 1), /healthy/);
    assert.match(await hover(15, 1), /CMD then supplies its default arguments/);
    assert.match(await hover(16, 1), /exec\) form|PID 1/);
  });
});
