// The grammar over real Dockerfiles (../shared/corpus/realworld): every instruction the
// parser finds must start with a token scoped as an instruction keyword. That fails as soon
// as something (an unclosed shell quote, a PowerShell block, a heredoc) runs past the end of
// its instruction. A missing corpus is a failure, never a skip.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { DockerfileModel } from '../../server/src/engine/model';
import { DOCKERFILE_GRAMMAR, ROOT, shellGrammarPath } from './shell-grammar';

const CORPUS = path.join(process.env.LAYERWISE_SHARED ?? path.join(ROOT, '..', 'shared'), 'corpus', 'realworld');

async function loadGrammar(): Promise<textmate.IGrammar> {
  const files: Record<string, string> = { 'source.dockerfile': DOCKERFILE_GRAMMAR, 'source.shell': shellGrammarPath() };
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: patterns => new oniguruma.OnigScanner(patterns), createOnigString: text => new oniguruma.OnigString(text) }),
    loadGrammar: async scope => files[scope] ? textmate.parseRawGrammar(fs.readFileSync(files[scope], 'utf8'), files[scope]) : null,
  });
  const grammar = await registry.loadGrammar('source.dockerfile');
  assert.ok(grammar, 'source.dockerfile did not load');
  return grammar;
}

function tokenize(grammar: textmate.IGrammar, lines: string[]): textmate.IToken[][] {
  let state = textmate.INITIAL;
  return lines.map(line => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens;
  });
}

describe('TextMate grammar over the real-world corpus', () => {
  it('scopes the keyword of every instruction as an instruction (nothing runs past its instruction)', async () => {
    assert.ok(fs.existsSync(CORPUS), `the corpus is missing: ${CORPUS} (set LAYERWISE_SHARED to the shared folder)`);
    const grammar = await loadGrammar();
    const files = fs.readdirSync(CORPUS).filter(name => /dockerfile|containerfile/i.test(name)).sort();
    assert.ok(files.length >= 10, `expected Dockerfiles in ${CORPUS}, found ${files.length}`);
    const misses: string[] = [];
    let instructions = 0;
    for (const name of files) {
      const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
      const lines = text.split(/\r?\n/);
      const tokens = tokenize(grammar, lines);
      for (const instruction of new DockerfileModel(text).instructions) {
        instructions++;
        const { line, character } = instruction.range.start;
        const token = tokens[line]?.find(t => t.startIndex <= character && character < t.endIndex);
        if (!token?.scopes.some(scope => scope.startsWith('keyword.other.instruction'))) {
          misses.push(`${name}:${line + 1}: ${lines[line]?.slice(0, 60)}  [${token?.scopes.join(' ') ?? 'no token'}]`);
        }
      }
    }
    assert.ok(instructions > 500, `only ${instructions} instructions in the corpus`);
    assert.deepEqual(misses.slice(0, 10), [], `${misses.length} of ${instructions} instruction keywords are not scoped as instructions`);
  });
});
