import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'wget-and-curl';

describe(ID, () => {
  it('reports each RUN that uses one of the two once the stage has used both', () => {
    assert.deepEqual(lines(check(ID, 'FROM n\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com\n')), [3, 5]);
    assert.deepEqual(lines(check(ID, 'FROM n\nRUN wget my.xyz && curl localhost\n')), [2]);
    assert.match(check(ID, 'FROM n\nRUN wget x\nRUN curl y\n')[0].message, /line 2/);
  });
  it('counts stages separately, and ONBUILD separately from RUN', () => {
    assert.equal(check(ID, 'FROM n\nRUN wget x\nFROM scratch\nRUN curl y\n').length, 0);
    assert.equal(check(ID, 'FROM n\nRUN wget x\nONBUILD RUN curl y\n').length, 0);
  });
  it('sees downloads inside $(…), not package names', () => {
    assert.equal(check(ID, 'FROM n\nRUN wget x\nRUN V="$(curl -s https://x/version)"\n').length, 1);
    assert.equal(check(ID, 'FROM n\nRUN apt-get install -y curl wget\n').length, 0);
  });
});
