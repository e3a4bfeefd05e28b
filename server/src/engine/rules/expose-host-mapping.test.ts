import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce } from '../testing';

const ID = 'expose-host-mapping';

describe(ID, () => {
  it('reports IP addresses and host ports, IPv6 included', () => {
    const found = check(ID, 'FROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n');
    assert.deepEqual(found.map(f => /found '([^']+)'/.exec(f.message)![1]), ['127.0.0.1:80:80', '[::1]:8080:8080', '5000:5000']);
  });
  it('keeps the container port and protocol', () => {
    assert.equal(fixOnce(ID, 'FROM scratch\nEXPOSE 8080:80/udp\n'), 'FROM scratch\nEXPOSE 80/udp\n');
  });
});
