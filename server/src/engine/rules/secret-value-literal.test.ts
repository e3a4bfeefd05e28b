import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCredentials, isPlaceholder } from '../knowledge/credential-formats';
import { check, lines } from '../testing';

const ID = 'secret-value-literal';

// Credential-shaped values are assembled at run time so the test source itself does not look like a leak.
const R = 'Q7w9ZpL2mX4vB8nR1tK6yH3jD5fG0sC2aEuV9bN4';
const tok = (prefix: string, length: number, body = R + R + R) => prefix + body.slice(0, length);
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

const SAMPLES: Record<string, string> = {
  'aws-access-key-id': tok('AK' + 'IA', 16, 'Z3Q7W9PL2MX4VB8N'),
  'github-token': tok('gh' + 'p_', 36),
  'github-fine-grained-pat': tok('github' + '_pat_', 82),
  'gitlab-token': tok('gl' + 'pat-', 20),
  'openai-api-key': tok('sk-' + 'proj-', 48),
  'anthropic-api-key': tok('sk-' + 'ant-api03-', 90),
  'slack-token': 'xo' + 'xb-123456789012-' + R.slice(0, 24),
  'stripe-live-key': tok('sk_' + 'live_', 24),
  'google-api-key': tok('AI' + 'za', 35),
  'npm-token': tok('np' + 'm_', 36),
  'huggingface-token': 'h' + 'f_' + 'QwZpLmXvBnRtKyHjDfGsCaEuVbNqWzPlMx',
  'docker-hub-pat': tok('dckr' + '_pat_', 27),
  'jwt': `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '1234', name: 'x' })}.${R.slice(0, 32)}`,
};

function only(text: string) {
  const found = check(ID, text);
  assert.equal(found.length, 1, `expected one finding in:\n${text}\n${found.map(f => f.message).join('\n')}`);
  return found[0];
}

