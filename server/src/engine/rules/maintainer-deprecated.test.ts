import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'maintainer-deprecated';

describe(ID, () => {
  it('reports MAINTAINER wherever it is', () => {
    assert.deepEqual(lines(check(ID, 'FROM busybox\nMAINTAINER hudu@mail.com\n')), [2]);
    assert.deepEqual(lines(check(ID, 'MAINTAINER Lukas\nFROM DEBIAN\n')), [1]);
    assert.deepEqual(check(ID, 'FROM debian\n'), []);
    assert.deepEqual(check(ID, '# check=skip=MaintainerDeprecated\nFROM debian\nMAINTAINER me\n'), []);
  });
  it('rewrites it as the OCI authors label, escaping what LABEL would expand', () => {
    assert.equal(fixOnce(ID, 'FROM a\nMAINTAINER Jane Doe <jane@example.com>\n'), 'FROM a\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n');
    assert.equal(fixOnce(ID, 'FROM a\nMAINTAINER "Jane" $HOME\n'), 'FROM a\nLABEL org.opencontainers.image.authors="\\"Jane\\" \\$HOME"\n');
    assert.equal(fixOnce(ID, 'from a\nmaintainer jane\n'), 'from a\nlabel org.opencontainers.image.authors="jane"\n');
    assert.equal(check(ID, 'FROM a\nMAINTAINER x\n')[0].fixes!()[0].safe, false);
  });
});
