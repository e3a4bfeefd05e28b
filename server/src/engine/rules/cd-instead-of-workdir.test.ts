import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'cd-instead-of-workdir';
const sev = (text: string) => check(ID, text).map(f => `${f.range.start.line + 1}:${f.severity}`);

describe(ID, () => {
  it('warns about a cd that ends its RUN, since it has no effect', () => {
    assert.deepEqual(sev('RUN cd /opt\n'), ['1:warning']);
    assert.deepEqual(sev('FROM debian\nRUN mkdir -p /app && cd /app\n'), ['2:warning']);
    assert.match(check(ID, 'FROM debian\nRUN cd /opt\n')[0].message, /WORKDIR \/opt/);
  });
  it('hints at WORKDIR when the cd is followed by other commands', () => {
    assert.deepEqual(sev('FROM debian\nRUN cd /tmp/src && make install\n'), ['2:hint']);
    assert.deepEqual(sev('FROM debian\nRUN (cd vendor && make) && make\n'), ['2:hint']);
    assert.match(check(ID, 'FROM debian\nRUN cd src && make\n')[0].message, /absolute path/);
  });
  it('is quiet without cd, and checks ONBUILD triggers', () => {
    assert.deepEqual(check(ID, 'FROM debian\nWORKDIR /opt\nRUN echo cd /opt\n'), []);
    assert.deepEqual(lines(check(ID, 'FROM debian\nONBUILD RUN cd /app\n')), [2]);
  });
});
