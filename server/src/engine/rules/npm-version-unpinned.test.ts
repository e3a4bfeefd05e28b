import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'npm-version-unpinned';
const run = (cmd: string) => check(ID, `FROM node:20\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports packages without a version, pointing at `npm install`', () => {
    const [f] = run('npm install -g typescript eslint@9.0.0');
    assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 15 } });
    assert.match(f.message, /`typescript`; write `typescript@<version>`/);
  });
  it('accepts versions, scoped versions, git refs, tarballs, folders and lock-file installs', () => {
    for (const cmd of ['npm install', 'npm ci', 'npm install express@4.1.1', 'npm install @org/pkg@">=0.1.0 <0.2.0"', 'npm install git+https://github.com/o/r.git#v1.0.27',
      'npm install ./pkg', 'npm install pkg-1.2.3.tgz', 'npm install file:../lib', 'npm run --crazy install', 'npm install --registry https://r.example sax@0.1.1', 'npm install --prefix /opt x@1']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
  it('reports scoped packages, git URLs without a ref, `npm i`/`add`, and @latest (a deviation)', () => {
    for (const cmd of ['npm install @org/pkg', 'npm install git://github.com/npm/npm.git', 'npm i express', 'npm add express', 'npm install express@latest', 'npm install --registry=https://r express']) {
      assert.equal(run(cmd).length, 1, cmd);
    }
  });
  it('makes installing npm, yarn, pnpm or corepack a hint', () => {
    assert.equal(run('npm install -g pnpm')[0].severity, 'hint');
    assert.equal(run('npm install -g npm@latest')[0].severity, 'hint');
  });
});
