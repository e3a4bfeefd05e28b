import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hubPath } from './completion-registry';

describe('registry tag lookup: which repositories are Docker Hub ones', () => {
  it('official images live under library/, user images as written', () => {
    assert.equal(hubPath('python'), 'library/python');
    assert.equal(hubPath('docker.io/library/python'), 'library/python');
    assert.equal(hubPath('bitnami/redis'), 'bitnami/redis');
  });
  it('other registries, odd names and deeper paths are not looked up', () => {
    for (const repo of ['ghcr.io/org/app', 'localhost/app', 'localhost:5000/app', 'mcr.microsoft.com/dotnet/sdk', 'a/b/c', 'Py thon', '../x', '']) assert.equal(hubPath(repo), undefined, repo);
  });
});
