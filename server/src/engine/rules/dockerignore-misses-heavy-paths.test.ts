import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../analyze';
import { applyFileChanges, MemoryBuildContext } from '../context';
import { check, lines } from '../testing';
import { ruleById } from '.';

const ID = 'dockerignore-misses-heavy-paths';
const PY = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n';
const BASE = { 'requirements.txt': 'flask\n', 'app/main.py': 'x' };

function fixed(text: string, files: Record<string, string>): Record<string, string> {
  const f = check(ID, text, files).find(x => x.fixes?.().length);
  assert.ok(f, 'a fix is offered');
  return applyFileChanges(files, f.fixes!()[0]);
}

describe(ID, () => {
  it('teaches that a bare name only matches at the top of the context', () => {
    const files = { ...BASE, '.dockerignore': '__pycache__/\n', 'app/__pycache__/main.pyc': 'x' };
    const [f] = check(ID, PY, files);
    assert.equal(f.severity, 'info', 'bytecode alone is information');
    assert.match(f.message, /^\.dockerignore does not exclude `app\/__pycache__\/` \(Python bytecode cache\), so `COPY \. \.` puts it in the image/);
    assert.match(f.message, /`__pycache__\/` only matches at the top of the context; `\*\*\/__pycache__` matches at any depth/);
    assert.equal(fixed(PY, files)['.dockerignore'], '__pycache__/\n\n# Local Python environments and bytecode: the image installs its own\n**/__pycache__\n');
  });
  it('reports Git history, virtualenvs, node_modules, data, build output and large files as warnings', () => {
    const files = { ...BASE, '.dockerignore': '.env', '.git/HEAD': 'x', '.venv/pyvenv.cfg': 'x', 'web/node_modules/a/i.js': 'x', 'data/train.parquet': 'x', 'build/lib/a.py': 'x' };
    const [f] = check(ID, PY, files);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /`\.git\/` \(Git history\), `\.venv\/` \(virtualenv\), `web\/node_modules\/` \(installed Node packages\) and 2 more/);
    const after = fixed(PY, files);
    assert.equal(after['.dockerignore'], '.env\n\n# Version control history\n.git\n\n# Local Python environments and bytecode: the image installs its own\n.venv\n\n# Installed packages: the image installs its own\n**/node_modules\n\n# Data sets and model artefacts: mount them or download them at run time\ndata\n\n# Build output from this machine\nbuild\n', 'appended after a missing final newline');
    assert.equal(check(ID, PY, after).length, 0);
  });
  it('reports large files, with their size', () => {
    const rule = ruleById(ID)!;
    const context = new MemoryBuildContext({ ...BASE, '.dockerignore': '.git\n', 'dump.sql': 'x' }, { sizes: { 'dump.sql': 64 * 1024 * 1024 } });
    const [f] = analyze(PY, { rules: [rule], buildContext: context }).findings;
    assert.match(f.message, /`dump\.sql` \(large file, 64 MB\)/);
  });
  it('only reports what a copy takes, once, on the copy that takes it first', () => {
    const files = { ...BASE, '.dockerignore': '.git\n', 'app/__pycache__/m.pyc': 'x', '.venv/pyvenv.cfg': 'x' };
    assert.equal(check(ID, 'FROM p:1\nCOPY requirements.txt app/main.py /app/\n', files).length, 0);
    const found = check(ID, 'FROM p:1\nCOPY app/ /app/\nCOPY . /all\n', files);
    assert.deepEqual(lines(found), [2, 3]);
    assert.match(found[0].message, /app\/__pycache__/);
    assert.doesNotMatch(found[1].message, /__pycache__/);
    assert.match(found[1].message, /\.venv/);
  });
  it('never suggests excluding what the Dockerfile copies by name, or .git when a RUN uses git', () => {
    const files = { ...BASE, '.dockerignore': '.env\n', 'dist/index.html': 'x', '.git/HEAD': 'x' };
    assert.equal(check(ID, 'FROM nginx:1.27\nCOPY . /src\nRUN git -C /src rev-parse HEAD\nCOPY dist/ /usr/share/nginx/html/\n', files).length, 0);
  });
  it('leaves credentials to secret-file-copied and a missing ignore file to missing-dockerignore', () => {
    assert.equal(check(ID, PY, { ...BASE, '.dockerignore': '.git\n', '.env': 'A=1' }).length, 0);
    assert.equal(check(ID, PY, { ...BASE, '.git/HEAD': 'x' }).length, 0);
    assert.equal(check(ID, PY).length, 0, 'no context on disk');
  });
  it('keeps the ignore file\'s CRLF line breaks', () => {
    const files = { ...BASE, '.dockerignore': '.env\r\n', '.git/HEAD': 'x' };
    assert.equal(fixed(PY, files)['.dockerignore'], '.env\r\n\r\n# Version control history\r\n.git\r\n');
  });
  it('names and appends to the per-Dockerfile ignore file when that is the one in effect', () => {
    const files = { ...BASE, '.dockerignore': '', 'Dockerfile.dockerignore': '.env\n', '.git/HEAD': 'x' };
    const [f] = check(ID, PY, files);
    assert.match(f.message, /^Dockerfile\.dockerignore does not exclude/);
    const fix = f.fixes!()[0];
    assert.equal(fix.appendFiles?.[0].path, 'Dockerfile.dockerignore');
    assert.equal(fix.title, 'Add .git to Dockerfile.dockerignore');
    assert.equal(check(ID, PY, applyFileChanges(files, fix)).length, 0);
  });
  it('a `!` line that brings a folder back counts as not excluded', () => {
    const files = { ...BASE, '.dockerignore': '*\n!requirements.txt\n!app\n', 'app/__pycache__/m.pyc': 'x', '.git/HEAD': 'x' };
    const [f] = check(ID, PY, files);
    assert.match(f.message, /app\/__pycache__/);
    assert.doesNotMatch(f.message, /\.git/);
  });
});
