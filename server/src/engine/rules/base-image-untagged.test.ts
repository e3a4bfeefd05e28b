import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

describe('base-image-untagged', () => {
  it('fires on images without tag or digest', () => {
    assert.equal(check('base-image-untagged', 'FROM ubuntu\n').length, 1);
    assert.equal(check('base-image-untagged', 'FROM localhost:5000/app\n').length, 1, 'a registry port is not a tag');
  });
  it('ignores tags, digests, scratch, stages and unresolvable variables', () => {
    assert.equal(check('base-image-untagged', 'FROM ubuntu:24.04 AS base\nFROM base\nFROM scratch\nFROM alpine@sha256:abc\nFROM ${IMAGE}\n').length, 0);
  });
  it('the fix appends a tag', () => {
    assert.equal(fixOnce('base-image-untagged', 'FROM python AS app\n'), 'FROM python:3.13-slim AS app\n');
  });
});
