// Runs vscode-tmgrammar-test over the annotated Dockerfiles beside this file, with VS Code's
// own shell grammar loaded, so the scopes of embedded shell (RUN, CMD, heredoc bodies) are
// asserted for real. Without that grammar the suite fails: it never skips.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ROOT, shellGrammarPath } from './shell-grammar';

const HERE = __dirname;
const RUNNER = path.join(ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

const cases = fs.readdirSync(HERE).filter(name => name.endsWith('.dockerfile')).sort();

describe('TextMate grammar (vscode-tmgrammar-test)', () => {
  let output = '';
  /** Why the run could not happen; every test below then fails with it (a failing hook alone is not counted as a failure). */
  let setupError: Error | undefined;
  const ran = () => { if (setupError) throw setupError; };

  before(() => { try { runGrammarTests(); } catch (e) { setupError = e as Error; } });

  function runGrammarTests(): void {
    const shellGrammar = shellGrammarPath();
    assert.ok(fs.existsSync(RUNNER), `vscode-tmgrammar-test is not installed (${RUNNER}); run npm ci`);
    const files = cases.map(name => path.relative(ROOT, path.join(HERE, name)));
    const run = spawnSync(process.execPath, [RUNNER, '--config', 'package.json', '-g', shellGrammar, '-c', ...files], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    assert.equal(run.error, undefined, `vscode-tmgrammar-test did not run: ${run.error?.message}\n${output}`);
    assert.doesNotMatch(output, /grammar not found/i, `a grammar could not be loaded:\n${output}`);
    const failedFiles = cases.filter(name => !output.includes(`✓ ${path.relative(ROOT, path.join(HERE, name))} run successfuly`));
    assert.equal(run.status === 0, failedFiles.length === 0, `exit status ${run.status} disagrees with the per-file results:\n${output}`);
  }

  it('has test files, and they assert embedded shell scopes', () => {
    ran();
    assert.ok(cases.length >= 6, `expected the grammar test files in ${HERE}, found ${cases.length}`);
    const shellAssertions = cases.flatMap(name => fs.readFileSync(path.join(HERE, name), 'utf8').split('\n'))
      .filter(line => /^#\s*(\^|<-).*\bsource\.shell\b.*\.shell\b/.test(line) || /^#\s*(\^|<-)\s*\S*\s*entity\.name\.command\.shell/.test(line));
    assert.ok(shellAssertions.length >= 5, `expected assertions on the shell grammar's own scopes, found ${shellAssertions.length}`);
  });

  it('the committed JSON is what syntaxes/dockerfile.grammar.mjs generates', () => {
    const check = spawnSync(process.execPath, [path.join(ROOT, 'syntaxes', 'dockerfile.grammar.mjs'), '--check'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(check.status, 0, check.stderr || check.error?.message);
  });

  it('package.json contributes the grammar with shell as an embedded language', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const contribution = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'source.dockerfile');
    assert.ok(contribution, 'no grammar contribution for source.dockerfile');
    assert.equal(contribution.language, 'dockerfile');
    assert.equal(contribution.embeddedLanguages?.['source.shell'], 'shellscript');
    const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, contribution.path), 'utf8'));
    assert.equal(grammar.scopeName, 'source.dockerfile');
  });

  for (const name of cases) {
    it(name, () => {
      ran();
      const file = path.relative(ROOT, path.join(HERE, name));
      const errors = output.split('\n').filter(line => line.includes(file) && !line.startsWith('✓'));
      assert.ok(output.includes(`✓ ${file} run successfuly`), `${file} failed:\n${errors.join('\n') || output}`);
    });
  }
});
