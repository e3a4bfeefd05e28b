import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'multiple-cmd';

describe(ID, () => {
  it('reports every CMD that a later CMD of the same stage replaces', () => {
    assert.deepEqual(lines(check(ID, 'FROM debian\nCMD bash\nRUN foo\nCMD another\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM debian\nCMD a\nCMD b\nCMD c\n')), [2, 3]);
    assert.deepEqual(lines(check(ID, 'FROM debian as distro1\nCMD bash\nRUN foo\nCMD another\nFROM debian as distro2\nCMD another\n')), [2]);
  });
  it('checks each stage on its own', () => {
    assert.deepEqual(check(ID, 'FROM debian as distro1\nCMD bash\nRUN foo\nFROM debian as distro2\nCMD another\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch AS a\nCMD ["/myapp"]\nFROM a AS b\nCMD ["/myotherapp"]\n'), []);
    assert.deepEqual(check(ID, 'CMD /bin/true\n'), []);
  });
  it('deletes the overridden CMD, safely', () => {
    assert.equal(fixOnce(ID, 'FROM x\nCMD ["a"]\nRUN b\nCMD ["c"]\n'), 'FROM x\nRUN b\nCMD ["c"]\n');
    assert.equal(fixOnce(ID, 'FROM x\nCMD ["a", \\\n  "b"]\nCMD ["c"]\n'), 'FROM x\nCMD ["c"]\n');
    assert.equal(check(ID, 'FROM x\nCMD a\nCMD b\n')[0].fixes!()[0].safe, true);
  });
  it('offers no fix when an ignore pragma sits above the overridden CMD', () => {
    assert.deepEqual(check(ID, 'FROM x\n# hadolint ignore=DL3025\nCMD a\nCMD b\n')[0].fixes!(), []);
  });
});
