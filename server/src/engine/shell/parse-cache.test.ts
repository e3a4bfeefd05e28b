import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../analyze';
import { parseShell } from './parse';
import { clearShellParseCache, parseShellAt } from './parse-cache';
import { clearScriptSourceCache } from './dockerfile';
import { SHELL_CASES } from './testdata/cases';

const OPTIONS = [{ errexit: false, pipefail: false }, { errexit: true, pipefail: true }];

/** Offsets of a script whose characters sit `start` onwards in a document, with a gap after each line break. */
function offsetsAt(text: string, start: number): number[] {
  const offsets: number[] = [];
  let at = start;
  for (const ch of text) { offsets.push(at); at += ch === '\n' ? 5 : 1; }
  offsets.push(at);
  return offsets;
}

describe('parseShellAt: parses shared across document versions', () => {
  it('a script that moved gives what a fresh parse at the new place gives', () => {
    for (const options of OPTIONS) for (const c of SHELL_CASES) {
      clearShellParseCache();
      parseShellAt(c.src, offsetsAt(c.src, 100), options);
      for (const start of [100, 37, 4000]) {
        const offsets = offsetsAt(c.src, start);
        const fresh = parseShell(c.src, { ...options, mapOffset: o => offsets[Math.min(o, offsets.length - 1)] });
        assert.deepEqual(parseShellAt(c.src, offsets, options), fresh, `${c.name} at ${start}`);
      }
    }
  });
  it('the same place gives the same objects; other options or another layout parse again', () => {
    clearShellParseCache();
    const src = 'apt-get update && apt-get install -y "$(cat pkgs)"';
    const first = parseShellAt(src, offsetsAt(src, 10), OPTIONS[0]);
    assert.equal(parseShellAt(src, offsetsAt(src, 10), OPTIONS[0]), first);
    assert.notEqual(parseShellAt(src, offsetsAt(src, 10), OPTIONS[1]), first);
    const stretched = offsetsAt(src, 10).map((o, i) => (i > 20 ? o + 3 : o));
    const other = parseShellAt(src, stretched, OPTIONS[0]);
    assert.equal(other.commands[1].words[1].start, stretched[26]);
  });
  it('a moved copy keeps substitutions pointing at its own commands', () => {
    clearShellParseCache();
    const src = 'echo "$(uname -m)" && ls $(pwd)';
    parseShellAt(src, offsetsAt(src, 0), OPTIONS[0]);
    const moved = parseShellAt(src, offsetsAt(src, 50), OPTIONS[0]);
    for (const c of moved.commands) for (const s of c.substitutions) assert.ok(moved.allCommands.includes(s));
  });
});

describe('analysis while typing: warm script sources and shell parses give the findings of a cold analysis', () => {
  const corpus = process.env.LAYERWISE_CORPUS ?? path.resolve(__dirname, '../../../../../shared/corpus/realworld');
  it('the corpus is present', () => assert.ok(fs.existsSync(corpus), `corpus folder not found: ${corpus}`));
  const files = fs.existsSync(corpus) ? ['047.Dockerfile', '041.Dockerfile', '053.Dockerfile'].filter(f => fs.existsSync(path.join(corpus, f))) : [];
  const describeFindings = (text: string) => analyze(text).findings.map(f => `${f.ruleId} ${JSON.stringify(f.range)} ${f.message} ${JSON.stringify(f.fixes?.() ?? [])}`);
  for (const file of files) {
    it(`${file}: typing into RUN lines, adding and removing lines above them`, () => {
      const original = fs.readFileSync(path.join(corpus, file), 'utf8');
      const lines = original.split('\n');
      const runLines = lines.map((l, i) => (/^RUN /.test(l) ? i : -1)).filter(i => i >= 0);
      const versions: string[] = [original];
      for (const line of runLines.filter((_, i) => i % 3 === 0)) {
        const typed = [...lines]; typed[line] = 'RUN true && ' + typed[line].slice(4);
        const added = [...lines]; added.splice(line, 0, 'RUN echo added');
        const removed = [...lines]; removed.splice(Math.max(0, line - 1), 1);
        versions.push(typed.join('\n'), added.join('\n'), removed.join('\n'), original);
      }
      for (const text of versions) {
        const warm = describeFindings(text);
        clearShellParseCache();
        clearScriptSourceCache();
        assert.deepEqual(warm, describeFindings(text));
      }
    });
  }
});
