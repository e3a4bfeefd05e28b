import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'useradd-high-uid';

describe(ID, () => {
  it('reports useradd with a UID of more than five digits and no --no-log-init', () => {
    for (const args of ['-u 123456 luser', '--uid 123456 luser', '--uid=1000000 luser', '-u1000000 luser', '-mu 123456 luser', '-r -u 100000 luser']) {
      assert.deepEqual(lines(check(ID, `FROM debian\nRUN useradd ${args}\n`)), [2], args);
    }
    assert.deepEqual(lines(check(ID, 'FROM debian\nRUN sudo /usr/sbin/useradd -u 123456 luser\n')), [2]);
    assert.deepEqual(lines(check(ID, 'FROM debian\nONBUILD RUN useradd -u 123456 luser\n')), [2]);
    assert.match(check(ID, 'FROM debian\nRUN useradd -u 1000000000 x\n')[0].message, /324 GB/);
  });
  it('accepts -l, --no-log-init, short UIDs and no UID', () => {
    for (const args of ['luser', '-u 12345 luser', '-l -u 123456 luser', '-lu 123456 luser', '--no-log-init --uid 123456 luser', '-l luser', '-u $UID luser']) {
      assert.deepEqual(check(ID, `FROM debian\nRUN useradd ${args}\n`), [], args);
    }
  });
  it('resolves the UID from ARG defaults', () => {
    assert.deepEqual(lines(check(ID, 'FROM debian\nARG UID=1000000\nRUN useradd -u "$UID" app\n')), [3]);
  });
  it('inserts --no-log-init after useradd (offered, not automatic)', () => {
    assert.equal(fixOnce(ID, 'FROM debian\nRUN apt-get update && useradd -u 123456 luser\n'), 'FROM debian\nRUN apt-get update && useradd --no-log-init -u 123456 luser\n');
    assert.equal(check(ID, 'FROM debian\nRUN useradd -u 123456 luser\n')[0].fixes!()[0].safe, false);
  });
});
