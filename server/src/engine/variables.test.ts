import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandWord, type Lookup } from './expand';
import { DockerfileModel } from './model';
import { variablesOf, suggest, imageRepository } from './variables';

const env = (vars: Record<string, string | null>): Lookup => name => (name in vars ? vars[name] : undefined);

describe('expandWord (BuildKit lexer)', () => {
  it('expands $NAME and ${NAME} and records where each reference is', () => {
    const e = expandWord('a$X-${Y}b', env({ X: '1', Y: '2' }));
    assert.equal(e.value, 'a1-2b');
    assert.deepEqual(e.refs.map(r => [r.name, r.start, r.end, r.set]), [['X', 1, 3, true], ['Y', 4, 8, true]]);
  });
  it('handles the modifiers as BuildKit does', () => {
    const vars = env({ SET: 'v', EMPTY: '' });
    const cases: [string, string][] = [
      ['${SET:-d}', 'v'], ['${EMPTY:-d}', 'd'], ['${EMPTY-d}', ''], ['${UNSET-d}', 'd'], ['${UNSET:-d}', 'd'],
      ['${SET:+x}', 'x'], ['${EMPTY:+x}', ''], ['${EMPTY+x}', 'x'], ['${UNSET+x}', ''],
      ['${SET?e}', 'v'], ['${SET#v}', ''], ['${SET%v}', ''],
    ];
    for (const [word, want] of cases) assert.equal(expandWord(word, vars).value, want, word);
    assert.equal(expandWord('${P#*/}', env({ P: 'linux/arm64/v8' })).value, 'arm64/v8');
    assert.equal(expandWord('${P##*/}', env({ P: 'linux/arm64/v8' })).value, 'v8');
    assert.equal(expandWord('${P%/*}', env({ P: 'linux/arm64/v8' })).value, 'linux/arm64');
    assert.equal(expandWord('${P/arm64/amd64}', env({ P: 'linux/arm64' })).value, 'linux/amd64');
  });
  it('records unset names even inside a default (BuildKit warns about them too)', () => {
    const e = expandWord('${UNSET:-${ALSO}}', env({}));
    assert.deepEqual(e.refs.map(r => [r.name, r.set]).sort(), [['ALSO', false], ['UNSET', false]]);
  });
  it('respects quotes and the escape character', () => {
    assert.equal(expandWord(`'$X'"$X"\\$X`, env({ X: '1' })).value, '$X1$X');
    assert.equal(expandWord('`$X', env({ X: '1' }), { escape: '`' }).value, '$X');
    assert.equal(expandWord('"a b"', env({})).value, 'a b');
  });
  it('reports the errors BuildKit fails with', () => {
    assert.match(expandWord('${X', env({})).error!.message, /missing '}'/);
    assert.match(expandWord('${}', env({})).error!.message, /bad substitution/);
    assert.match(expandWord('${X:=1}', env({})).error!.message, /unsupported modifier/);
    assert.match(expandWord('"open', env({})).error!.message, /double-quote/);
    assert.match(expandWord('${X?must be set}', env({})).error!.message, /X: must be set/);
  });
  it('keeps unknown values unknown', () => {
    const e = expandWord('$X/bin', env({ X: null }));
    assert.equal(e.unknown, true);
    assert.equal(e.refs[0].set, true);
  });
  it('splits words after expansion like ProcessWords', () => {
    assert.deepEqual(expandWord('$P 8080', env({ P: '80 443' })).words, ['80', '443', '8080']);
  });
});

function vars(text: string, buildArgs?: Record<string, string>) {
  const model = new DockerfileModel(text);
  return { model, v: variablesOf(model, { buildArgs }) };
}

/** The value `name` has at the start of (1-based) `line`. */
function at(text: string, line: number, name: string, buildArgs?: Record<string, string>) {
  const { v } = vars(text, buildArgs);
  return v.resolve(name, line - 1);
}

function unset(text: string, buildArgs?: Record<string, string>) {
  return vars(text, buildArgs).v.references.filter(r => !r.definition && !r.declared).map(r => `${r.name}@${r.range.start.line + 1}`);
}

