import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'pip-no-cache-dir';

describe(ID, () => {
  it('fires on pip, pip3, pip3.12 and python -m pip, pointing at `pip install`', () => {
    assert.deepEqual(lines(check(ID, 'FROM python:3.12\nRUN pip install flask\nRUN pip3 install -r r.txt\nRUN pip3.12 install x\nRUN python3 -m pip install -U pip\nRUN /opt/venv/bin/pip install y\n')), [2, 3, 4, 5, 6]);
    const [f] = check(ID, 'FROM p\nRUN cd /app && pip install -e .\n');
    assert.deepEqual(f.range, { start: { line: 1, character: 15 }, end: { line: 1, character: 26 } });
  });
  it('accepts --no-cache-dir anywhere, also as a general option or abbreviated', () => {
    for (const cmd of ['pip install --no-cache-dir x', 'pip install x --no-cache-dir', 'pip --no-cache-dir install x', 'pip install --no-cache x', 'python -m pip install --no-cache-dir -r r.txt']) {
      assert.equal(check(ID, `FROM p\nRUN ${cmd}\n`).length, 0, cmd);
    }
  });
  it('respects PIP_NO_CACHE_DIR from ENV (inherited through FROM <stage>), the command, export and env', () => {
    assert.equal(check(ID, 'FROM p\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n').length, 0);
    assert.equal(check(ID, 'FROM p\nENV PIP_NO_CACHE_DIR 1\nRUN pip install x\n').length, 0, 'legacy ENV syntax');
    assert.equal(check(ID, 'FROM p AS base\nENV PIP_NO_CACHE_DIR=true\nFROM base\nRUN pip install x\n').length, 0);
    assert.equal(check(ID, 'FROM p AS base\nENV PIP_NO_CACHE_DIR=true\nFROM p\nRUN pip install x\n').length, 1, 'not inherited by an unrelated stage');
    assert.equal(check(ID, 'FROM p\nRUN pip install x\nENV PIP_NO_CACHE_DIR=1\n').length, 1, 'set too late');
    assert.equal(check(ID, 'FROM p\nRUN PIP_NO_CACHE_DIR=1 pip install x\n').length, 0);
    assert.equal(check(ID, 'FROM p\nRUN export PIP_NO_CACHE_DIR=on && pip install x\n').length, 0);
    assert.equal(check(ID, 'FROM p\nRUN env PIP_NO_CACHE_DIR=yes pip install x\n').length, 0);
    assert.equal(check(ID, 'FROM p\nRUN PIP_NO_CACHE_DIR=1; pip install x\n').length, 1, 'a bare assignment is not exported to pip');
  });
  it('counts false-looking values too, as pip does', () => {
    for (const v of ['0', 'false', 'off', 'no']) assert.equal(check(ID, `FROM p\nENV PIP_NO_CACHE_DIR=${v}\nRUN pip install x\n`).length, 0, v);
    assert.equal(check(ID, 'FROM p\nENV PIP_NO_CACHE_DIR=\nRUN pip install x\n').length, 1, 'empty is not a value');
  });
  it('resolves ARG values used in ENV', () => {
    assert.equal(check(ID, 'FROM p\nARG NOCACHE=1\nENV PIP_NO_CACHE_DIR=${NOCACHE}\nRUN pip install x\n').length, 0);
  });
  it('accepts cache and tmpfs mounts over pip\'s cache, not secret or bind mounts', () => {
    assert.equal(check(ID, 'FROM p\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n').length, 0);
    assert.equal(check(ID, 'FROM p\nRUN --mount=type=cache,target=/root/.cache,id=cache pip install x\n').length, 0);
    assert.equal(check(ID, 'FROM p\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install --user x\n').length, 0);
    assert.equal(check(ID, 'FROM p\nENV PIP_CACHE_DIR=/var/cache/pip\nRUN --mount=type=cache,target=/var/cache/pip pip install x\n').length, 0);
    assert.equal(check(ID, 'FROM p\nRUN --mount=type=tmpfs,target=/root/.cache/pip pip install x\n').length, 0);
    assert.equal(check(ID, 'FROM p\nRUN --mount=type=secret,id=pip,target=/etc/pip.conf pip install x\n').length, 1);
    assert.equal(check(ID, 'FROM p\nRUN --mount=type=bind,source=.,target=/src pip install /src\n').length, 1);
  });
  it('ignores pipx, pipenv, uv pip and installs of nothing', () => {
    for (const cmd of ['pipx install black', 'pipenv install', 'uv pip install --system x', 'python -m pipx install x', 'pip install --help', 'pip download x', 'pip wheel -r r.txt']) {
      assert.equal(check(ID, `FROM p\nRUN ${cmd}\n`).length, 0, cmd);
    }
    assert.equal(check(ID, 'FROM p\nRUN pip install --upgrade pip\n').length, 1, 'upgrading pip downloads a wheel into the cache');
  });
  it('is a hint in a builder stage that is not shipped', () => {
    const found = check(ID, 'FROM p AS build\nRUN pip wheel -w /w x && pip install /w/*.whl\nFROM p\nCOPY --from=build /w /w\n');
    assert.deepEqual(found.map(f => f.severity), ['hint']);
  });
  it('reads heredocs, continuations, backtick-escape files and ONBUILD', () => {
    assert.deepEqual(lines(check(ID, 'FROM p\nRUN <<EOF\nset -e\npip install x\nEOF\n')), [4]);
    assert.deepEqual(lines(check(ID, 'FROM p\nRUN apt-get update \\\n  # tools\n  && pip install \\\n     -r r.txt\n')), [4]);
    assert.deepEqual(lines(check(ID, '# escape=`\nFROM p\nRUN echo `\n  && pip install x\n')), [4]);
    assert.deepEqual(lines(check(ID, 'FROM p\nONBUILD RUN pip install -r requirements.txt\n')), [2]);
  });
  it('inserts --no-cache-dir after `install`, safely', () => {
    assert.equal(fixOnce(ID, 'FROM p\nRUN pip install --upgrade pip && \\\n    pip install -r requirements.txt\n'), 'FROM p\nRUN pip install --no-cache-dir --upgrade pip && \\\n    pip install -r requirements.txt\n');
    assert.equal(fixOnce(ID, 'FROM p\nRUN sudo -u app python3 -m pip install x\n'), 'FROM p\nRUN sudo -u app python3 -m pip install --no-cache-dir x\n');
    assert.equal(fixOnce(ID, 'FROM p\nRUN ["pip", "install", "x"]\n'), 'FROM p\nRUN ["pip", "install", "--no-cache-dir", "x"]\n');
    assert.equal(fixOnce(ID, '# escape=`\nFROM p\nRUN echo hi `\n  && pip install "x<2"\n'), '# escape=`\nFROM p\nRUN echo hi `\n  && pip install --no-cache-dir "x<2"\n');
    assert.equal(check(ID, 'FROM p\nRUN pip install x\n')[0].fixes!()[0].safe, true);
  });
});
