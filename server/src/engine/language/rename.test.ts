import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileModel } from '../model';
import { applyEdits } from '../text';
import { renameEdits, renameTargetAt } from './rename';
import { positionOf } from './testing';

const DOCKERFILE = 'ARG TAG=3.19\nFROM alpine:${TAG} AS base\nARG TAG\nRUN echo $TAG\nFROM base AS app\nCOPY --from=0 /a /a\nCOPY --from=base /b /b\nRUN echo $HOME\n';
const model = new DockerfileModel(DOCKERFILE);

function renamed(needle: string, newName: string, nth = 0, offset = 0): string {
  const result = renameEdits(model, positionOf(DOCKERFILE, needle, nth, offset), newName);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyEdits(DOCKERFILE, result.edits);
}

test('renaming a stage changes its definition and named references, never index references', () => {
  assert.equal(renamed('base', 'builder', 1),
    'ARG TAG=3.19\nFROM alpine:${TAG} AS builder\nARG TAG\nRUN echo $TAG\nFROM builder AS app\nCOPY --from=0 /a /a\nCOPY --from=builder /b /b\nRUN echo $HOME\n');
});

test('renaming a global ARG follows its re-declaration into the stage', () => {
  assert.equal(renamed('$TAG', 'ALPINE_TAG', 0, 1).split('\n').slice(0, 4).join('\n'),
    'ARG ALPINE_TAG=3.19\nFROM alpine:${ALPINE_TAG} AS base\nARG ALPINE_TAG\nRUN echo $ALPINE_TAG');
});

test('invalid names and positions are refused with a reason', () => {
  const stage = renameEdits(model, positionOf(DOCKERFILE, 'app'), '1st');
  assert.equal(stage.ok, false);
  const clash = renameEdits(model, positionOf(DOCKERFILE, 'app'), 'BASE');
  assert.ok(!clash.ok && /already exists/.test(clash.reason));
  const variable = renameEdits(model, positionOf(DOCKERFILE, 'TAG'), 'A-B');
  assert.equal(variable.ok, false);
  assert.equal(renameTargetAt(model, positionOf(DOCKERFILE, 'alpine')).ok, false);
  const undeclared = renameTargetAt(model, positionOf(DOCKERFILE, 'HOME'));
  assert.ok(!undeclared.ok && /not declared/.test(undeclared.reason));
  assert.equal(renameTargetAt(model, positionOf(DOCKERFILE, '--from=0', 0, 7)).ok, false);
  const merge = renameEdits(new DockerfileModel('FROM alpine\nARG A=1\nENV B=2\nRUN echo $A $B\n'), { line: 1, character: 4 }, 'B');
  assert.ok(!merge.ok && /already declared/.test(merge.reason));
  // A global ARG used in a stage that never re-declared it: explained, not renamed.
  const outOfScope = new DockerfileModel('ARG V=1\nFROM alpine\nRUN echo $V\n');
  const refused = renameTargetAt(outOfScope, { line: 2, character: 11 });
  assert.ok(!refused.ok && /not in scope here/.test(refused.reason));
});
