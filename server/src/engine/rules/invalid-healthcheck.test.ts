import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-healthcheck';

describe(ID, () => {
  it('reports a missing CMD, NONE with arguments and CMD without a command', () => {
    assert.deepEqual(lines(check(ID, 'FROM a\nHEALTHCHECK curl -f http://x/\nHEALTHCHECK NONE CMD x\nHEALTHCHECK CMD\nHEALTHCHECK\n')), [2, 3, 4, 5]);
  });
  it('reads durations and retries like BuildKit (0 is the default, 1ms the minimum)', () => {
    assert.deepEqual(lines(check(ID, 'FROM a\nHEALTHCHECK --interval=30 CMD x\nHEALTHCHECK --timeout=10us CMD x\nHEALTHCHECK --retries=-1 CMD x\nHEALTHCHECK --retries=1.5 CMD x\nHEALTHCHECK --start-interval=5x CMD x\n')), [2, 3, 4, 5, 6]);
    assert.deepEqual(lines(check(ID, 'FROM a\nHEALTHCHECK --interval=1m30s --timeout=0 --start-period=0s --retries=0 CMD x\nHEALTHCHECK --interval=1.5s CMD ["x"]\n')), []);
  });
});
