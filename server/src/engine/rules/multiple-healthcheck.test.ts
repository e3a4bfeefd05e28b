import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'multiple-healthcheck';

describe(ID, () => {
  it('reports the overridden HEALTHCHECK', () => {
    assert.deepEqual(lines(check(ID, 'FROM scratch\nHEALTHCHECK CMD /bin/bla1\nHEALTHCHECK CMD /bin/bla2\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM scratch\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s \\\n  CMD /bin/bla\n')), [2]);
  });
  it('is quiet with zero or one per stage', () => {
    assert.deepEqual(check(ID, 'FROM scratch\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch\nHEALTHCHECK CMD /bin/bla\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch\nHEALTHCHECK CMD /bin/bla1\nFROM scratch\nHEALTHCHECK CMD /bin/bla2\n'), []);
  });
  it('honours stage ignore pragmas for the other rules without suppressing this one', () => {
    assert.deepEqual(check(ID, '# hadolint stage ignore=DL3011,DL3002\nFROM ubuntu\nUSER root\nEXPOSE 80000\n'), []);
  });
  it('deletes the overridden HEALTHCHECK', () => {
    assert.equal(fixOnce(ID, 'FROM x\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\n'), 'FROM x\nHEALTHCHECK CMD b\n');
  });
});
