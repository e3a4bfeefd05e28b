import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretName } from '../knowledge/secrets';
import { check, fixOnce } from '../testing';

const ID = 'secret-in-env-or-arg';

describe(ID, () => {
  it('recognises credential names and leaves look-alikes alone', () => {
    for (const name of ['API_TOKEN', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'OPENAI_API_KEY', 'githubToken', 'PRIVATE_KEY', 'NPM_AUTH_TOKEN', 'MYSQL_ROOT_PASSWORD', 'CLIENT_SECRET']) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of ['PUBLIC_KEY_PATH', 'GPG_KEY', 'PASSWORD_FILE', 'TOKENIZERS_PARALLELISM', 'SECRET_KEY_BASE_PATH', 'KEYRING', 'PWD', 'API_URL', 'PYTHONDONTWRITEBYTECODE', 'PIP_NO_CACHE_DIR', 'NODE_ENV', 'KEY']) {
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
});
