import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

describe('base-image-latest', () => {
  it('fires on :latest, also with registries and --platform', () => {
    assert.deepEqual(lines(check('base-image-latest', 'FROM python:latest\nFROM --platform=linux/amd64 ghcr.io/org/app:latest AS x\n')), [1, 2]);
  });
  it('ignores pinned tags, digests, scratch and earlier stages', () => {
    assert.equal(check('base-image-latest', 'FROM python:3.12 AS latest\nFROM latest\nFROM scratch\nFROM python:latest@sha256:abc\n').length, 0);
  });
  it('points at the tag and the fix replaces only the tag', () => {
    const [f] = check('base-image-latest', 'FROM python:latest AS app\n');
    assert.deepEqual(f.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } });
    assert.equal(fixOnce('base-image-latest', 'FROM python:latest AS app\n'), 'FROM python:3.13-slim AS app\n');
  });
  it('offers no pin for images it does not know', () => {
    assert.deepEqual(check('base-image-latest', 'FROM example.com/team/tool:latest\n')[0].fixes!(), []);
  });
  it('resolves ARG defaults in FROM', () => {
    assert.equal(check('base-image-latest', 'ARG V=latest\nFROM node:${V}\n').length, 1);
    assert.equal(check('base-image-latest', 'ARG V=22\nFROM node:${V}\n').length, 0);
  });
});
