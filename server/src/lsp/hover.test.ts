// The merged hover: what dockerfile-language-service's hover explains (directives, flags, mount
// options, ONBUILD triggers, variable values) in our words, at positions our own sections leave free.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../engine/analyze';
import { hoverAt } from './hover';

const DOCKERFILE = [
  '# syntax=docker/dockerfile:1',                                            // 0
  'ARG BASE=python:3.12-slim',                                               // 1
  'FROM $BASE AS build',                                                     // 2
  'ARG VERSION=1.2.3',                                                       // 3
  'ENV APP_VERSION=${VERSION} DB_PASSWORD=hunter2',                          // 4
  'RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked pip install app==${VERSION}', // 5
  'RUN --network=none echo $DB_PASSWORD $UNSET',                              // 6
  'COPY --link --chmod=755 run.sh /usr/local/bin/',                          // 7
  'ONBUILD COPY --chown=app . /app',                                          // 8
  'HEALTHCHECK --interval=30s CMD true',                                     // 9
  '',
].join('\n');

const analysis = analyze(DOCKERFILE);
function hover(line: number, needle: string, offset = 1): string {
  const character = analysis.model.lines.lineText(line).indexOf(needle) + offset;
  assert.ok(character >= offset, `${needle} not on line ${line}`);
  const h = hoverAt(analysis, { line, character });
  assert.ok(h, `expected a hover at ${line}:${character}`);
  return (h.contents as { value: string }).value;
}

describe('merged hover: what the library hover knows, in our words', () => {
  it('parser directive', () => {
    const text = hover(0, 'syntax');
    assert.match(text, /# syntax=/);
    assert.match(text, /frontend/);
  });

  it('RUN --mount: the flag, the mount type and the option under the cursor', () => {
    const text = hover(5, 'sharing');
    assert.match(text, /RUN --mount/);
    assert.match(text, /type=cache/);
    assert.match(text, /\*\*sharing\*\*/);
    assert.match(text, /locked/);
    assert.doesNotMatch(hover(5, 'target'), /\*\*sharing\*\*/, 'only the option under the cursor');
  });

  it('other flags: --network, --link, --chmod, HEALTHCHECK --interval, and flags of an ONBUILD trigger', () => {
    assert.match(hover(6, '--network', 3), /network/i);
    assert.match(hover(7, '--link', 3), /COPY --link/);
    assert.match(hover(7, '--chmod', 3), /Permissions/);
    assert.match(hover(9, '--interval', 3), /Time between checks/);
    assert.match(hover(8, '--chown', 3), /COPY --chown/);
  });

  it('ONBUILD trigger keyword: the trigger instruction\'s note, and when it runs', () => {
    const text = hover(8, 'COPY');
    assert.match(text, /ONBUILD COPY/);
    assert.match(text, /another Dockerfile/);
  });

  it('variables: resolved value and origin; secrets masked; unset ones said so', () => {
    assert.match(hover(5, '${VERSION}', 2), /`VERSION` = `1\.2\.3` — ARG on line 4/);
    // On a FROM image, the base-image card already tells the value: it is not repeated.
    const from = hover(2, '$BASE', 2);
    assert.match(from, /`python:3\.12-slim`/);
    assert.doesNotMatch(from, /`BASE` =/);
    const secret = hover(6, '$DB_PASSWORD', 2);
    assert.match(secret, /•••/);
    assert.doesNotMatch(secret, /hunter2/);
    assert.match(hover(6, '$UNSET', 2), /not set by any ARG or ENV/);
  });

  it('ARG/ENV names: their value (the keyword hover still tells the whole story)', () => {
    assert.match(hover(4, 'APP_VERSION'), /`APP_VERSION` = `1\.2\.3`/);
    assert.doesNotMatch(hover(4, 'DB_PASSWORD'), /hunter2/);
    const keyword = hoverAt(analysis, { line: 4, character: 1 })!;
    assert.match((keyword.contents as { value: string }).value, /Lifetime/);
  });

  it('says nothing where there is nothing to say, and survives odd positions', () => {
    assert.equal(hoverAt(analysis, { line: 6, character: 20 }), null, 'plain shell words');
    for (const [line, character] of [[-1, 0], [0, -5], [99, 0], [3, 999]]) assert.doesNotThrow(() => hoverAt(analysis, { line, character }));
  });
});

describe('merged hover: property — any text, any position', () => {
  it('never throws', async () => {
    const fc = (await import('fast-check')).default;
    const pieces = ['# syntax=x\n', '# check=skip=all\n', 'FROM ', 'RUN ', 'COPY ', 'ONBUILD ', 'ARG ', 'ENV ', '--mount=', 'type=cache,', 'target=/x', '--link ', '$A ', '${A:-b}', 'A=1 ', '\\\n', '\n', 'a ', 'AS b\n'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 20 }).map(a => a.join(''));
    fc.assert(fc.property(text, fc.array(fc.tuple(fc.nat(8), fc.nat(40)), { minLength: 1, maxLength: 8 }), (t, positions) => {
      const a = analyze(t);
      for (const [line, character] of positions) hoverAt(a, { line, character });
    }), { numRuns: 200 });
  });
});
