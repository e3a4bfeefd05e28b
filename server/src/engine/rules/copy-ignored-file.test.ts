import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'copy-ignored-file';

describe(ID, () => {
  it('reports COPY and ADD of ignored paths, with BuildKit\'s message', () => {
    const found = check(ID, '\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n', { '.dockerignore': '\nDockerfile\n', Dockerfile: '' });
    assert.deepEqual(lines(found), [3, 4]);
    assert.match(found[0].message, /^Attempting to Copy file "Dockerfile" that is excluded by .dockerignore/);
    assert.match(found[1].message, /^Attempting to Add file "Dockerfile"/);
  });
  it('matches parent folders, cleans paths and substitutes variables', () => {
    assert.deepEqual(lines(check(ID, 'FROM scratch\nARG D=build\nCOPY ./$D/out.txt /x\n', { '.dockerignore': 'build\n' })), [3]);
  });
  it('ignores COPY --from, URLs, and files with ! exceptions, like BuildKit', () => {
    assert.deepEqual(lines(check(ID, 'FROM scratch AS base\nCOPY --from=base /foobar /x\nADD https://example.com/foobar /x\n', { '.dockerignore': 'foobar\n' })), []);
    assert.deepEqual(lines(check(ID, 'FROM scratch\nCOPY ./Dockerfile .\n', { '.dockerignore': '**\n!Dockerfile\n' })), []);
  });
  it('reports the context root only when everything is excluded', () => {
    assert.deepEqual(lines(check(ID, 'FROM scratch\nCOPY . .\n', { '.dockerignore': '.*\n' })), []);
    const [f] = check(ID, 'FROM scratch\nCOPY . .\n', { '.dockerignore': '*\n' });
    assert.equal(f.severity, 'warning');
  });
  it('needs a build context', () => {
    assert.deepEqual(check(ID, 'FROM scratch\nCOPY a .\n'), []);
  });
});
