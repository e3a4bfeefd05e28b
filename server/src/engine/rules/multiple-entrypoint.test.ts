import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'multiple-entrypoint';

describe(ID, () => {
  it('reports the overridden ENTRYPOINT of a stage, as BuildKit does', () => {
    assert.deepEqual(lines(check(ID, 'FROM debian\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\n')), [2]);
    assert.deepEqual(lines(check(ID, '\nFROM scratch\nENTRYPOINT ["/myapp"]\nENTRYPOINT ["/myotherapp"]\nCMD ["/myapp"]\nCMD ["/myotherapp"]\n')), [3]);
  });
  it('checks stages separately', () => {
    assert.deepEqual(check(ID, 'FROM debian as distro1\nENTRYPOINT bash\nRUN foo\nFROM debian as distro2\nENTRYPOINT another\n'), []);
    assert.deepEqual(check(ID, 'FROM busybox\n'), []);
    assert.deepEqual(check(ID, 'ENTRYPOINT /bin/true\n'), []);
  });
  it('honours the shared BuildKit name in # check=skip', () => {
    assert.deepEqual(check(ID, '# check=skip=MultipleInstructionsDisallowed\nFROM x\nENTRYPOINT a\nENTRYPOINT b\n'), []);
  });
  it('deletes the overridden ENTRYPOINT', () => {
    assert.equal(fixOnce(ID, 'FROM x\nENTRYPOINT ["a"]\nCMD ["c"]\nENTRYPOINT ["b"]\n'), 'FROM x\nCMD ["c"]\nENTRYPOINT ["b"]\n');
  });
});
