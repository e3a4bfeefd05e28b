import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'undefined-arg-in-from';

describe(ID, () => {
  it('accepts declared global ARGs (with or without default) and the platform ARGs', () => {
    for (const text of ['ARG base=scratch\nFROM $base\n', 'FROM --platform=$BUILDPLATFORM scratch\n', 'ARG DEBUG\nFROM scratch${DEBUG}\n', 'ARG DEBUG\nFROM scra${DEBUG:-tch}\n']) {
      assert.deepEqual(lines(check(ID, text)), [], text);
    }
  });
  it('reports undeclared names in the image and --platform, with BuildKit\'s suggestion', () => {
    assert.match(check(ID, 'FROM --platform=$BULIDPLATFORM scratch\n')[0].message, /FROM argument 'BULIDPLATFORM' is not declared \(did you mean BUILDPLATFORM\?\)/);
    assert.match(check(ID, 'ARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n')[0].message, /did you mean MY_ARCH/);
    assert.deepEqual(lines(check(ID, 'ARG tag=latest\nFROM busybox:${tag}${version} AS b\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM alpine\nARG V=1\nFROM alpine:$V\n')), [3], 'an ARG inside a stage is not global');
  });
  it('replaces a misspelt name', () => {
    assert.equal(fixOnce(ID, 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTON_VERSION}\n'), 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}\n');
  });
});
