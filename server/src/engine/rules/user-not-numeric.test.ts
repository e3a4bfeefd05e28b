import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'user-not-numeric';

describe(ID, () => {
  it('reports the final user when it is a name', () => {
    assert.deepEqual(lines(check(ID, 'USER foobar\n')), [1]);
    assert.deepEqual(lines(check(ID, 'USER foobar:barfoo\n')), [1]);
    assert.deepEqual(lines(check(ID, 'FROM x AS base\nUSER app\nFROM base\nRUN true\n')), [2], 'inherited by the final stage');
    assert.equal(check(ID, 'FROM x\nUSER app\n')[0].severity, 'hint');
  });
  it('accepts numeric users, root, unknown variables and non-final users', () => {
    for (const u of ['12345', '1234:5678', 'root', '0:0']) assert.deepEqual(check(ID, `FROM x\nUSER ${u}\n`), [], u);
    assert.deepEqual(check(ID, 'ARG APP_UID\nFROM foobar:barfoo\nUSER ${APP_UID}\n'), []);
    assert.deepEqual(check(ID, 'FROM x\nUSER app\nRUN make\nUSER 10001\n'), []);
    assert.deepEqual(check(ID, 'FROM x AS build\nUSER builder\nFROM y\nUSER 10001\n'), []);
  });
  it('resolves variables', () => {
    assert.deepEqual(lines(check(ID, 'FROM x\nARG U=app\nUSER $U\n')), [3]);
    assert.deepEqual(check(ID, 'FROM x\nARG U=10001\nUSER $U\n'), []);
  });
  it('offers the UID the Dockerfile gives the user', () => {
    assert.equal(fixOnce(ID, 'FROM x\nRUN useradd --create-home -u 10001 app\nUSER app\n'), 'FROM x\nRUN useradd --create-home -u 10001 app\nUSER 10001\n');
    assert.equal(fixOnce(ID, 'FROM x\nRUN adduser --system --uid 1001 nextjs\nUSER nextjs:nodejs\n'), 'FROM x\nRUN adduser --system --uid 1001 nextjs\nUSER 1001:nodejs\n');
    assert.equal(fixOnce(ID, 'FROM x\nRUN adduser -D -u 999 nonroot\nUSER nonroot\n'), 'FROM x\nRUN adduser -D -u 999 nonroot\nUSER 999\n');
    assert.deepEqual(check(ID, 'FROM x\nRUN useradd app\nUSER app\n')[0].fixes!(), [], 'UID unknown');
    assert.equal(fixOnce(ID, 'FROM debian\nUSER nobody\n'), 'FROM debian\nUSER 65534\n');
    assert.equal(fixOnce(ID, 'FROM gcr.io/distroless/static-debian12\nUSER nonroot:nonroot\n'), 'FROM gcr.io/distroless/static-debian12\nUSER 65532:nonroot\n');
    assert.equal(fixOnce(ID, 'FROM node:22-slim\nUSER node\n'), 'FROM node:22-slim\nUSER 1000\n');
    assert.equal(check(ID, 'FROM x\nRUN useradd -u 10001 app\nUSER app\n')[0].fixes!()[0].safe, false);
  });
});
