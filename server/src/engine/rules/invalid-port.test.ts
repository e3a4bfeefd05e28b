import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-port';

describe(ID, () => {
  it('reports ports Docker cannot parse, after substitution', () => {
    assert.deepEqual(lines(check(ID, 'FROM a\nEXPOSE 80/tpc\nEXPOSE http\nEXPOSE 80-\nEXPOSE 1.2.3.400:80:80\nARG P=99999\nEXPOSE $P\n')), [2, 3, 4, 5, 7]);
  });
  it('leaves literal out-of-range ports to expose-invalid-port and accepts ranges and protocols', () => {
    assert.deepEqual(lines(check(ID, 'FROM a\nEXPOSE 80000\nEXPOSE 80 443/tcp 53/UDP 8000-8010/sctp 8080:80\nARG P\nEXPOSE $P\n')), []);
  });
});