describe('variable scopes', () => {
  it('global ARGs are visible to FROM only, until redeclared in the stage', () => {
    const text = 'ARG V=1\nFROM alpine:$V\nCOPY $V /x\nARG V\nCOPY $V /y\n';
    assert.deepEqual(unset(text), ['V@3']);
    assert.equal(at(text, 5, 'V')?.value, '1');
    assert.equal(vars(text).v.stages[0].base.value, 'alpine:1');
  });
  it('build arguments override global defaults and in-stage defaults', () => {
    const text = 'ARG V=1\nFROM alpine:$V\nARG W=2\nENV X=$W\n';
    const { v } = vars(text, { V: '9', W: '8' });
    assert.equal(v.stages[0].base.value, 'alpine:9');
    assert.equal(v.resolve('X', 4)?.value, '8', 'after the ENV');
    assert.equal(v.resolve('X', 3), undefined, 'on the ENV line itself, X is not yet set');
  });
  it('ARG and ENV take effect in order; all words of one ENV see the environment before it', () => {
    assert.deepEqual(unset('FROM alpine\nCOPY $A /x\nARG A=1\nENV B=$A C=$B\n'), ['A@2', 'B@4']);
    assert.deepEqual(unset('FROM alpine\nARG A=1 B=$A\n'), [], 'ARG defaults see the ARGs before them on the line');
  });
  it('an ARG without a value declares the name (no report) but sets nothing', () => {
    const text = 'FROM alpine\nARG foo\nCOPY Dockerfile${foo} .\n';
    assert.deepEqual(unset(text), []);
    assert.equal(at(text, 3, 'foo'), undefined);
  });
  it('a stage built FROM another inherits its ENV and ARG values and declared names', () => {
    const text = 'FROM alpine AS base\nARG foo=Dockerfile\nENV E=1\nARG d\nFROM base\nCOPY $foo $E $d .\nFROM alpine\nCOPY $E .\n';
    assert.deepEqual(unset(text), ['E@8']);
    const { v } = vars(text);
    assert.equal(v.resolve('foo', 5)?.inheritedFrom?.name, 'base');
  });
  it('knows the predefined platform ARGs in FROM, and inside a stage once declared', () => {
    const text = 'FROM --platform=$BUILDPLATFORM alpine\nCOPY $TARGETARCH /x\nARG TARGETARCH\nCOPY $TARGETARCH /y\n';
    assert.deepEqual(unset(text), ['TARGETARCH@2']);
    assert.equal(at(text, 4, 'TARGETARCH')?.source, 'predefined');
  });
  it('PATH is always set; image environments are known for official images', () => {
    assert.deepEqual(unset('FROM scratch\nENV PATH=$PATH:/x\n'), []);
    assert.deepEqual(unset('FROM eclipse-temurin:21\nENV X=$JAVA_HOME\n'), []);
    const r = vars('FROM alpine\nENV X=$JAVA_HOME\n').v.references[0];
    assert.equal(r.imageMaySet, false);
    const open = vars('FROM example.com/custom:1\nENV X=$JAVA_HOME\n').v.references[0];
    assert.equal(open.imageMaySet, true);
  });
  it('expands COPY heredoc bodies whose marker is not quoted, and not RUN heredocs or quoted markers', () => {
    const text = 'FROM alpine\nCOPY <<EOF /a\n$ONE\nEOF\nCOPY <<"EOF" /b\n$TWO\nEOF\nRUN <<EOF\n$THREE\nEOF\n';
    assert.deepEqual(unset(text), ['ONE@3']);
  });
  it('expands RUN --mount values, not the command', () => {
    assert.deepEqual(unset('FROM alpine\nRUN --mount=type=cache,target=$CACHE echo $NOT_EXPANDED\n'), ['CACHE@2']);
  });
  it('leaves CMD, ENTRYPOINT, SHELL and HEALTHCHECK to the shell', () => {
    assert.deepEqual(unset('FROM alpine\nCMD echo $A\nENTRYPOINT ["$B"]\nHEALTHCHECK CMD $C\n'), []);
  });
  it('maps references on continuation lines to their own line and column', () => {
    const { v } = vars('FROM alpine\nENV A=1 \\\n    B=$MISSING\n');
    const r = v.references.find(x => x.name === 'MISSING')!;
    assert.deepEqual(r.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 14 } });
  });
  it('resolves chained global defaults and honours escapes', () => {
    const { v } = vars('ARG REG=ghcr.io\nARG IMG=$REG/app\nFROM ${IMG}:1\nFROM alpine\nENV X=\\$HOME\n');
    assert.equal(v.stages[0].base.value, 'ghcr.io/app:1');
    assert.equal(v.resolve('X', 5)?.value, '$HOME');
  });
  it('knows the proxy ARGs inside RUN without an ARG line', () => {
    assert.equal(at('FROM alpine\nRUN curl https://example.com\n', 2, 'HTTPS_PROXY')?.source, 'predefined');
    assert.equal(at('FROM alpine\nCOPY a /b\n', 2, 'HTTPS_PROXY'), undefined);
  });
  it('finds the reference under a position, for hovers', () => {
    const { v } = vars('ARG V=3.12\nFROM python:${V}-slim\n');
    const r = v.referenceAt(1, 14)!;
    assert.equal(r.name, 'V');
    assert.equal(r.definition?.value, '3.12');
  });
  it('suggests like BuildKit (within two edits, exact match suppresses)', () => {
    assert.equal(suggest('PAHT', ['PATH', 'HOME']), 'PATH');
    assert.equal(suggest('X', ['ABCDEF']), undefined);
    assert.equal(imageRepository('ghcr.io:443/org/app:1.2@sha256:abc'), 'ghcr.io:443/org/app');
  });
});
