import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-flag';

describe(ID, () => {
  it('reports unknown, valueless, duplicated and non-boolean flags at the flag', () => {
    const [f] = check(ID, 'FROM alpine\nCOPY --chmode=755 a /b\n');
    assert.deepEqual(f.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 17 } });
    assert.match(f.message, /Unknown flag --chmode for COPY \(did you mean --chmod\?\)/);
    assert.deepEqual(lines(check(ID, 'FROM alpine\nCOPY --from /a /b\nCOPY --chown=1 --chown=2 a /b\nCOPY --link=yes a /b\nCOPY --link= a /b\n')), [2, 3, 4, 5]);
  });
  it('knows flags are not accepted on CMD, ENV, ..., but ignored on ARG and HEALTHCHECK NONE', () => {
    assert.deepEqual(lines(check(ID, 'FROM alpine\nCMD --init ["sh"]\nENV --x A=1\nARG --x A\nHEALTHCHECK --interval=1s NONE\n')), [2, 3]);
  });
  it('accepts every current BuildKit flag and repeated --exclude/--mount', () => {
    const text = 'FROM alpine AS a\nFROM --platform=linux/amd64 alpine\nADD --chown=1 --chmod=644 --link --keep-git-dir --unpack=true --checksum=sha256:00 --exclude=a --exclude=b https://x/y.tgz /z/\nCOPY --from=a --parents --link=false --exclude=x -- a /b\nRUN --mount=type=cache,target=/a --mount=type=tmpfs,target=/b --network=host --security=insecure --device=x true\nHEALTHCHECK --interval=1s --timeout=1s --start-period=1s --start-interval=1s --retries=1 CMD true\n';
    assert.deepEqual(lines(check(ID, text)), []);
  });
});
