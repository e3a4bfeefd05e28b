import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const RULE = 'alpine-for-python';

describe('alpine-for-python', () => {
  it('fires on Python Alpine images and offers the slim twin', () => {
    const [f] = check(RULE, 'FROM python:3.12-alpine3.20\nCMD ["python", "app.py"]\n');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /musl libc/);
    assert.deepEqual(f.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 27 } });
    const [fix] = f.fixes!();
    assert.equal(fix.safe, false);
    assert.equal(fix.title, 'Switch to python:3.12-slim (Debian, glibc)');
    assert.equal(fixOnce(RULE, 'FROM python:3.12-alpine3.20 AS app\n'), 'FROM python:3.12-slim AS app\n');
  });

  it('names installed packages with compiled code, from RUN lines and requirements files', () => {
    const [inline] = check(RULE, 'FROM python:3.12-alpine\nRUN pip install --no-cache-dir flask numpy pandas\n');
    assert.match(inline.message, /installs numpy, pandas \(line 2\)/);
    const text = 'FROM python:3.12-alpine\nWORKDIR /app\nCOPY requirements/prod.txt /tmp/req.txt\nRUN pip install -r /tmp/req.txt\n';
    const [fromFile] = check(RULE, text, { 'requirements/prod.txt': 'scipy==1.14\nrequests\n' });
    assert.match(fromFile.message, /installs scipy \(line 4\)/);
    const [fromProject] = check(RULE, 'FROM python:3.12-alpine\nCOPY . .\nRUN pip install .\n', { 'pyproject.toml': '[project]\ndependencies = ["lxml>=5"]\n' });
    assert.match(fromProject.message, /installs lxml/);
  });

  it('is an error when a package has no musl wheels at all', () => {
    const [f] = check(RULE, 'FROM python:3.12-alpine\nRUN pip install torch numpy\n');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /torch \(line 2\) publishes no musl wheels at all/);
  });

  it('offers no fix when apk or BusyBox user commands would break on Debian', () => {
    const text = 'FROM python:3.12-alpine\nRUN apk add --no-cache gcc musl-dev\nRUN pip install pandas\n';
    const [f] = check(RULE, text);
    assert.match(f.message, /rewriting the Alpine-specific commands \(line 2\)/);
    assert.deepEqual(f.fixes!(), []);
    assert.deepEqual(check(RULE, 'FROM python:3.12-alpine AS base\nFROM base\nRUN adduser -D app\n')[0].fixes!(), [], 'a stage built on it counts too');
  });

  it('fires on alpine with apk-installed Python only for Python services', () => {
    const service = 'FROM alpine:3.20\nRUN apk add --no-cache python3 py3-pip\nRUN pip install --break-system-packages pandas\nCMD ["python3", "app.py"]\n';
    const [f] = check(RULE, service);
    assert.match(f.message, /installs Python with apk \(line 2\)/);
    assert.deepEqual(f.fixes!(), []);
    assert.equal(check(RULE, 'FROM alpine:3.20\nRUN apk add python3\nCMD ["python3", "x.py"]\n').length, 1, 'starting python counts');
    assert.equal(check(RULE, 'FROM node:22-alpine\nRUN apk add --no-cache python3 make g++\nRUN npm ci\n').length, 0, 'node-gyp helpers are not a Python service');
    assert.equal(check(RULE, 'FROM alpine:3.20\nRUN apk add --no-cache curl\n').length, 0);
  });

  it('covers uv images with Python on Alpine', () => {
    assert.equal(fixOnce(RULE, 'FROM ghcr.io/astral-sh/uv:python3.12-alpine\n'), 'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n');
  });

  it('ignores glibc images, stages and unresolved references', () => {
    const text = 'FROM python:3.12-slim AS a\nRUN pip install numpy\nFROM a\nFROM ${IMG}\nFROM scratch\nFROM gcr.io/distroless/python3-debian12\n';
    assert.deepEqual(lines(check(RULE, text)), []);
  });
});
