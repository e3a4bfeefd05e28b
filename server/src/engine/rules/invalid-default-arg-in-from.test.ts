import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-default-arg-in-from';

describe(ID, () => {
  it('checks the image with the ARG defaults (BuildKit\'s test cases)', () => {
    assert.deepEqual(lines(check(ID, '\nARG VERSION\nFROM busybox:$VERSION\n')), [3]);
    assert.deepEqual(lines(check(ID, '\nARG IMAGE\nFROM $IMAGE\n')), [3]);
    assert.deepEqual(lines(check(ID, '\nARG SFX="box:"\nFROM busy${SFX}\n')), [3]);
    assert.deepEqual(lines(check(ID, '\nARG VERSION="latest"\nFROM busybox:${VERSION}\n')), []);
    assert.deepEqual(lines(check(ID, '\nARG BUSYBOX_VARIANT=""\nFROM busybox:stable${BUSYBOX_VARIANT}\n')), []);
    assert.deepEqual(lines(check(ID, '\nARG BUSYBOX_VARIANT\nFROM busybox:stable${BUSYBOX_VARIANT}\n')), []);
  });
  it('checks defaults even when a build argument is given (that is the point)', () => {
    assert.equal(check(ID, 'ARG VERSION\nFROM busybox:$VERSION\n').length, 1);
  });
  it('leaves literal images to invalid-base-image', () => {
    assert.deepEqual(lines(check(ID, 'FROM Ubuntu\n')), []);
  });
});
