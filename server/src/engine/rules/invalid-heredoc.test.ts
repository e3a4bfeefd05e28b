import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'invalid-heredoc';

describe(ID, () => {
  it('reports an unterminated heredoc at its instruction and a heredoc destination', () => {
    assert.deepEqual(lines(check(ID, 'FROM a\nRUN <<EOF\necho\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM a\nCOPY /a <<EOF\nx\nEOF\n')), [2]);
  });
  it('accepts <<- with tabs, quoted markers and several heredocs', () => {
    assert.deepEqual(lines(check(ID, 'FROM a\nRUN <<-EOF cat <<"END"\n\tx\n\tEOF\ny\nEND\nCOPY <<A <<B /dst/\n1\nA\n2\nB\n')), []);
  });
});
