import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { envFileNames, findEnvReads, isIncluded, languageOf, scanEnvUsage } from './env-usage';

const reads = (text: string, lang: Parameters<typeof findEnvReads>[1]) =>
  findEnvReads(text, lang).map(r => `${r.name}:${r.required ? 'required' : 'optional'}@${r.line + 1}`);

describe('env reads: python', () => {
  it('classifies reads by whether the code has a default', () => {
    const py = [
      'import os',
      'a = os.environ["A"]',
      "b = os.environ.get('B')",
      'c = os.environ.get("C", "dflt")',
      'd = os.getenv("D")',
      'e = os.getenv("E", None)',
      'os.environ.setdefault("F", "1")',
      'if "G" in os.environ: pass',
      'from os import environ, getenv',
      'h = environ["H"]; i = getenv("I")',
      'os.environ["WRITTEN"] = "x"',
      '# os.getenv("COMMENTED")',
    ].join('\n');
    assert.deepEqual(reads(py, 'python'), [
      'A:required@2', 'B:required@3', 'C:optional@4', 'D:required@5', 'E:optional@6', 'F:optional@7', 'G:optional@8', 'H:required@10', 'I:required@10',
    ]);
  });
  it('finds MODEL_API_KEY (required) and ENV (optional) in the seeds’ main.py', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/build/seed-app/main.py'), 'utf8');
    assert.deepEqual(reads(text, 'python'), ['MODEL_API_KEY:required@12', 'ENV:optional@18']);
  });
});

describe('env reads: node, go, shell', () => {
  it('node: member and index access, fallbacks, writes and destructuring', () => {
    const js = [
      'const a = process.env.A;',
      "const b = process.env['B'] || 'x';",
      'const c = process.env.C ?? 3;',
      'process.env.D = "w";',
      'const { E, F = "f", G: g } = process.env;',
      'const h = process.env.H ? 1 : 2;',
      '// process.env.COMMENTED',
      'const i = Deno.env.get("I");',
    ].join('\n');
    assert.deepEqual(reads(js, 'node'), ['A:required@1', 'B:optional@2', 'C:optional@3', 'E:required@5', 'F:optional@5', 'G:required@5', 'H:optional@6', 'I:required@8']);
  });
  it('go: Getenv is required unless wrapped in cmp.Or; LookupEnv is optional', () => {
    const go = 'package main\nimport "os"\nvar a = os.Getenv("A")\nvar b = cmp.Or(os.Getenv("B"), "x")\nv, ok := os.LookupEnv(`C`)\n';
    assert.deepEqual(reads(go, 'go'), ['A:required@3', 'B:optional@4', 'C:optional@5']);
  });
  it('shell: ${X:?} is required, ${X:-d} optional, plain $X ignored', () => {
    const sh = '#!/bin/sh\n: "${DB_HOST:?set DB_HOST}"\nexec app --port "${PORT:-8080}" --user "$USER" ${MODE?}\n';
    assert.deepEqual(reads(sh, 'shell'), ['DB_HOST:required@2', 'MODE:required@3', 'PORT:optional@3']);
  });
  it('knows which files are code', () => {
    assert.deepEqual(['a.py', 'b.mjs', 'c.ts', 'd.d.ts', 'e.go', 'e_test.go', 'entrypoint', 'x.sh', 'README.md'].map(languageOf),
      ['python', 'node', 'node', undefined, 'go', undefined, 'shell', 'shell', undefined]);
  });
});

describe('copied paths and env files', () => {
  it('a COPY source takes the path itself, what is below it, and wildcard matches', () => {
    assert.ok(isIncluded('main.py', ['.']));
    assert.ok(isIncluded('src/app/x.py', ['src']));
    assert.ok(isIncluded('src/a.py', ['src/*.py']));
    assert.ok(!isIncluded('srcx/a.py', ['src']));
    assert.ok(!isIncluded('lib/a.py', ['src', 'requirements.txt']));
  });
  it('env files give names only', () => {
    assert.deepEqual(envFileNames('# c\nA=1\n\nB = two words\nC\nA=again\n'), ['A', 'B', 'C']);
  });
});

describe('scanning a build context', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-env-scan-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('app/main.py', 'import os\nKEY = os.environ["API_KEY"]\nLVL = os.getenv("LOG_LEVEL", "info")\n');
    write('app/util.py', 'import os\nos.getenv("LOG_LEVEL")\n');
    write('web/index.js', 'const port = process.env.PORT || 3000;\n');
    write('node_modules/dep/index.js', 'process.env.FROM_DEPENDENCY\n');
    write('ignored/tool.py', 'import os\nos.environ["IGNORED"]\n');
    write('.dockerignore', '# Docker rules: folders, **, exceptions\nignored\n**/*.generated.py\n!keep.generated.py\n');
    write('app/x.generated.py', 'import os\nos.environ["GENERATED"]\n');
    write('keep.generated.py', 'import os\nos.environ["KEPT"]\n');
    for (let i = 0; i < 30; i++) write(`many/f${i}.py`, `import os\nos.getenv("MANY_${i}")\n`);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('merges findings per name with file:line, skipping .dockerignore and dependency folders', async () => {
    const scan = await scanEnvUsage(root);
    assert.equal(scan.dockerignore, true);
    assert.equal(scan.truncated, undefined);
    const names = scan.usages.map(u => u.name);
    assert.ok(!names.includes('IGNORED') && !names.includes('FROM_DEPENDENCY') && !names.includes('GENERATED'), names.join());
    assert.ok(names.includes('KEPT'), 'a ! exception brings the file back');
    const logLevel = scan.usages.find(u => u.name === 'LOG_LEVEL')!;
    assert.equal(logLevel.required, true, 'one read without a default makes it required');
    assert.deepEqual(logLevel.findings.map(f => `${f.file}:${f.line + 1}`), ['app/main.py:3', 'app/util.py:2']);
    const apiKey = scan.usages.find(u => u.name === 'API_KEY')!;
    assert.deepEqual([apiKey.required, apiKey.secret], [true, true]);
    assert.equal(scan.usages.find(u => u.name === 'PORT')?.required, false);
  });
  it('scans only what the image copies', async () => {
    const scan = await scanEnvUsage(root, { include: ['web'] });
    assert.deepEqual(scan.usages.map(u => u.name), ['PORT']);
    const glob = await scanEnvUsage(root, { include: ['app/m*.py'] });
    assert.deepEqual(glob.usages.map(u => u.name).sort(), ['API_KEY', 'LOG_LEVEL']);
  });
  it('stops at the file limit and says so', async () => {
    const scan = await scanEnvUsage(root, { maxFiles: 5 });
    assert.equal(scan.truncated, 'files');
    assert.equal(scan.filesScanned, 5);
  });
  it('stops at the time limit and says so', async () => {
    const scan = await scanEnvUsage(root, { timeBudgetMs: -1 });
    assert.equal(scan.truncated, 'time');
  });
});
