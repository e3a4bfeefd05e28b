import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../analyze';
import { parseConfig } from '../config';
import { lines } from '../testing';
import { ruleById } from '.';
import { registryMatches, registryOf } from './image-from-untrusted-registry';

const ID = 'image-from-untrusted-registry';
const run = (text: string, trusted: string[] = ['registry.corp.example']) =>
  analyze(text, { rules: [ruleById(ID)!], config: parseConfig(`trustedRegistries: ${JSON.stringify(trusted)}\n`, 'test.yaml') }).findings;

describe(ID, () => {
  it('is silent until trusted registries are configured', () => {
    assert.deepEqual(analyze('FROM random.com/debian\n', { rules: [ruleById(ID)!] }).findings, []);
  });
  it('knows where an image comes from', () => {
    assert.equal(registryOf('python'), 'docker.io');
    assert.equal(registryOf('library/python'), 'docker.io');
    assert.equal(registryOf('org/app'), 'docker.io');
    assert.equal(registryOf('docker.io/org/app'), 'docker.io');
    assert.equal(registryOf('index.docker.io/org/app'), 'docker.io');
    assert.equal(registryOf('localhost/app'), 'localhost');
    assert.equal(registryOf('localhost:5000/app'), 'localhost:5000');
    assert.equal(registryOf('GHCR.io/org/app'), 'ghcr.io');
  });
  it('matches exact names and `*` at either end', () => {
    assert.ok(registryMatches('*', 'x.com'));
    assert.ok(registryMatches('*.random.com', 'foo.random.com'));
    assert.ok(!registryMatches('*.random.com', 'x.com'));
    assert.ok(registryMatches('registry.corp.*', 'registry.corp.eu'));
    assert.ok(registryMatches('hub.docker.com', 'docker.io'));
  });
  it('reports FROM images from other registries at the image, Docker Hub included', () => {
    const found = run('FROM ubuntu:24.04\nFROM registry.corp.example/base:1\nFROM ghcr.io/org/tool:2 AS tool\n');
    assert.deepEqual(lines(found), [1, 3]);
    assert.match(found[0].message, /Docker Hub/);
    assert.deepEqual(found[1].range, { start: { line: 2, character: 5 }, end: { line: 2, character: 23 } });
  });
  it('skips earlier stages, scratch and references only known at build time', () => {
    assert.deepEqual(run('FROM registry.corp.example/a AS a\nFROM a\nFROM scratch\nFROM $BASE\nCOPY --from=a /x /x\nCOPY --from=0 /x /x\n'), []);
  });
  it('resolves ARG defaults in FROM', () => {
    assert.equal(run('ARG BASE=quay.io/org/app:1\nFROM $BASE\n').length, 1);
    assert.equal(run('ARG REG=registry.corp.example\nFROM ${REG}/app:1\n').length, 0);
  });
  it('checks COPY --from and RUN --mount from= images, at the flag value', () => {
    const found = run('FROM registry.corp.example/a\nCOPY --from=quay.io/org/tools:1 /bin/t /t\nRUN --mount=type=bind,from=ghcr.io/x/y,target=/y true\nRUN --mount=type=cache,target=/c true\n');
    assert.deepEqual(lines(found), [2, 3]);
    assert.equal(found[0].range.start.character, 'COPY --from='.length);
    assert.match(found[1].message, /mounted image `ghcr.io\/x\/y`/);
  });
  it('trusts Docker Hub images when docker.io or * is trusted', () => {
    assert.deepEqual(run('FROM ubuntu:24.04\nFROM zemanlx/ubuntu:18.04\nFROM docker.io/zemanlx/ubuntu:18.04\n', ['docker.io']), []);
    assert.deepEqual(run('FROM quay.io/a/b\n', ['*']), []);
  });
});
