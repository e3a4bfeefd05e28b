import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze } from '../analyze';
import { applyFileChanges, DiskBuildContext } from '../context';
import { check, lines } from '../testing';
import { ruleById } from '.';

const ID = 'missing-dockerignore';
const APP = { 'requirements.txt': 'flask\n', 'main.py': 'print(1)\n' };
const MESSY = { ...APP, '.git/HEAD': 'ref\n', 'venv/pyvenv.cfg': 'x', 'venv/lib/a.py': 'x', 'src/__pycache__/m.pyc': 'x', '.env': 'A=1\n', 'node_modules/x/i.js': 'x', 'dist/app.js': 'x' };
const PY = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n';

/** The files after applying the first fix of the first finding. */
function fixed(text: string, files: Record<string, string>): Record<string, string> {
  const f = check(ID, text, files).find(x => x.fixes?.().length);
  assert.ok(f, 'a fix is offered');
  return applyFileChanges(files, f.fixes!()[0]);
}

describe(ID, () => {
  it('fires on the source of a whole-context COPY or ADD, in any stage and form', () => {
    for (const copy of ['COPY . .', 'ADD . /app', 'COPY ./ ./', 'COPY --chown=app:app . /app', 'COPY ["." , "/app"]', 'COPY * /app/']) {
      const found = check(ID, `FROM python:3.12-slim AS build\n${copy}\nFROM python:3.12-slim\n`, APP);
      assert.deepEqual(lines(found), [2], copy);
    }
    const [f] = check(ID, 'FROM python:3.12-slim\nCOPY . /app\n', APP);
    assert.deepEqual(f.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } });
    assert.equal(check(ID, 'FROM p:1\nCOPY . .\nCOPY . /other\n', APP).length, 1, 'once per Dockerfile');
  });
  it('stays silent with an ignore file, without a whole-context copy, or without a context', () => {
    assert.equal(check(ID, PY, { ...MESSY, '.dockerignore': '.git\n' }).length, 0);
    assert.equal(check(ID, PY, { ...MESSY, 'Dockerfile.dockerignore': '.git\n' }).length, 0, 'BuildKit\'s per-Dockerfile ignore file counts');
    assert.equal(check(ID, 'FROM p:1\nCOPY main.py src/ /app/\n', MESSY).length, 0);
    assert.equal(check(ID, 'FROM p:1\nCOPY --from=build . .\n', MESSY).length, 0, 'COPY --from reads a stage, not the context');
    assert.equal(check(ID, PY).length, 0, 'no build context on disk');
  });
  it('is a warning when something that should stay out is present, information otherwise', () => {
    const [messy] = check(ID, PY, MESSY);
    assert.equal(messy.severity, 'warning');
    assert.match(messy.message, /`COPY \. \.` copies the whole build context \(\d+ files, .*\) and there is no \.dockerignore: `\.git\/` \(Git history\), `\.env` \(environment file\), `venv\/` \(virtualenv\) and \d more go into the image/);
    const [clean] = check(ID, PY, APP);
    assert.equal(clean.severity, 'info');
    assert.match(clean.message, /the next `\.git`, virtualenv or `\.env` that appears here goes into the image/);
  });
  it('the fix creates .dockerignore with what is actually there, grouped, plus the builder\'s own files', () => {
    const [f] = check(ID, PY, MESSY);
    const [fix] = f.fixes!();
    assert.equal(fix.safe, false);
    assert.deepEqual(fix.edits, []);
    assert.deepEqual(fix.appendFiles, undefined);
    assert.equal(fix.createFiles?.length, 1);
    assert.equal(fix.createFiles![0].path, '.dockerignore');
    assert.equal(fix.createFiles![0].content, [
      '# Version control history', '.git', '',
      '# Credentials: give them to build steps with RUN --mount=type=secret, never COPY', '.env', '',
      '# Local Python environments and bytecode: the image installs its own', 'venv', '**/__pycache__', '',
      '# Installed packages: the image installs its own', 'node_modules', '',
      '# Build output from this machine', 'dist', '',
      '# Read by the builder, not needed in the image', 'Dockerfile', '.dockerignore', '',
    ].join('\n'));
    const after = fixed(PY, MESSY);
    assert.equal(check(ID, PY, after).length, 0);
    assert.equal(check('dockerignore-misses-heavy-paths', PY, after).length, 0, 'the created file leaves nothing for the sibling rule');
    assert.equal(check('secret-file-copied', PY, after).length, 0);
  });
  it('the fix leaves out what the Dockerfile copies by name, and .git when a RUN uses git', () => {
    const text = 'FROM node:20\nCOPY . .\nRUN git describe --tags > VERSION\nCOPY dist/ /usr/share/nginx/html/\n';
    const content = fixed(text, MESSY)['.dockerignore'];
    assert.doesNotMatch(content, /^\.git$/m);
    assert.doesNotMatch(content, /^dist$/m);
    assert.match(content, /^venv$/m);
  });
  it('works on a context on disk', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-md-'));
    after(() => fs.rmSync(root, { recursive: true, force: true }));
    fs.mkdirSync(path.join(root, '.git'));
    fs.writeFileSync(path.join(root, '.git/HEAD'), 'ref\n');
    fs.writeFileSync(path.join(root, 'main.py'), 'x');
    const rule = ruleById(ID)!;
    const run = () => analyze(PY, { rules: [rule], buildContext: new DiskBuildContext(root, { dockerfile: path.join(root, 'docker', 'api.Dockerfile') }) }).findings;
    assert.equal(run()[0].severity, 'warning');
    assert.match(run()[0].fixes!()[0].createFiles![0].content, /\ndocker\/api\.Dockerfile\n\.dockerignore\n$/, 'names the Dockerfile relative to the context');
    fs.writeFileSync(path.join(root, '.dockerignore'), '.git\n');
    assert.equal(run().length, 0, 'a new ignore file is seen without invalidating');
  });
});
