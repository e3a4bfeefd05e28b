import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretName } from '../knowledge/secrets';
import { check, fixOnce } from '../testing';

const ID = 'secret-in-env-or-arg';

describe(ID, () => {
  it('recognises credential names and leaves look-alikes alone', () => {
    for (const name of ['API_TOKEN', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'OPENAI_API_KEY', 'githubToken', 'PRIVATE_KEY', 'NPM_AUTH_TOKEN', 'MYSQL_ROOT_PASSWORD', 'CLIENT_SECRET',
      'SSH_KEY', 'GIT_KEY', 'MAILGUN_KEY', 'LICENSE_KEY', 'BASIC_AUTH', 'auth', 'RAILS_MASTER_KEY', 'SECRET_KEY_BASE']) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of ['PUBLIC_KEY_PATH', 'GPG_KEY', 'PASSWORD_FILE', 'TOKENIZERS_PARALLELISM', 'SECRET_KEY_BASE_PATH', 'KEYRING', 'PWD', 'API_URL', 'PYTHONDONTWRITEBYTECODE', 'PIP_NO_CACHE_DIR', 'NODE_ENV', 'KEY',
      'SITE_KEY', 'OPENSSL_PGP_KEY_IDS', 'RABBITMQ_PGP_KEY_ID', 'CACHE_KEY', 'AUTH_PROVIDER', 'AUTH_MODULE_VERSION', 'TS_DISABLE_TOKEN_AUTHORIZATION', 'TOKEN_SERVER_HOST', 'PGP_KEYSERVER', 'APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE', 'REPO_KEY']) {
      assert.ok(!isSecretName(name), name);
    }
  });
  it('a literal value is an error; an ARG without value is a warning; ENV forwarding an ARG is an error', () => {
    const found = check(ID, 'FROM p:1\nARG GITHUB_TOKEN\nENV API_KEY=sk-123\nARG DB_PASSWORD=hunter2\nENV NPM_TOKEN=${NPM_TOKEN}\n');
    assert.deepEqual(found.map(f => [f.range.start.line + 1, f.severity]), [[2, 'warning'], [3, 'error'], [4, 'error'], [5, 'error']]);
  });
  it('handles the legacy `ENV NAME value` form and multi-variable ENV', () => {
    assert.equal(check(ID, 'FROM p:1\nENV API_TOKEN abc\n').length, 1);
    const found = check(ID, 'FROM p:1\nENV A=1 API_TOKEN=abc \\\n    B=2\n');
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 1);
  });
  it('the fix removes only the secret, keeping neighbours and continuations valid', () => {
    assert.equal(fixOnce(ID, 'FROM p:1\nENV A=1 API_TOKEN=abc\nRUN x\n'), 'FROM p:1\nENV A=1\nRUN x\n');
    assert.equal(fixOnce(ID, 'FROM p:1\nENV API_TOKEN=abc \\\n    B=2\nRUN x\n'), 'FROM p:1\nENV B=2\nRUN x\n');
    assert.equal(fixOnce(ID, 'FROM p:1\nENV A=1 \\\n    API_TOKEN=abc\nRUN x\n'), 'FROM p:1\nENV A=1\nRUN x\n');
    assert.equal(fixOnce(ID, 'FROM p:1\nARG DB_PASSWORD=hunter2\n'), 'FROM p:1\nARG DB_PASSWORD\n');
    assert.match(fixOnce(ID, 'FROM p:1\n  ENV API_TOKEN=abc\n'), /^FROM p:1\n  # API_TOKEN is provided at run time: docker run -e API_TOKEN\n$/);
  });
  it('official-image patterns do not fire', () => {
    assert.equal(check(ID, 'FROM debian:12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\nENV PYTHON_SHA256=abc\n').length, 0);
  });
  it('a literal that only switches something on or off is not a credential', () => {
    assert.equal(check(ID, 'FROM p:1\nENV HF_HUB_DISABLE_TOKEN=1 REQUIRE_AUTH_TOKEN=true\n').length, 0);
    assert.equal(check(ID, 'FROM p:1\nENV API_TOKEN=1a2b3c\n').length, 1);
  });
  it('agrees with BuildKit\'s SecretsUsedInArgOrEnv on the names its own test uses', () => {
    // The names from BuildKit's check test (frontend/dockerfile), with what BuildKit reports for each.
    const flagged = ['SECRET_PASSPHRASE', 'SUPER_Secret', 'password', 'secret', 'super_duper_secret_token', 'auth', 'apikey', 'git_key'];
    const quiet = ['sunflower', 'PUBLIC_KEY', 'public_token', 'SECRET_PASSPHRASE_FILE', 'password_file', 'secret_File', 'AUTH_MODULE_VERSION'];
    const text = ['FROM scratch', ...flagged.map(n => `ARG ${n}=v`), ...quiet.map(n => `ENV ${n}=v`)].join('\n') + '\n';
    assert.deepEqual(check(ID, text).map(f => /(?:ENV|ARG) (\S+)/.exec(f.message)![1]), flagged);
  });
});
