import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'stage-name-casing';

describe(ID, () => {
  it('fires on upper-case letters in a stage name, at the name', () => {
    const [f] = check(ID, 'FROM scratch AS BadStageName\n');
    assert.deepEqual(f.range, { start: { line: 0, character: 16 }, end: { line: 0, character: 28 } });
    assert.match(f.message, /Stage name 'BadStageName' should be lowercase/);
    assert.deepEqual(lines(check(ID, 'FROM scratch AS base2\nFROM scratch as ok\n')), []);
  });
  it('renames the stage and its references in COPY --from, RUN --mount=from and FROM', () => {
    const text = 'FROM alpine AS Build\nRUN true\nFROM Build\nFROM alpine\nCOPY --from=Build /a /b\nRUN --mount=type=bind,from=build,target=/x true\n';
    assert.equal(fixOnce(ID, text), 'FROM alpine AS build\nRUN true\nFROM build\nFROM alpine\nCOPY --from=build /a /b\nRUN --mount=type=bind,from=build,target=/x true\n');
  });
});
