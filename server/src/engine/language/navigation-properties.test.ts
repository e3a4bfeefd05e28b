// Properties of the navigation features on arbitrary Dockerfile-like text: nothing throws, every
// occurrence's range holds its name, groups agree with lookups, tokens are sorted and disjoint,
// folds are well formed and rename edits stay inside the document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DockerfileModel } from '../model';
import { foldingRanges } from './folding';
import { valueHints } from './inlay-hints';
import { documentLinks } from './links';
import { nameIndexOf } from './references';
import { renameEdits } from './rename';
import { semanticTokens } from './semantic-tokens';
import { documentSymbols } from './symbols';

const PIECES = [
  'FROM ', 'alpine', ':3.19', ' AS ', 'build', 'base', ' ', '\n', 'ARG ', 'ENV ', 'V', 'NAME', '=', '1', '$V', '${V:-x}', '${NAME}',
  'RUN ', 'echo ', "'$V'", '"$NAME"', 'COPY ', '--from=', '--from=build ', '--mount=type=cache,from=base,target=/x ', '<<EOF\n', 'EOF\n',
  '\\\n', '# c\n', '# escape=`\n', '[', '"a"', ', ', ']', 'ONBUILD ', 'HEALTHCHECK CMD ', '$', '{', '}', '\r\n', '\t',
];
const dockerfileText = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map(parts => parts.join(''));

test('navigation features hold their invariants on arbitrary text', () => {
  fc.assert(fc.property(dockerfileText, fc.nat(40), fc.nat(80), (text, line, character) => {
    const model = new DockerfileModel(text);
    const index = nameIndexOf(model);
    for (const o of index.occurrences) {
      assert.equal(model.lines.textOf(o.range), o.name, `occurrence text in ${JSON.stringify(text)}`);
      assert.ok(index.groupOf(o).includes(o));
      const def = index.definitionOf(o);
      if (def) assert.equal(def.group, o.group);
    }
    const tokens = semanticTokens(model);
    for (let i = 1; i < tokens.length; i++) {
      const a = tokens[i - 1], b = tokens[i];
      assert.ok(a.line < b.line || (a.line === b.line && a.character + a.length <= b.character), 'tokens sorted and disjoint');
    }
    for (const f of foldingRanges(model)) assert.ok(f.endLine > f.startLine && f.endLine < model.lines.lineCount);
    documentSymbols(model);
    documentLinks(model, { isContextFile: () => true });
    valueHints(model);
    const position = { line, character };
    const renamed = renameEdits(model, position, 'renamed_1');
    if (renamed.ok) for (const e of renamed.edits) assert.ok(e.range.end.line < model.lines.lineCount);
  }), { numRuns: 1500 });
});
