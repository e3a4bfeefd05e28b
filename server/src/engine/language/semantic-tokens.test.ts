import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileModel } from '../model';
import { semanticTokens } from './semantic-tokens';

const TEXT = '# syntax=docker/dockerfile:1\n# build\nFROM --platform=$BUILDPLATFORM golang AS build\nARG TARGETARCH\nRUN echo $TARGETARCH $HOME\nFROM build\nCOPY --from=build /a /b\n';

function show(text: string, tokens = semanticTokens(new DockerfileModel(text))): string[] {
  const lines = text.split('\n');
  return tokens.map(t => `${t.line}:${lines[t.line].slice(t.character, t.character + t.length)} ${t.type}${t.modifiers.map(m => `.${m}`).join('')}`);
}

test('keywords, flags, images, stages, variables, comments and directives', () => {
  assert.deepEqual(show(TEXT), [
    '0:# syntax=docker/dockerfile:1 macro',
    '1:# build comment',
    '2:FROM keyword', '2:--platform parameter', '2:BUILDPLATFORM variable.defaultLibrary', '2:golang type', '2:AS keyword', '2:build namespace.declaration',
    '3:ARG keyword', '3:TARGETARCH variable.declaration',
    '4:RUN keyword', '4:TARGETARCH variable', '4:HOME variable',
    '5:FROM keyword', '5:build namespace',
    '6:COPY keyword', '6:--from parameter', '6:build namespace',
  ]);
});

test('a range request returns only the tokens on its lines', () => {
  const model = new DockerfileModel(TEXT);
  assert.deepEqual(show(TEXT, semanticTokens(model, { start: { line: 5, character: 0 }, end: { line: 5, character: 10 } })), ['5:FROM keyword', '5:build namespace']);
});
