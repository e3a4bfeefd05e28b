import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { imageRequirementsFor } from './requests';

describe('layerwise/imageRequirements', () => {
  let root: string;
  let app: string;
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-requests-'));
    app = path.join(root, 'app');
    fs.mkdirSync(path.join(app, 'src'), { recursive: true });
    fs.writeFileSync(path.join(app, 'Dockerfile'), 'FROM busybox AS base\nARG VERSION\nFROM base AS final\nCOPY src /src\nRUN echo a && \\\n    echo b\n');
    fs.writeFileSync(path.join(app, 'src', 'main.py'), 'import os\nos.environ["API_TOKEN"]\n');
    fs.writeFileSync(path.join(app, '.env'), 'API_TOKEN=never-returned\n');
    fs.writeFileSync(path.join(root, '.env'), 'OTHER=1\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('answers with stages, every target’s requirements, the env reads of copied code and the .env names', async () => {
    const r = await imageRequirementsFor({ uri: uri('app/Dockerfile'), workspaceDir: root });
    assert.equal(r.contextDir, app);
    assert.deepEqual(r.stages.map(s => s.label), ['base', 'final']);
    assert.equal(r.target, 1);
    assert.deepEqual(r.targets[1].envUsage.map(u => [u.name, u.required, u.findings[0].file]), [['API_TOKEN', true, 'src/main.py']]);
    assert.deepEqual(r.targets[0].envUsage, [], 'the base stage copies no code');
    assert.deepEqual(r.envFiles.map(f => [f.where, f.names]), [['context', ['API_TOKEN']], ['workspace', ['OTHER']]]);
    assert.ok(!JSON.stringify(r).includes('never-returned'), 'values of .env files never leave the server');
    assert.deepEqual(r.instructions.map(i => [i.keyword, i.line, i.endLine, i.stage, i.text]), [
      ['FROM', 0, 0, 0, 'FROM busybox AS base'], ['ARG', 1, 1, 0, 'ARG VERSION'], ['FROM', 2, 2, 1, 'FROM base AS final'],
      ['COPY', 3, 3, 1, 'COPY src /src'], ['RUN', 4, 5, 1, 'RUN echo a &&     echo b'],
    ]);
  });
  it('uses the open document’s text (unsaved edits) when there is one, and a given context and target', async () => {
    const r = await imageRequirementsFor({ uri: uri('app/Dockerfile'), target: 'BASE', contextDir: root }, () => 'FROM busybox AS base\nARG EDITED\n');
    assert.equal(r.target, 0);
    assert.equal(r.contextDir, root);
    assert.deepEqual(r.targets[0].args.map(a => a.name), ['EDITED']);
  });
  it('says what is wrong: no FROM, an unknown stage, an unreadable file', async () => {
    await assert.rejects(imageRequirementsFor({ uri: uri('app/Dockerfile') }, () => '# nothing\n'), /has no FROM instruction/);
    await assert.rejects(imageRequirementsFor({ uri: uri('app/Dockerfile'), target: 'nope' }), /has no stage "nope"; its stages are base, final/);
    await assert.rejects(imageRequirementsFor({ uri: uri('missing/Dockerfile') }), /Cannot read/);
    await assert.rejects(imageRequirementsFor({ uri: 'untitled:Untitled-1' }), /Not a file URI/);
  });
});
