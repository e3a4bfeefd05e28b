import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'onbuild-invalid-trigger';

describe(ID, () => {
  it('reports ONBUILD ONBUILD, FROM and MAINTAINER, on the trigger', () => {
    for (const t of ['ONBUILD RUN anything', 'FROM debian:buster', 'MAINTAINER "BoJack Horseman"', 'from debian']) {
      const found = check(ID, `ONBUILD ${t}\n`);
      assert.deepEqual(lines(found), [1], t);
      assert.equal(found[0].range.start.character, 8, t);
      assert.equal(found[0].severity, 'error');
    }
  });
  it('accepts every other trigger and plain FROM/MAINTAINER', () => {
    for (const t of ['ADD anything anywhere', 'USER anything', 'LABEL bla="blubb"', 'STOPSIGNAL anything', 'COPY anything anywhere', 'RUN anything', 'CMD anything', 'SHELL anything', 'WORKDIR anything', 'EXPOSE 69', 'VOLUME anything', 'ENTRYPOINT anything', 'ENV MYVAR="bla"', 'ARG anything', 'HEALTHCHECK NONE']) {
      assert.deepEqual(check(ID, `ONBUILD ${t}\n`), [], t);
    }
    assert.deepEqual(check(ID, 'FROM debian:buster\nMAINTAINER "Some Guy"\n'), []);
  });
});
