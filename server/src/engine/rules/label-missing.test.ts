import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../analyze';
import { parseConfig } from '../config';
import { lines } from '../testing';
import { ruleById } from '.';

const ID = 'label-missing';
const SCHEMA = 'labelSchema:\n  foo: text\n';
const run = (text: string, yaml = SCHEMA) => analyze(text, { rules: [ruleById(ID)!], config: parseConfig(yaml, 'test.yaml') }).findings;

describe(ID, () => {
  it('is silent without a label schema', () => {
    assert.deepEqual(analyze('FROM alpine\n', { rules: [ruleById(ID)!] }).findings, []);
  });
  it('reports each image stage that lacks a schema label, at its FROM image', () => {
    const found = run('FROM alpine:3.20\nLABEL bar=1\nFROM debian:12\nLABEL foo=1\n');
    assert.deepEqual(lines(found), [1]);
    assert.deepEqual(found[0].range, { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } });
    assert.match(found[0].message, /`foo`/);
  });
  it('lists every missing label of a stage in one finding', () => {
    const found = run('FROM alpine\nLABEL a=1\n', 'labelSchema: {a: text, b: url, c: email}\n');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /`b`, `c` labels/);
  });
  it('labels are inherited from the stage an image is built on', () => {
    assert.deepEqual(run('FROM alpine AS base\nLABEL foo=1\nFROM base AS mid\nFROM mid\n'), []);
  });
  it('a stage used by COPY --from (name or index) or RUN --mount=from= is intermediate', () => {
    assert.deepEqual(run('FROM golang AS build\nFROM alpine\nLABEL foo=1\nCOPY --from=build /a /a\n'), []);
    assert.deepEqual(run('FROM golang\nFROM alpine\nLABEL foo=1\nCOPY --from=0 /a /a\n'), []);
    assert.deepEqual(run('FROM golang AS tools\nFROM alpine\nLABEL foo=1\nRUN --mount=type=bind,from=tools,target=/t /t/x\n'), []);
  });
  it('a base whose descendant sets the label is exempt, along the whole chain', () => {
    assert.deepEqual(run('FROM alpine AS base\nFROM base AS mid\nFROM mid\nLABEL foo=1\n'), []);
    assert.deepEqual(run('FROM alpine AS base\nFROM base AS final\nLABEL foo=1\n'), [], 'named children exempt their base too');
    // Neither has it: both are reported, as hadolint does.
    assert.deepEqual(lines(run('FROM alpine AS base\nFROM base\n')), [1, 2]);
  });
  it('a second result built on an unlabelled base is still reported', () => {
    assert.deepEqual(lines(run('FROM alpine AS base\nFROM base\nLABEL foo=1\n\nFROM base\n')), [5]);
  });
});
