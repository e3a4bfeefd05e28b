import { analyze } from '../analyze';
import { parseConfig } from '../config';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'copy-from-unknown-stage';
const sev = (text: string) => check(ID, text).map(f => `${f.range.start.line + 1}:${f.severity}`);

describe(ID, () => {
  it('reports names that are no earlier stage', () => {
    assert.deepEqual(lines(check(ID, 'COPY --from=foo bar .\n')), [1]);
    assert.deepEqual(sev('FROM scratch\nCOPY --from=build foo .\nFROM node as build\nRUN baz\n'), ['2:warning'], 'defined later');
    assert.deepEqual(sev('FROM golang AS build\nFROM scratch\nCOPY --from=biuld /out /out\n'), ['3:warning'], 'a near miss');
    assert.deepEqual(sev('FROM golang AS build\nFROM scratch\nCOPY --from=composer /usr/bin/composer /usr/bin/\n'), ['3:info'], 'probably an untagged image');
    assert.match(check(ID, 'FROM golang AS build\nFROM scratch\nCOPY --from=biuld /out /out\n')[0].message, /stage `build`/);
  });
  it('reports stage indexes that do not exist yet', () => {
    assert.deepEqual(lines(check(ID, 'COPY --from=0 bar .\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM a\nCOPY --from=1 /x /x\nFROM b\n')), [2]);
  });
  it('accepts earlier stages by name (any case) or index, and images', () => {
    assert.deepEqual(check(ID, 'FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=build foo .\nRUN baz\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch AS Build\nFROM node\nCOPY --from=BUILD foo .\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=0 foo .\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch\nRUN foo\nFROM node\nCOPY --from=0 foo .\n'), []);
    assert.deepEqual(check(ID, 'COPY --from=haskell:latest bar .\n'), []);
    assert.deepEqual(check(ID, 'FROM x\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\nCOPY --from=alpine@sha256:abc /a /a\n'), []);
  });
  it('resolves --from variables and skips unknown ones', () => {
    assert.deepEqual(check(ID, 'FROM scratch AS build\nFROM node\nARG SRC=build\nCOPY --from=$SRC /a /a\n'), []);
    assert.deepEqual(lines(check(ID, 'FROM scratch AS build\nFROM node\nARG SRC=biuld\nCOPY --from=${SRC} /a /a\n')), [4]);
    assert.deepEqual(check(ID, 'FROM node\nARG SRC\nCOPY --from=$SRC /a /a\n'), []);
  });
  it('leaves the stage itself to copy-from-own-stage', () => {
    assert.deepEqual(check(ID, 'FROM node as foo\nCOPY --from=foo bar .\n'), []);
  });
  it('gives way to the builder error for a stage defined later, and reports alone when that rule is off', () => {
    const text = 'FROM alpine:3.20 AS a\nCOPY --from=b /x /y\nFROM alpine:3.20 AS b\n';
    const ids = (config?: string) => analyze(text, config ? { config: parseConfig(config, 'test') } : {}).findings
      .filter(f => f.range.start.line === 1).map(f => f.ruleId);
    assert.deepEqual(ids(), ['invalid-copy-from']);
    assert.deepEqual(ids('rules:\n  invalid-copy-from: off\n'), [ID]);
  });
});