describe(ID, () => {
  it('recognises every format, with a precise range and a masked message', () => {
    for (const [id, value] of Object.entries(SAMPLES)) {
      const text = `FROM alpine:3.20\nENV VALUE=${value}\n`;
      const matches = findCredentials(text);
      assert.deepEqual(matches.map(m => m.format.id), [id], `${id}: ${value}`);
      const f = only(text);
      assert.deepEqual(f.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 10 + value.length } }, id);
      assert.ok(!f.message.includes(value), `${id}: the message must not repeat the credential`);
      assert.ok(!f.message.includes(value.slice(-8)), `${id}: not even its end`);
      assert.match(f.message, /Revoke and rotate/);
    }
  });
  it('names the credential and where it leaks', () => {
    assert.match(only(`FROM a:1\nENV T=${SAMPLES['github-token']}\n`).message, /^A GitHub personal access token \(`ghp_…`, 40 characters\) is written in ENV: ENV values are stored in the image configuration/);
    assert.match(only(`FROM a:1\nARG K=${SAMPLES['aws-access-key-id']}\n`).message, /^An AWS access key id \(`AKIA…8N`|^An AWS access key id \(`AKIA…VB8N`/);
    assert.match(only(`FROM a:1\nLABEL k=${SAMPLES['npm-token']}\n`).message, /^An npm access token .* in LABEL/);
    assert.match(only(`FROM a:1\nRUN curl -H "Authorization: Bearer ${SAMPLES.jwt}" https://x\n`).message, /JSON Web Token signed with HS256 .* in RUN: the command line is kept in the image history/);
    assert.match(only(`FROM a:1\n# token: ${SAMPLES['slack-token']}\nRUN true\n`).message, /in a comment: it is not in the image/);
    assert.match(only(`FROM a:1\nONBUILD RUN npm config set //registry.npmjs.org/:_authToken=${R.slice(0, 36)}\n`).message, /npm registry auth token .* in ONBUILD RUN: .* of every image built from this one/);
  });
  it('finds credentials in heredoc bodies, COPY heredocs, ADD URLs and FROM', () => {
    assert.deepEqual(lines(check(ID, `FROM a:1\nRUN <<EOF\nset -e\ngit clone https://oauth2:${SAMPLES['gitlab-token']}@gitlab.com/x/y.git\nEOF\n`)), [4]);
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\n${R}${R}\n${R}\n-----END OPENSSH PRIVATE KEY-----`;
    const f = only(`FROM a:1\nCOPY <<EOF /root/.ssh/id_ed25519\n${key}\nEOF\nRUN chmod 600 /root/.ssh/id_ed25519\n`);
    assert.deepEqual([f.range.start.line, f.range.end.line], [2, 5], 'the whole block');
    assert.match(f.message, /private key \(`-----BEGIN OPENSSH PRIVATE KEY-----`\) is written in COPY/);
    assert.match(only(`FROM a:1\nENV KEY="-----BEGIN RSA PRIVATE KEY-----\\nMIIEow${R}\\n-----END RSA PRIVATE KEY-----"\n`).message, /private key/);
    assert.equal(check(ID, `FROM a:1\nRUN <<EOF\ncat > /k.pem <<'K'\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123\n\n${R}${R}\n-----END RSA PRIVATE KEY-----\nK\nEOF\n`).length, 1, 'encrypted PEM');
    const url = only('FROM a:1\nADD https://deploy:Tr0ub4dor-3@artifacts.example.com/app.tgz /opt/\n');
    assert.match(url.message, /password in a URL \(`https:\/\/deploy:\*\*\*\*@artifacts\.example\.com`\) is written in ADD/);
    assert.equal(url.range.start.character, 'ADD https://deploy:'.length);
    assert.equal(url.range.end.character, 'ADD https://deploy:Tr0ub4dor-3'.length);
    assert.equal(check(ID, `ARG BASE=https://ci:${R.slice(0, 12)}@registry.example.com/base\nFROM \${BASE}\n`).length, 1);
  });
  it('AWS secret access keys are recognised next to their name only', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'Z3Q7W9PL2M';
    assert.equal(check(ID, `FROM a:1\nENV AWS_SECRET_ACCESS_KEY=${secret}\n`).length, 1);
    assert.equal(check(ID, `FROM a:1\nRUN aws configure set aws_secret_access_key ${secret}\n`).length, 1);
    assert.equal(check(ID, `FROM a:1\nENV SOMETHING=${secret}\n`).length, 0, 'forty base64 characters alone could be anything');
  });
  it('placeholders and documentation values do not fire', () => {
    const quiet = [
      'ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'ENV AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX',
      'ENV GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'ENV GITHUB_TOKEN=ghp_1234567890abcdefghijklmnopqrstuvwxyz',
      'ENV OPENAI_API_KEY=sk-<your-key-here>',
      'ENV OPENAI_API_KEY=${OPENAI_API_KEY}',
      'ENV DATABASE_URL="postgresql://user:pass@localhost:5432/dummy"',
      'ENV DATABASE_URL=postgres://postgres:postgres@db:5432/app',
      'ENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
      'RUN git clone https://x-access-token:$(cat /run/secrets/gh)@github.com/o/r.git',
      'RUN git clone https://oauth2:$GITLAB_TOKEN@gitlab.com/o/r.git',
      'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc',
      'ENV STRIPE_KEY=sk_test_' + R.slice(0, 24),
      'ENV PASSWORD=changeme',
      'ENV JWT=eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.',
      'RUN echo "eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.' + R.slice(0, 20) + '"',
      'RUN grep -q "-----BEGIN RSA PRIVATE KEY-----" /etc/ssl/key.pem',
      '# KEY must contain -----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY----- (PEM, see the README for how to provide it)',
      'RUN curl https://abc:xyz@example.com/',
      'ENV DATABASE_URL=mysql://root:root@db/app',
    ];
    for (const line of quiet) assert.deepEqual(check(ID, `FROM a:1\n${line}\n`).map(f => f.message), [], line);
  });
  it('digests, fingerprints and base64 data are not credentials', () => {
    const text = [
      'FROM python:3.12@sha256:3f0b0a2c0c7d1f6c1e4b0a5a8f3d2e1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e',
      'ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
      'ENV PYTHON_SHA256=8fb5f9fbc7609fa822cb31549884575db7fd9657cbffb89510b5d7975963a83a',
      'RUN echo "SGVsbG8sIFdvcmxkIQ==SGVsbG8sIFdvcmxkIQ==SGVsbG8sIFdvcmxkIQ==" | base64 -d',
      'RUN gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys 7169605F62C751356D054A26A821E680E5FA6305',
      'RUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -',
      'ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini',
      'RUN pip install --index-url https://pypi.org/simple --trusted-host pypi.org task-master',
      'LABEL org.opencontainers.image.source="https://github.com/o/r" risk-assessment-mode=strict',
    ].join('\n');
    assert.deepEqual(check(ID, text).map(f => f.message), []);
  });
  it('overlapping formats report once, as the most specific one', () => {
    const f = only(`FROM a:1\nRUN git clone https://x-access-token:${SAMPLES['github-token']}@github.com/o/r.git\n`);
    assert.match(f.message, /GitHub personal access token/);
  });
  it('placeholder heuristics', () => {
    for (const v of ['AKIAIOSFODNN7EXAMPLE', 'xxxxxxxxxxxxxxxx', '<token>', '${TOKEN}', 'aaaaaaaaaaaaaaaaaaaa', 'abcdefghijklmnop1', 'your_token_here', 'REDACTED']) assert.ok(isPlaceholder(v), v);
    for (const v of [R, SAMPLES['github-token']]) assert.ok(!isPlaceholder(v), v);
  });
  it('can be ignored per instruction', () => {
    assert.equal(check(ID, `FROM a:1\n# layerwise ignore=secret-value-literal\nENV T=${SAMPLES['github-token']}\n`).length, 0);
  });
});
