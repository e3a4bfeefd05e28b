import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'undefined-variable';

describe(ID, () => {
  it('reports each undefined name where it is used (BuildKit\'s test cases)', () => {
    assert.deepEqual(lines(check(ID, '\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n')), [3, 6]);
    assert.deepEqual(lines(check(ID, '\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n')), [3]);
    assert.match(check(ID, 'FROM alpine\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .\n')[0].message, /'\$DIR_ASSET' \(did you mean \$DIR_ASSETS\?\)/);
    assert.match(check(ID, 'FROM alpine\nENV PATH=$PAHT:/tmp/bin\n')[0].message, /did you mean \$PATH/);
  });
  it('is quiet on declared ARGs, inherited values, RUN and the predefined names once declared', () => {
    for (const text of [
      'FROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n',
      'FROM alpine AS base\nARG foo=Dockerfile\nFROM base\nCOPY $foo .\n',
      'FROM alpine\nRUN echo $PATH $HOME\n',
      'FROM alpine\nARG TARGETARCH\nCOPY bin/$TARGETARCH /app\n',
      'FROM eclipse-temurin:21\nENV PATH=$JAVA_HOME/bin:$PATH\n',
    ]) assert.deepEqual(lines(check(ID, text)), [], text);
  });
  it('is info when the base image is unknown and might set the name', () => {
    const [f] = check(ID, 'FROM example.com/base:1\nWORKDIR $APP_HOME\n');
    assert.equal(f.severity, 'info');
    assert.match(f.message, /unless the base image `example.com\/base:1` sets it/);
    assert.equal(check(ID, 'FROM alpine\nWORKDIR $APP_HOME\n')[0].severity, 'warning');
  });
  it('checks unquoted COPY heredoc bodies and RUN --mount values, points at the variable', () => {
    const [f] = check(ID, 'FROM alpine\nCOPY <<EOF /etc/app.conf\nport=$PORT\nEOF\n');
    assert.deepEqual(f.range.start, { line: 2, character: 5 });
    assert.match(f.message, /heredoc/);
    assert.deepEqual(lines(check(ID, 'FROM alpine\nRUN --mount=type=cache,target=$CACHE_DIR true\n')), [2]);
  });
  it('leaves ENV A=1 B=$A to env-self-reference', () => {
    assert.deepEqual(lines(check(ID, 'FROM alpine\nENV A=1 B=$A\n')), []);
  });
  it('offers the suggestion as a fix', () => {
    assert.equal(fixOnce(ID, 'FROM alpine\nENV PATH=$PAHT:/x\n'), 'FROM alpine\nENV PATH=$PATH:/x\n');
  });
});

describe(`${ID} severities`, () => {
  it('is info for references that handle the unset case (${NAME:-x}, ${NAME:+x})', () => {
    const [f] = check(ID, 'FROM alpine\nENV LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH}:}/opt/lib\n');
    assert.equal(f.severity, 'info');
  });
  it('knows the Jupyter images set NB_UID and HOME', () => {
    assert.deepEqual(lines(check(ID, 'FROM quay.io/jupyter/minimal-notebook:2024-01-01\nUSER ${NB_UID}\nWORKDIR "${HOME}"\n')), []);
  });
});
