import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileModel } from '../model';
import { documentSymbols, type OutlineSymbol } from './symbols';

const outline = (symbols: OutlineSymbol[]): unknown[] =>
  symbols.map(s => (s.children.length ? { [`${s.kind} ${s.name}`]: outline(s.children) } : `${s.kind} ${s.name}`));

test('global ARGs come first, then each stage with its instructions and their variables', () => {
  const model = new DockerfileModel('ARG PY=3.12\nFROM python:${PY} AS build\nENV A=1 B=2\nRUN make \\\n  all\nFROM scratch\nCOPY --from=build /out /\n');
  const symbols = documentSymbols(model);
  assert.deepEqual(outline(symbols), [
    { 'instruction ARG': ['variable PY'] },
    { 'stage build': [{ 'instruction ENV': ['variable A', 'variable B'] }, 'instruction RUN'] },
    { 'stage stage 1': ['instruction COPY'] },
  ]);
  const build = symbols[1];
  assert.equal(build.detail, 'FROM python:${PY}');
  assert.deepEqual(build.range, { start: { line: 1, character: 0 }, end: { line: 4, character: 5 } });
  assert.deepEqual(build.selectionRange, { start: { line: 1, character: 21 }, end: { line: 1, character: 26 } });
  assert.equal(build.children[1].detail, 'make all');
});

test('an empty or comment-only document has no symbols', () => {
  assert.deepEqual(documentSymbols(new DockerfileModel('')), []);
  assert.deepEqual(documentSymbols(new DockerfileModel('# nothing yet\n')), []);
});
