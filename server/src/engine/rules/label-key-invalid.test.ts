import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const ID = 'label-key-invalid';

describe(ID, () => {
  it('accepts lower-case reverse-DNS keys, digits at the end, `_` and `/`', () => {
    const ok = 'FROM a\nLABEL org.opencontainers.image.source=x validlabel=y org.valid-key.label3=z com.example/some_key=w\n';
    assert.deepEqual(check(ID, ok), []);
  });
  it('reports reserved Docker namespaces as info', () => {
    for (const key of ['com.docker.label', 'io.docker.label', 'org.dockerproject.label']) {
      const [f] = check(ID, `LABEL ${key}="foo"\n`);
      assert.match(f.message, /reserves/);
      assert.equal(f.severity, 'info');
    }
  });
  it('reports bad characters, starts, ends and doubled separators as hints', () => {
    const bad = ['invalid$character', '.invalid', '-invalid', '1invalid', 'invalid..character', 'invalid--character', 'trailing.', 'Maintainer', 'key with space'];
    for (const key of bad) {
      const found = check(ID, `LABEL "${key}"="foo"\n`);
      assert.equal(found.length, 1, key);
      assert.equal(found[0].severity, 'hint', key);
    }
    assert.match(check(ID, 'LABEL Maintainer=x\n')[0].message, /upper-case/);
    assert.match(check(ID, 'LABEL a..b=x\n')[0].message, /consecutive/);
    assert.match(check(ID, 'LABEL a+b=x\n')[0].message, /`\+`/);
  });
  it('points at the key, one finding per bad key, across continuation lines', () => {
    const found = check(ID, 'FROM a\nLABEL ok=1 \\\n  Bad=2 \\\n  also.ok=3 com.docker.x=4\n');
    assert.deepEqual(lines(found), [3, 4]);
    assert.deepEqual(found[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
  });
  it('reads legacy `LABEL key value` and quoted keys', () => {
    assert.equal(check(ID, 'LABEL Version 1.0\n').length, 1);
    assert.equal(check(ID, 'LABEL "org.example.ok"="v"\n').length, 0);
  });
  it('honours ignore pragmas through the DL3048 alias', () => {
    assert.equal(check(ID, '# hadolint ignore=DL3048\nLABEL Bad=1\n').length, 0);
  });
});
