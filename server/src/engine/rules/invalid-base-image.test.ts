import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-base-image';

describe(ID, () => {
  it('reports invalid literal references at the image', () => {
    assert.deepEqual(lines(check(ID, 'FROM Ubuntu:22.04\nFROM node:20!\nFROM alpine@sha256:xyz\n')), [1, 2, 3]);
    assert.match(check(ID, 'FROM Ubuntu\n')[0].message, /must be lowercase/);
  });
  it('reports images that are always empty because their ARG is never declared', () => {
    assert.match(check(ID, 'FROM $BASE_IMAGE\n')[0].message, /always empty.*BASE_IMAGE/);
  });
  it('leaves declared ARGs, stage names and scratch alone', () => {
    assert.deepEqual(lines(check(ID, 'ARG BASE\nFROM $BASE\nFROM scratch AS s\nFROM s\nFROM ghcr.io/Org/app\n')), [5]);
    assert.deepEqual(lines(check(ID, 'FROM localhost:5000/app:1\nFROM Registry.Example.com/app\n')), []);
  });
});
