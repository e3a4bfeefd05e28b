import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'copy-relative-without-workdir';
const sev = (text: string) => check(ID, text).map(f => `${f.range.start.line + 1}:${f.severity}`);

describe(ID, () => {
  it('reports relative destinations before any WORKDIR, on the destination', () => {
    assert.deepEqual(lines(check(ID, 'COPY bla.sh blubb.sh\n')), [1]);
    assert.deepEqual(lines(check(ID, 'COPY bla.sh "blubb.sh"\n')), [1]);
    assert.deepEqual(lines(check(ID, 'COPY a b\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM debian:buster as stage1\nWORKDIR /usr\nFROM debian:buster\nCOPY foo bar\n')), [4]);
    assert.deepEqual(lines(check(ID, 'FROM python:3.12\nADD app.py app/\n')), [2], 'ADD too');
    assert.equal(check(ID, 'FROM x\nCOPY a b\n')[0].range.start.character, 7);
  });
  it('accepts absolute (also Windows) destinations and leading variables', () => {
    for (const dest of ['/usr/local/bin/blubb.sh', '"/usr/local/bin/blubb.s"', 'c:\\system32\\blubb.sh', '"d:\\mypath\\blubb.sh"', 'c:/system32/blubb.sh', '${SRC_BASE_ENV}', '$SRC_BASE_ENV', '"${SRC_BASE_ENV}"', '"$SRC_BASE_ENV"']) {
      assert.deepEqual(check(ID, `COPY src.sh ${dest}\n`), [], dest);
    }
  });
  it('resolves variables in the destination, quoted or not', () => {
    assert.deepEqual(check(ID, 'FROM debian\nARG APP=/qdrant\nCOPY a "$APP"/qdrant\n'), []);
    assert.deepEqual(lines(check(ID, 'FROM debian\nARG SUB=lib\nCOPY a $SUB/x\n')), [3]);
  });
  it('counts a WORKDIR earlier in the stage or in the stages it is built on', () => {
    assert.deepEqual(check(ID, 'FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch\nWORKDIR c:\\system32\nCOPY bla.sh blubb.sh\n'), []);
    assert.deepEqual(check(ID, 'FROM debian:buster as base\nWORKDIR /usr\nFROM debian:buster as stage-inbetween\nRUN foo\nFROM base\nCOPY foo bar\n'), []);
    assert.deepEqual(check(ID, 'FROM debian:buster as base1\nWORKDIR /usr\nFROM base1 as base2\nRUN foo\nFROM base2\nCOPY foo bar\n'), []);
    assert.deepEqual(lines(check(ID, 'FROM debian\nCOPY a b\nWORKDIR /app\n')), [2], 'a WORKDIR after does not help');
  });
  it('understands ONBUILD: an ONBUILD WORKDIR before, or any WORKDIR of this image', () => {
    assert.deepEqual(check(ID, 'FROM debian:buster\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar\n'), []);
    assert.deepEqual(check(ID, 'FROM debian:buster\nONBUILD COPY foo bar\nWORKDIR /app\n'), []);
    assert.deepEqual(lines(check(ID, 'FROM debian:buster\nONBUILD COPY foo bar\n')), [2]);
  });
  it('is info by default, a warning for the whole build context', () => {
    assert.deepEqual(sev('FROM python:3.12\nCOPY requirements.txt .\n'), ['2:info']);
    assert.deepEqual(sev('FROM python:3.12\nCOPY . .\n'), ['2:warning']);
    assert.deepEqual(sev('FROM scratch\nCOPY . .\n'), ['2:info'], 'scratch: always /, nothing to merge with');
  });
});
