import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileModel } from '../model';
import { documentLinks, registryPage } from './links';

test('registry pages for Docker Hub official and user images, ghcr.io, quay.io and MCR', () => {
  assert.equal(registryPage('python'), 'https://hub.docker.com/_/python');
  assert.equal(registryPage('docker.io/library/node'), 'https://hub.docker.com/_/node');
  assert.equal(registryPage('bitnami/redis'), 'https://hub.docker.com/r/bitnami/redis');
  assert.equal(registryPage('ghcr.io/astral-sh/uv'), 'https://ghcr.io/astral-sh/uv');
  assert.equal(registryPage('quay.io/keycloak/keycloak'), 'https://quay.io/repository/keycloak/keycloak');
  assert.equal(registryPage('mcr.microsoft.com/dotnet/sdk'), 'https://mcr.microsoft.com/en-us/artifact/mar/dotnet/sdk');
  assert.equal(registryPage('localhost:5000/app'), undefined);
  assert.equal(registryPage('gcr.io/distroless/static'), undefined);
});

test('FROM links its image name; stages and scratch are not links; COPY sources link when they are context files', () => {
  const text = 'FROM python:3.12 AS build\nFROM build\nFROM scratch\nCOPY app.py /app/\nCOPY ["requirements.txt", "missing.txt", "/app/"]\nCOPY --from=build /x /y\nADD https://example.com/a.tgz *.txt $X /z\n';
  const files = new Set(['app.py', 'requirements.txt', 'x']);
  const links = documentLinks(new DockerfileModel(text), { isContextFile: p => files.has(p) });
  const model = new DockerfileModel(text);
  assert.deepEqual(links.map(l => `${model.lines.textOf(l.range)} -> ${l.target.kind === 'url' ? l.target.url : l.target.path}`), [
    'python -> https://hub.docker.com/_/python',
    'app.py -> app.py',
    'requirements.txt -> requirements.txt',
  ]);
});
