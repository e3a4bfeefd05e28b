import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'expose-protocol-casing';

describe(ID, () => {
  it('reports each port with an upper-case protocol, after substitution', () => {
    assert.deepEqual(check(ID, 'FROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n').map(f => /'([^']+)'/.exec(f.message)![1]), ['80/TcP', '8080/TCP']);
    assert.equal(check(ID, 'FROM scratch\nARG P=53/UDP\nEXPOSE $P\n').length, 1);
    assert.equal(check(ID, 'FROM scratch\nEXPOSE 80/TPC\n').length, 0, 'an unknown protocol is a build error instead');
  });
  it('fixes literal ports', () => {
    assert.equal(fixOnce(ID, 'FROM scratch\nEXPOSE 80/TCP\n'), 'FROM scratch\nEXPOSE 80/tcp\n');
  });
});
