import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'missing-healthcheck';

describe(ID, () => {
  it('fires on an image that EXPOSEs a port, at its CMD (or the EXPOSE)', () => {
    assert.deepEqual(lines(check(ID, 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["python", "serve.py"]\n')), [3]);
    assert.deepEqual(lines(check(ID, 'FROM debian:12\nEXPOSE 8000\n')), [2]);
  });
  it('recognises server commands, also behind wrappers and sh -c', () => {
    for (const cmd of [
      '["uvicorn", "main:app"]', '["gunicorn", "-b", ":8000", "app:app"]', 'flask run --host=0.0.0.0', '["python", "manage.py", "runserver"]',
      '["python", "-m", "uvicorn", "app:app"]', '["node", "server.js"]', '["npm", "start"]', '["npm", "run", "start"]', '["java", "-jar", "app.jar"]',
      '["nginx", "-g", "daemon off;"]', '["tini", "--", "gunicorn", "app:app"]', '["sh", "-c", "exec gunicorn --bind :$PORT app:app"]', '["streamlit", "run", "app.py"]',
    ]) assert.equal(check(ID, `FROM debian:12\nCMD ${cmd}\n`).length, 1, cmd);
  });
  it('is quiet for batch jobs, shells and images without a command of their own', () => {
    for (const cmd of ['["python", "main.py"]', '["bash"]', '["node", "--version"]', '["npm", "test"]']) {
      assert.equal(check(ID, `FROM debian:12\nCMD ${cmd}\n`).length, 0, cmd);
    }
    assert.equal(check(ID, 'FROM python:3.12-slim\nRUN pip install x\n').length, 0);
  });
  it('treats server base images that keep their own command as services', () => {
    assert.deepEqual(lines(check(ID, 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n')), [1]);
    assert.equal(check(ID, 'FROM nginx:1.27\nCMD ["nginx", "-t"]\n').length, 0, 'its command is replaced');
  });
  it('is quiet with a HEALTHCHECK in the final stage or a stage it is built on, or HEALTHCHECK NONE', () => {
    assert.equal(check(ID, 'FROM p\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD ["x"]\n').length, 0);
    assert.equal(check(ID, 'FROM p AS base\nHEALTHCHECK --interval=30s \\\n  CMD ["/bin/check"]\nFROM base\nEXPOSE 80\n').length, 0);
    assert.equal(check(ID, 'FROM p\nEXPOSE 80\nHEALTHCHECK NONE\n').length, 0);
    assert.equal(check(ID, 'FROM p AS other\nHEALTHCHECK CMD true\nFROM p\nEXPOSE 80\n').length, 1, 'a stage the final one is not built on');
  });
  it('only counts EXPOSE and commands of the final image', () => {
    assert.equal(check(ID, 'FROM node:22 AS build\nEXPOSE 3000\nCMD ["node", "dev.js"]\nFROM nginx:1.27\nCMD ["nginx", "-t"]\n').length, 0);
    assert.equal(check(ID, 'FROM p AS base\nEXPOSE 80\nFROM base\nRUN true\n').length, 1, 'EXPOSE is inherited');
  });
  it('suggests a check with a tool the image has', () => {
    const msg = (text: string) => check(ID, text)[0].message;
    assert.match(msg('FROM python:3.12-slim\nEXPOSE 8000\nCMD ["uvicorn", "a:app"]\n'), /python -c "import urllib.request; urllib.request.urlopen\('http:\/\/localhost:8000\/health'/);
    assert.match(msg('FROM node:22-slim\nEXPOSE 3000\nCMD ["node", "server.js"]\n'), /node -e "fetch\('http:\/\/localhost:3000\/health'\)/);
    assert.match(msg('FROM alpine:3.22\nEXPOSE 9000\n'), /wget -q -O \/dev\/null http:\/\/localhost:9000\/health/);
    assert.match(msg('FROM debian:12\nEXPOSE 8080/tcp\n'), /curl -fsS http:\/\/localhost:8080\/health.*no curl/);
    assert.match(msg('FROM debian:12\nEXPOSE 5432\n'), /pg_isready/);
    assert.match(msg('FROM debian:12\nCMD ["gunicorn", "app:app"]\n'), /localhost:<port>/);
  });
  it('is a hint on scratch and distroless, where a check must be built into the program', () => {
    assert.deepEqual(check(ID, 'FROM scratch\nCOPY app /app\nEXPOSE 8080\nENTRYPOINT ["/app"]\n').map(f => f.severity), ['hint']);
    assert.deepEqual(check(ID, 'FROM gcr.io/distroless/java21\nCMD ["java", "-jar", "/app.jar"]\n').map(f => f.severity), ['hint']);
  });
  it('has no fix (the endpoint belongs to the application)', () => {
    assert.equal(check(ID, 'FROM p\nEXPOSE 80\n')[0].fixes, undefined);
  });
});
