// Formatting proven on every real-world Dockerfile of the shared corpus, under several editor
// and setting combinations: what BuildKit, the shell and dockerfile-ast read is identical
// before and after, a second pass changes nothing, heredoc bodies and directives keep every
// byte, and range formatting stays within the instructions it was given.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseText } from '../../server/src/engine/builder';
import { applyEdits, formatDockerfile, type FormatOptions } from '../../server/src/engine/format';
import { dockerfileMeaning } from '../../server/src/engine/format/meaning';

/** Found the way corpus.test.ts finds it (importing that file would run its tests too). */
const CORPUS = process.env.LAYERWISE_CORPUS ?? path.resolve(__dirname, '../../../shared/corpus/realworld');

const OPTION_SETS: Record<string, FormatOptions> = {
  'spaces (VS Code defaults)': { tabSize: 4, insertSpaces: true },
  'tabs, final newline trimmed and inserted': { tabSize: 4, insertSpaces: false, insertFinalNewline: true, trimFinalNewlines: true },
  'width 2, aligned lines re-indented, no blank lines': { tabSize: 2, insertSpaces: true, keepAlignedContinuations: false, maxBlankLines: 0 },
  'no continuation indent at all': { tabSize: 8, insertSpaces: true, continuationIndent: 0, keepAlignedContinuations: false },
};

/** Heredoc bodies and parser directives, verbatim: they must survive formatting byte for byte. */
function untouchables(text: string): string[] {
  const parsed = parseText(text);
  const lines = text.split(/\r?\n/);
  return [
    ...parsed.directives.map(d => lines[d.line]),
    ...parsed.nodes.flatMap(n => [...(n.trigger ?? n).heredocs.map(h => h.content), lines.slice(n.textEndLine + 1, n.endLine + 1).join('\n')]),
  ];
}

describe('formatting the real-world corpus', () => {
  it(`has a corpus to prove it on (${CORPUS})`, () => {
    assert.ok(fs.existsSync(CORPUS), `corpus folder not found: ${CORPUS}`);
  });
  const files = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter(f => /dockerfile$|^(Docker|Container)file/i.test(f)).sort() : [];
  it('has files in it', () => assert.ok(files.length >= 10, `only ${files.length} Dockerfiles in ${CORPUS}`));

  let changedSomething = 0;
  for (const file of files) {
    it(`${file}: meaning kept, idempotent, heredocs and directives intact`, () => {
      const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      const meaning = dockerfileMeaning(text);
      const verbatim = untouchables(text);
      for (const [name, options] of Object.entries(OPTION_SETS)) {
        const edits = formatDockerfile(text, options);
        const once = applyEdits(text, edits);
        if (name.startsWith('spaces') && once !== text) changedSomething++;
        assert.deepEqual(dockerfileMeaning(once), meaning, `${name}: the formatted file reads differently`);
        assert.deepEqual(untouchables(once), verbatim, `${name}: a heredoc body or directive changed`);
        assert.deepEqual(formatDockerfile(once, options), [], `${name}: a second pass still changes something`);
        assert.equal(applyEdits(once, formatDockerfile(once, options)), once);
      }
    });

    it(`${file}: range formatting touches only the instructions in the range and agrees with the whole`, () => {
      const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      const options = OPTION_SETS['spaces (VS Code defaults)'];
      const whole = formatDockerfile(text, options);
      const lineCount = text.split('\n').length;
      assert.deepEqual(formatDockerfile(text, options, { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } }), whole);
      const nodes = parseText(text).nodes;
      if (!nodes.length) return;
      // A range inside the middle instruction: edits stay within its lines.
      const middle = nodes[Math.floor(nodes.length / 2)];
      const ranged = formatDockerfile(text, options, { start: { line: middle.startLine, character: 0 }, end: { line: middle.startLine, character: 1 } });
      for (const e of ranged) {
        assert.ok(e.range.start.line >= middle.startLine && e.range.end.line <= middle.endLine, `edit ${JSON.stringify(e)} outside lines ${middle.startLine}-${middle.endLine}`);
        assert.ok(whole.some(w => JSON.stringify(w) === JSON.stringify(e)), 'a range edit the whole-document format would not make');
      }
    });
  }

  it('formats something in the corpus (the proof is not vacuous)', () => {
    assert.ok(files.length === 0 || changedSomething >= files.length / 4, `only ${changedSomething} of ${files.length} files changed`);
  });
});
