import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFileChanges } from '../context';
import { check, lines } from '../testing';

const ID = 'secret-file-copied';
const APP = { 'main.py': 'x', 'requirements.txt': 'flask\n' };
const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n';

describe(ID, () => {
  it('fires on a credential copied by name, pointing at it and naming it, without a fix', () => {
    const found = check(ID, 'FROM python:3.12-slim\nCOPY main.py .env /app/\n', { ...APP, '.env': 'A=1\n' });
    assert.deepEqual(lines(found), [2]);
    assert.equal(found[0].severity, 'error');
    assert.deepEqual(found[0].range, { start: { line: 1, character: 13 }, end: { line: 1, character: 17 } });
    assert.match(found[0].message, /^`COPY main\.py \.env \/app\/` puts `\.env` \(environment file\) into the image, readable by anyone who can pull it\. .*RUN --mount=type=secret/);
    assert.deepEqual(found[0].fixes?.() ?? [], []);
  });
  it('recognises keys, tokens and cloud credentials by name and, where it matters, content', () => {
    const files = {
      ...APP, 'id_rsa': KEY, 'id_rsa.pub': 'ssh-rsa AAA', 'tls/server.key': KEY, 'tls/ca.pem': '-----BEGIN CERTIFICATE-----\n',
      '.npmrc': '//registry.npmjs.org/:_authToken=npm_abc\n', 'ci/.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
      '.pypirc': '[pypi]\npassword = pypi-abc\n', '.git-credentials': 'https://u:p@github.com\n', '.aws/credentials': '[default]\n',
      '.docker/config.json': '{"auths":{}}', 'gcloud/application_default_credentials.json': '{}', '.env.example': 'A=\n',
    };
    const flagged = (src: string) => check(ID, `FROM p:1\nCOPY ${src} /x/\n`, files).length;
    for (const src of ['id_rsa', 'tls/server.key', '.npmrc', '.pypirc', '.git-credentials', '.aws/credentials', '.docker/config.json', 'gcloud/application_default_credentials.json']) assert.equal(flagged(src), 1, src);
    for (const src of ['id_rsa.pub', 'tls/ca.pem', 'ci/.npmrc', '.env.example', 'main.py']) assert.equal(flagged(src), 0, src);
    assert.match(check(ID, 'FROM p:1\nCOPY tls/*.key tls/*.pem /etc/tls/\n', files)[0].message, /`tls\/server\.key` \(private key\)/);
  });
  it('fires when a whole-context or folder copy sweeps a credential in, with a .dockerignore fix', () => {
    const files = { ...APP, '.env': 'A=1\n', 'deploy/id_ed25519': KEY };
    const text = 'FROM python:3.12-slim\nCOPY . .\n';
    const [f] = check(ID, text, files);
    assert.match(f.message, /^`COPY \. \.` takes `\.env` \(environment file\) and `deploy\/id_ed25519` \(SSH private key\) from the build context into the image, and there is no \.dockerignore\./);
    const fix = f.fixes!()[0];
    assert.equal(fix.safe, false);
    assert.deepEqual(fix.createFiles, [{ path: '.dockerignore', content: '# Credentials: give them to build steps with RUN --mount=type=secret, never COPY\n.env\ndeploy/id_ed25519\n' }]);
    assert.equal(check(ID, text, applyFileChanges(files, fix)).length, 0);

    const withIgnore = { ...files, '.dockerignore': '.git\n' };
    const [g] = check(ID, 'FROM p:1\nCOPY deploy/ /deploy/\n', withIgnore);
    assert.match(g.message, /`deploy\/id_ed25519` \(SSH private key\) .*: \.dockerignore does not exclude it/);
    assert.deepEqual(g.fixes!()[0].appendFiles, [{ path: '.dockerignore', content: '\n# Credentials: give them to build steps with RUN --mount=type=secret, never COPY\ndeploy/id_ed25519\n' }]);
  });
  it('stays silent when .dockerignore excludes the file, for COPY --from, and without a context', () => {
    assert.equal(check(ID, 'FROM p:1\nCOPY . .\n', { ...APP, '.env': 'A=1', '.dockerignore': '.env\n' }).length, 0);
    assert.equal(check(ID, 'FROM p:1\nCOPY . .\n', { ...APP, '.env': 'A=1', '.dockerignore': '**/.env*\n!.env.example\n', '.env.example': '' }).length, 0);
    assert.equal(check(ID, 'FROM p:1\nCOPY --from=build /app/.env /app/\n', { ...APP, '.env': 'A=1' }).length, 0);
    assert.equal(check(ID, 'FROM p:1\nCOPY .env /app/\n').length, 0, 'no context on disk');
  });
  it('reports a file once: by name when it is named, even if a whole-context copy also takes it', () => {
    const found = check(ID, 'FROM p:1\nCOPY . .\nCOPY .env /app/\n', { ...APP, '.env': 'A=1', 'id_rsa': KEY });
    assert.deepEqual(lines(found), [2, 3]);
    assert.doesNotMatch(found[0].message, /\.env/);
    assert.match(found[0].message, /id_rsa/);
    assert.match(found[1].message, /\.env/);
  });
  it('is a warning in a stage that does not become the image, an error in one the image is built FROM', () => {
    const files = { ...APP, '.env': 'A=1' };
    assert.equal(check(ID, 'FROM p:1 AS build\nCOPY .env .\nFROM p:1\nCOPY --from=build /out /out\n', files)[0].severity, 'warning');
    assert.match(check(ID, 'FROM p:1 AS build\nCOPY .env .\nFROM p:1\n', files)[0].message, /into this stage's layers/);
    assert.equal(check(ID, 'FROM p:1 AS base\nCOPY .env .\nFROM base\nRUN true\n', files)[0].severity, 'error');
  });
});
