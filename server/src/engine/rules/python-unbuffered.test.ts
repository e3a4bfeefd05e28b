import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'python-unbuffered';

describe(ID, () => {
  it('fires when the container runs a Python program, at that CMD or ENTRYPOINT', () => {
    for (const cmd of [
      'CMD ["python", "main.py"]', 'CMD python3 main.py', 'CMD ["python3.12", "-m", "app"]', 'CMD ["/usr/local/bin/python", "-c", "print(1)"]',
      'CMD ["uvicorn", "app:app"]', 'CMD ["gunicorn", "app:app"]', 'CMD ["celery", "-A", "proj", "worker"]', 'ENTRYPOINT ["streamlit", "run", "app.py"]',
      'CMD ["tini", "--", "python", "app.py"]', 'CMD ["uv", "run", "python", "app.py"]', 'CMD ["sh", "-c", "exec python app.py --port $PORT"]',
      'CMD ["gosu", "app", "python", "app.py"]', 'CMD ["pypy3", "run.py"]',
    ]) assert.deepEqual(lines(check(ID, `FROM ubuntu:24.04\n${cmd}\n`)), [2], cmd);
  });
  it('looks at CMD behind an ENTRYPOINT script', () => {
    assert.deepEqual(lines(check(ID, 'FROM python:3.12-slim\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["python", "app.py"]\n')), [3]);
  });
  it('is quiet for non-Python commands, a bare interpreter, and no command at all', () => {
    for (const cmd of ['CMD ["bash"]', 'CMD ["python3"]', 'CMD ["python", "-i"]', 'CMD ["node", "server.js"]', 'CMD ["./start.sh"]']) {
      assert.equal(check(ID, `FROM python:3.12-slim\n${cmd}\n`).length, 0, cmd);
    }
    assert.equal(check(ID, 'FROM python:3.12-slim\nRUN pip install x\n').length, 0);
  });
  it('is quiet when PYTHONUNBUFFERED is set, in the stage or a base stage, or python -u is used', () => {
    assert.equal(check(ID, 'FROM python:3.12\nENV PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=1\nCMD ["python", "main.py"]\n').length, 0);
    assert.equal(check(ID, 'FROM python:3.12\nENV PYTHONUNBUFFERED 1\nCMD ["python", "main.py"]\n').length, 0, 'legacy ENV syntax');
    assert.equal(check(ID, 'FROM python:3.12 AS base\nENV PYTHONUNBUFFERED=true\nFROM base\nCMD ["python", "main.py"]\n').length, 0);
    assert.equal(check(ID, 'FROM python:3.12\nARG UNBUF=1\nENV PYTHONUNBUFFERED=$UNBUF\nCMD ["python", "main.py"]\n').length, 0);
    assert.equal(check(ID, 'FROM python:3.12\nCMD ["python", "-u", "main.py"]\n').length, 0);
    assert.equal(check(ID, 'FROM python:3.12\nCMD ["python", "-Bu", "main.py"]\n').length, 0);
    assert.equal(check(ID, 'FROM python:3.12\nCMD PYTHONUNBUFFERED=1 python main.py\n').length, 0);
    assert.equal(check(ID, 'FROM python:3.12\nCMD ["env", "PYTHONUNBUFFERED=1", "python", "main.py"]\n').length, 0);
  });
  it('still fires when the variable is empty, set in another stage, or -u comes after the script', () => {
    assert.equal(check(ID, 'FROM python:3.12\nENV PYTHONUNBUFFERED=\nCMD ["python", "main.py"]\n').length, 1);
    assert.equal(check(ID, 'FROM python:3.12 AS build\nENV PYTHONUNBUFFERED=1\nFROM python:3.12-slim\nCMD ["python", "main.py"]\n').length, 1);
    assert.equal(check(ID, 'FROM python:3.12\nCMD ["python", "main.py", "-u"]\n').length, 1);
  });
  it('follows CMD inheritance: ENTRYPOINT resets an inherited CMD', () => {
    assert.equal(check(ID, 'FROM python:3.12 AS base\nCMD ["python", "app.py"]\nFROM base\nENTRYPOINT ["/bin/run"]\n').length, 0);
    assert.deepEqual(lines(check(ID, 'FROM python:3.12 AS base\nCMD ["python", "app.py"]\nFROM base\nRUN true\n')), [2]);
  });
  it('adds ENV PYTHONUNBUFFERED=1 after the FROM of the final stage (safe)', () => {
    assert.equal(fixOnce(ID, 'FROM python:3.12 AS build\nRUN true\nFROM python:3.12-slim AS app\nCOPY . .\nCMD ["python", "main.py"]\n'),
      'FROM python:3.12 AS build\nRUN true\nFROM python:3.12-slim AS app\nENV PYTHONUNBUFFERED=1\nCOPY . .\nCMD ["python", "main.py"]\n');
    assert.equal(fixOnce(ID, 'FROM python:3.12 \\\n  AS app\r\nCMD ["python", "main.py"]'), 'FROM python:3.12 \\\n  AS app\r\nENV PYTHONUNBUFFERED=1\r\nCMD ["python", "main.py"]');
    assert.equal(check(ID, 'FROM p\nCMD ["python", "x.py"]\n')[0].fixes!()[0].safe, true);
  });
});
