import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'copy-whole-filesystem';

describe(ID, () => {
  it('reports copying / to / from another stage or image', () => {
    assert.deepEqual(lines(check(ID, 'COPY --from=build / /\n')), [1]);
    assert.deepEqual(lines(check(ID, 'COPY --from=build "/" "/"\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM golang:1.24 AS build\nRUN go build\nFROM debian\nCOPY --from=build / /\n')), [4]);
    assert.deepEqual(lines(check(ID, 'FROM debian\nCOPY --from=alpine:3.20 / /\n')), [2], 'a known OS image');
  });
  it('accepts other paths, the build context and images made to be copied whole', () => {
    assert.deepEqual(check(ID, 'COPY / /\n'), []);
    assert.deepEqual(check(ID, 'COPY --from=build /app /\n'), []);
    assert.deepEqual(check(ID, 'COPY --from=build / /app\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch AS export\nCOPY x /x\nFROM debian\nCOPY --from=export / /\n'), []);
    assert.deepEqual(check(ID, 'FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6 AS xx\nFROM golang:1.24\nCOPY --from=xx / /\n'), []);
    assert.deepEqual(check(ID, 'FROM debian\nCOPY --from=tonistiigi/xx:1.6 / /\n'), []);
  });
});
