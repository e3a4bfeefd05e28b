import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'empty-continuation-line';

describe(ID, () => {
  it('points at the line after each gap (BuildKit reports the end of the instruction)', () => {
    assert.deepEqual(lines(check(ID, '\nFROM scratch\nCOPY Dockerfile \\\n\n.\nCOPY Dockerfile \\\n.\n')), [5]);
    assert.deepEqual(lines(check(ID, 'FROM a\nRUN a \\\n\n  b \\\n  \n  c\n')), [4, 6]);
  });
  it('does not count comment lines, and ignores heredoc bodies', () => {
    assert.deepEqual(lines(check(ID, 'FROM a\nRUN a \\\n# note\n  b\nRUN <<EOF\n\nEOF\n')), []);
  });
  it('removes the empty lines', () => {
    assert.equal(fixOnce(ID, 'FROM a\nRUN a \\\n\n   \n  b\n'), 'FROM a\nRUN a \\\n  b\n');
  });
});
