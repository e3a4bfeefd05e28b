import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileModel } from '../model';
import { foldingRanges } from './folding';

test('stages, continued instructions, heredocs after the first and comment blocks fold', () => {
  const text = [
    '# one',             // 0
    '# two',             // 1
    'FROM alpine',       // 2
    'RUN apk add \\',    // 3
    '    curl',          // 4
    'COPY <<A <<B /x/',  // 5
    'a',                 // 6
    'A',                 // 7
    'b1',                // 8
    'b2',                // 9
    'B',                 // 10
    '',                  // 11
    '# single',          // 12
    'FROM scratch',      // 13
    'COPY x y',          // 14
    '',
  ].join('\n');
  assert.deepEqual(foldingRanges(new DockerfileModel(text)).map(f => `${f.kind} ${f.startLine}-${f.endLine}`), [
    'comment 0-1', 'region 2-10', 'region 3-4', 'region 5-10', 'region 7-10', 'region 13-14',
  ]);
});
