import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EDITS_PER_CYCLE, editScript, largeInput, lineCount, mediumInput, type CorpusFile } from './inputs';
import { percentile } from './stats';

const file = (name: string, lines: number): CorpusFile => {
  const text = Array.from({ length: lines }, (_, i) => (i % 3 === 0 ? `RUN apt-get install -y pkg${i}` : `# ${name} line ${i}`)).join('\n') + '\n';
  return { name, text, lines: lineCount(text) };
};

describe('bench inputs', () => {
  it('medium is the largest file plus the one that brings it closest to 570 lines, the first of equals', () => {
    // d and e are both 4 lines away from 570: the earlier name wins.
    const files = [file('a', 100), file('b', 330), file('d', 236), file('e', 244)];
    const medium = mediumInput(files);
    assert.equal(medium.recipe, 'b + d');
    assert.equal(medium.lines, 566);
    assert.equal(medium.text, files[1].text + files[2].text);
    assert.equal(mediumInput([file('a', 100), file('b', 330), file('c', 240), file('d', 236)]).recipe, 'b + c');
    const large = largeInput(medium);
    assert.equal(large.lines, 566 * 9);
    assert.equal(large.text, medium.text.repeat(9));
  });

  it('every edit applies to the text as it stands, and each cycle leaves the text as it was', () => {
    const text = file('x', 60).text;
    const edits = editScript(text, EDITS_PER_CYCLE * 3);
    assert.equal(edits.length, EDITS_PER_CYCLE * 3);
    let doc = TextDocument.create('file:///x', 'dockerfile', 0, text);
    const seen = new Set<string>();
    for (const [i, edit] of edits.entries()) {
      const before = doc.getText();
      doc = TextDocument.create(doc.uri, doc.languageId, i + 1, before);
      TextDocument.update(doc, [edit.change], i + 1);
      assert.notEqual(doc.getText(), before, `edit ${i} (${edit.kind}) changes nothing`);
      seen.add(edit.kind);
      if ((i + 1) % EDITS_PER_CYCLE === 0) assert.equal(doc.getText(), text, `cycle ending at edit ${i} does not restore the text`);
    }
    assert.deepEqual([...seen].sort(), ['add-line', 'backspace', 'remove-line', 'type']);
    // Cycles work on different RUN lines, spread over the file.
    assert.equal(new Set(edits.map(e => e.change.range.start.line)).size >= 3, true);
  });

  it('refuses a text without a RUN line to edit', () => {
    assert.throws(() => editScript('FROM x\n', 5), /no RUN line/);
  });
});

describe('percentile', () => {
  it('is the nearest rank of the sorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(percentile(samples, 50), 5);
    assert.equal(percentile(samples, 95), 10);
    assert.equal(percentile(samples, 0), 1);
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});
