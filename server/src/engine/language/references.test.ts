import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileModel } from '../model';
import { nameIndexOf } from './references';
import { describe, positionOf } from './testing';

const DOCKERFILE = [
  'ARG VERSION=1.0',               // 0
  'ARG BASE=alpine',               // 1
  'FROM ${BASE}:3.19 AS build',    // 2
  'ARG VERSION',                   // 3  re-declares the global
  'COPY --from=assets /a /a',      // 4  stage used before its definition
  'RUN echo $VERSION "${VERSION:-none}" \'$VERSION\'', // 5
  'FROM alpine AS assets',         // 6
  'ARG VERSION=2.0',               // 7  shadows the global in this stage
  'ENV A=1 B=$A',                  // 8  $A here is not yet set
  'ENV C=$A',                      // 9
  'RUN echo $VERSION',             // 10
  'FROM build AS final',           // 11
  'COPY --from=assets /b /b',      // 12
  'COPY --from=nowhere /c /c',     // 13
  'RUN --mount=type=bind,from=build,target=/x cat <<EOF', // 14
  'version $VERSION',              // 15
  'EOF',                           // 16
  '',
].join('\n');

const model = new DockerfileModel(DOCKERFILE);
const index = nameIndexOf(model);
const at = (needle: string, nth = 0, offset = 0) => index.at(positionOf(DOCKERFILE, needle, nth, offset));
const group = (needle: string, nth = 0, offset = 0) => index.groupOf(at(needle, nth, offset)!).map(o => describe(model, o.range));

test('a stage is found from its definition, from uses before and after it, and from COPY --from and RUN --mount', () => {
  assert.deepEqual(group('assets'), ['4:12 assets', '6:15 assets', '12:12 assets']);
  assert.deepEqual(group('build', 0), ['2:21 build', '11:5 build', '14:27 build']);
  const use = at('assets', 0)!;
  assert.equal(describe(model, index.definitionOf(use)!.range), '6:15 assets');
});

test('an unknown stage name is not a reference', () => {
  assert.equal(at('nowhere'), undefined);
});

test('a global ARG re-declared in a stage links its uses there, but not in a stage that shadows it', () => {
  const globalGroup = group('VERSION', 0);
  assert.deepEqual(globalGroup, ['0:4 VERSION', '3:4 VERSION', '5:10 VERSION', '5:21 VERSION', '15:9 VERSION']);
  // The stage that declares its own VERSION=2.0 is a different variable.
  assert.deepEqual(group('VERSION=2.0'), ['7:4 VERSION', '10:10 VERSION']);
  // Go to definition from a use in the first stage lands on the re-declaration, which leads to the global.
  const redeclared = index.definitionOf(at('$VERSION', 0, 1)!)!;
  assert.equal(describe(model, redeclared.range), '3:4 VERSION');
  assert.equal(describe(model, index.definitionOf(redeclared)!.range), '0:4 VERSION');
});

test('ENV values see the environment from before the instruction', () => {
  // `ENV A=1 B=$A`: $A is unset there; `ENV C=$A` sees A=1.
  const first = at('$A', 0, 1)!;
  assert.equal(first.undeclared, true);
  assert.equal(describe(model, index.definitionOf(at('$A', 1, 1)!)!.range), '8:4 A');
});

test('global ARGs are used by FROM lines; the final stage inherits its base stage declarations', () => {
  assert.deepEqual(group('BASE'), ['1:4 BASE', '2:7 BASE']);
  // The heredoc in the final stage (built FROM build) sees build's re-declared VERSION.
  assert.equal(describe(model, index.definitionOf(at('$VERSION', 3, 1)!)!.range), '3:4 VERSION');
});

test('single-quoted shell text is not a reference', () => {
  assert.equal(at("'$VERSION'", 0, 2), undefined);
});
