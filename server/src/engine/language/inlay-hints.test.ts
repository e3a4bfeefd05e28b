import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileModel } from '../model';
import { valueHints } from './inlay-hints';

test('uses show the value in effect there, secrets masked, unknown values skipped', () => {
  const text = 'ARG PY=3.12\nFROM python:${PY}\nARG API_TOKEN=abc123\nARG FREE\nENV APP=/srv/app\nRUN echo $APP $API_TOKEN $FREE $PY\nWORKDIR $APP\n';
  const model = new DockerfileModel(text);
  const hints = valueHints(model);
  assert.deepEqual(hints.map(h => `${h.position.line}:${h.position.character} ${h.label}`), [
    '1:17 = 3.12', '5:13 = /srv/app', '5:24 = ••••••', '6:12 = /srv/app',
  ]);
  assert.ok(!hints.some(h => h.label.includes('abc123')));
  assert.deepEqual(valueHints(model, { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }).map(h => h.label), ['= /srv/app']);
});
