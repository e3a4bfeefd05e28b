import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'runs-as-root';
const sev = (text: string) => check(ID, text).map(f => `${f.range.start.line + 1}:${f.severity}`);

describe(ID, () => {
  it('reports a final stage without USER as info, on its CMD', () => {
    assert.deepEqual(sev('FROM python:3.12-slim\nCOPY . .\nCMD ["python", "main.py"]\n'), ['3:info']);
    assert.deepEqual(sev('FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\n'), ['1:info'], 'on the FROM when there is no CMD');
    assert.deepEqual(sev('FROM python:3.12-slim\nCOPY . .\n'), [], 'no CMD, ENTRYPOINT or EXPOSE: a base image');
    assert.deepEqual(sev('FROM debian:12\nCMD ["python3"]\n'), [], 'a bare interpreter');
    assert.deepEqual(sev('FROM ubuntu:24.04\nCMD ["/bin/bash"]\n'), [], 'a bare shell');
    assert.deepEqual(sev('FROM ubuntu:24.04\nCMD ["bash", "-c", "run-tests"]\n'), ['2:info'], 'a shell running a script');
  });
  it('reports a last USER root, 0, root:root or 0:0 as a warning on that USER', () => {
    for (const u of ['root', '0', 'root:root', '0:0', 'root:app']) assert.deepEqual(sev(`FROM debian:12\nUSER ${u}\nCMD ["x"]\n`), ['2:warning'], u);
    assert.deepEqual(sev('FROM debian:12\nUSER app:root\n'), [], 'the group does not make the user root');
  });
  it('is quiet once the last USER is unprivileged, also when inherited from a base stage', () => {
    assert.deepEqual(sev('FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n'), []);
    assert.deepEqual(sev('FROM debian:12 AS base\nUSER app\nFROM base\nCMD ["x"]\n'), []);
  });
  it('follows USER root through FROM <stage>, and ignores builder stages', () => {
    assert.deepEqual(sev('FROM debian AS base\nUSER root\nRUN something\nFROM base\nRUN something else\n'), ['2:warning']);
    assert.deepEqual(sev('FROM debian AS build\nUSER root\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n'), []);
  });
  it('resolves ARG defaults in USER; a root default is reported without a fix', () => {
    const [f] = check(ID, 'FROM debian:12\nARG UID=0\nUSER "$UID:$UID"\n');
    assert.match(f.message, /0:0/);
    assert.deepEqual(f.fixes?.() ?? [], []);
    assert.deepEqual(sev('FROM debian:12\nARG UID=1000\nUSER ${UID}\n'), []);
    assert.deepEqual(sev('FROM debian:12\nARG UID\nUSER ${UID}\n'), [], 'unknown: given at build time');
  });
  it('knows images that run unprivileged, or where no user can be created', () => {
    for (const image of ['gcr.io/distroless/python3-debian12:nonroot', 'cgr.dev/chainguard/python:latest', 'bitnami/redis:7.4', 'nginxinc/nginx-unprivileged:1.27', 'quay.io/jupyter/base-notebook:2024-05-27', 'scratch']) {
      assert.deepEqual(sev(`FROM ${image}\nCOPY app /app\nCMD ["/app"]\n`), [], image);
    }
    assert.deepEqual(sev('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["app.exe"]\n'), [], 'Windows');
  });
  it('uses hints, without fixes, where the image drops privileges itself', () => {
    const nginx = check(ID, 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nEXPOSE 80\n');
    assert.deepEqual(nginx.map(f => f.severity), ['hint']);
    assert.deepEqual(nginx[0].fixes!(), []);
    assert.deepEqual(sev('FROM postgres:17\nENTRYPOINT ["my-entry"]\n'), ['2:info'], 'its entrypoint is replaced');
    const apache = check(ID, 'FROM debian:12\nEXPOSE 80\nCMD ["apache2-foreground"]\n');
    assert.deepEqual(apache.map(f => f.severity), ['hint'], 'Apache runs its workers as www-data');
    assert.deepEqual(apache[0].fixes!(), []);
    const gosu = check(ID, 'FROM debian:12\nRUN apt-get update && apt-get install -y gosu\nENTRYPOINT ["docker-entrypoint.sh"]\n');
    assert.deepEqual(gosu.map(f => f.severity), ['hint']);
    assert.deepEqual(gosu[0].fixes!(), []);
  });
  it('is a hint when the base image comes from a build argument', () => {
    assert.deepEqual(sev('ARG BASE\nFROM $BASE\nCMD ["x"]\n'), ['3:hint']);
  });
  it('creates a user with the tool of the base image and switches before the start instructions', () => {
    assert.equal(fixOnce(ID, 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 8000\nCMD ["python", "main.py"]\n'),
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN useradd --create-home --uid 10001 --user-group app\nUSER app\nEXPOSE 8000\nCMD ["python", "main.py"]\n');
    assert.match(fixOnce(ID, 'FROM python:3.12-alpine\nCMD ["python", "app.py"]\n'), /\nRUN adduser -D -u 10001 app\nUSER app\nCMD/);
    assert.match(fixOnce(ID, 'FROM registry.example.com/team/base:1\nCMD ["app"]\n'), /\nRUN if command -v useradd >\/dev\/null 2>&1; then useradd --create-home --uid 10001 --user-group app; else adduser -D -u 10001 app; fi\nUSER app\nCMD/);
    assert.equal(fixOnce(ID, 'FROM ubuntu:24.04\r\nCMD ["x"]'), 'FROM ubuntu:24.04\r\nRUN useradd --create-home --uid 10001 --user-group app\r\nUSER app\r\nCMD ["x"]');
    assert.equal(fixOnce(ID, 'FROM ubuntu:24.04\nEXPOSE 80'), 'FROM ubuntu:24.04\nRUN useradd --create-home --uid 10001 --user-group app\nUSER app\nEXPOSE 80');
  });
  it('switches to a user the Dockerfile or the image already has', () => {
    assert.equal(fixOnce(ID, 'FROM debian:12\nRUN groupadd -r web && useradd -r -g web -d /app web\nCOPY . /app\nCMD ["/app/run"]\n'),
      'FROM debian:12\nRUN groupadd -r web && useradd -r -g web -d /app web\nCOPY . /app\nUSER web\nCMD ["/app/run"]\n');
    assert.match(fixOnce(ID, 'FROM alpine:3.22\nRUN adduser -D -u 1000 -G users svc\nCMD ["svc"]\n'), /\nUSER svc\nCMD/);
    assert.match(fixOnce(ID, 'FROM node:22-slim\nCOPY . .\nCMD ["node", "server.js"]\n'), /COPY \. \.\nUSER node\nCMD/);
    assert.match(fixOnce(ID, 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nCMD ["/app"]\n'), /\nUSER nonroot\nCMD/);
    // A user created under a condition may not exist: create our own.
    assert.match(fixOnce(ID, 'FROM debian:12\nARG UID=0\nRUN if [ "$UID" != 0 ]; then useradd -u "$UID" svc; fi\nCMD ["x"]\n'), /USER app\n/);
  });
  it('switches back after a USER root, to the user used before it', () => {
    assert.equal(fixOnce(ID, 'FROM debian:12\nUSER app\nRUN echo\nUSER root\nRUN apt-get update\nCMD ["x"]\n'),
      'FROM debian:12\nUSER app\nRUN echo\nUSER root\nRUN apt-get update\nUSER app\nCMD ["x"]\n');
    assert.match(fixOnce(ID, 'FROM scratch\nUSER root\n'), /USER root\nUSER 65534:65534\n$/);
  });
  it('offers no fix when the final stage has ONBUILD steps (they would run as the new user)', () => {
    assert.deepEqual(check(ID, 'FROM node:22\nONBUILD RUN npm ci\nCMD ["node", "server.js"]\n')[0].fixes!(), []);
  });
  it('every fix is offered, never applied automatically', () => {
    for (const f of check(ID, 'FROM debian:12\nCMD ["x"]\n')) assert.equal(f.fixes!()[0].safe, false);
  });
  it('honours hadolint pragmas and works without FROM', () => {
    assert.deepEqual(sev('FROM ubuntu\n# hadolint ignore=DL3002\nUSER root\n'), []);
    assert.deepEqual(lines(check(ID, 'USER root\n')), [1]);
  });
});
