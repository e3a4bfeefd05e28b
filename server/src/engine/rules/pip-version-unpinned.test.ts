import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'pip-version-unpinned';
const run = (cmd: string, pre = '') => check(ID, `FROM python:3.12\n${pre}RUN ${cmd}\n`);

describe(ID, () => {
  it('reports packages without a version, pointing at `pip install`', () => {
    const [f] = run('pip install --no-cache-dir flask gunicorn==22.0.0');
    assert.equal(f.severity, 'info');
    assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 15 } });
    assert.match(f.message, /`flask`; write `flask==<version>`/);
  });
  it('accepts version operators, requirement and constraint files, local paths, archives and VCS refs', () => {
    for (const cmd of ['pip install "x>=1,<2"', 'pip install x~=1.2', 'pip install x!=1.0', 'pip install -r requirements.txt', 'pip install --requirement=r.txt',
      'pip install x -c constraints.txt', 'pip install .', 'pip install -e .', 'pip install ./pkg', 'pip install dist/x-1.0-py3-none-any.whl',
      'pip install https://example.com/x.zip', 'pip install git+https://github.com/o/r.git@v1.0#egg=r', 'python3 -m pip install --index-url https://x/simple y==1']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('does not read option values as packages', () => {
    for (const cmd of ['pip install --target /opt/x y==1', 'pip install --root-user-action ignore y==1', 'pip install --trusted-host h y==1', 'pip install --prefix /p y==1']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
    assert.equal(run('pip install --root-user-action=ignore mypkg').length, 1);
  });
  it('checks packages named beside -r (a deviation: hadolint skips the command)', () => {
    assert.match(run('pip install -r requirements.txt gunicorn')[0].message, /`gunicorn`/);
  });
  it('reports unversioned VCS URLs with a VCS suggestion, and not a user@ as a ref', () => {
    assert.match(run('pip install git+https://github.com/o/r.git#egg=r')[0].message, /@<tag or commit>/);
    assert.equal(run('pip install git+ssh://git@github.com/o/r.git').length, 1);
    assert.equal(run('pip install git+ssh://git@github.com/o/r.git@v2').length, 0);
  });
  it('makes upgrading pip itself a hint, and checks pipx but not pipenv or uv', () => {
    assert.equal(run('pip install --upgrade pip setuptools wheel')[0].severity, 'hint');
    assert.equal(run('pip install -U pip flask')[0].severity, 'info');
    assert.equal(run('pipx install black').length, 1);
    assert.equal(run('pipx install --python python3.12 "poetry==1.8.5"').length, 0);
    assert.equal(run('pipenv install black').length, 0);
    assert.equal(run('uv pip install --system black').length, 0);
  });
  it('expands variables and skips what it cannot see', () => {
    assert.equal(run('pip install flask==$FLASK_VERSION', 'ARG FLASK_VERSION=3.0.3\n').length, 0);
    assert.equal(run('pip install $EXTRA').length, 0);
  });
});
