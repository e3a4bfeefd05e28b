// Text with no structure at all: random bytes decoded as an editor would (invalid UTF-8 becomes
// U+FFFD), random code units (lone surrogates included), and random runs of Dockerfile tokens,
// which reach the parser's corner cases far more often than uniform noise does.
import fc from 'fast-check';

const TOKENS = [
  'FROM ', 'RUN ', 'COPY ', 'ADD ', 'ENV ', 'ARG ', 'LABEL ', 'WORKDIR ', 'USER ', 'CMD ', 'ENTRYPOINT ', 'ONBUILD ', 'HEALTHCHECK ',
  'SHELL ', 'EXPOSE ', 'VOLUME ', 'STOPSIGNAL ', 'MAINTAINER ', 'AS ', 'alpine', 'python:3.12', ':latest', 'apt-get install -y x',
  'pip install x', 'curl x | sh', '\n', '\n', '\r\n', '\r', '\\\n', '\\', ' ', ' ', '\t', '"', "'", '`', '$', '${', '}', ':-', ':+',
  '$(', ')', '[', ']', ',', '=', '--mount=', 'type=cache', 'target=/x', '--from=', '--platform=', '<<EOF', '<<-EOF', 'EOF', '#', '# escape=`',
  '# check=skip=all', '# hadolint ignore=DL3008', '&&', '||', '|', ';', '&', '/', '.', '*', '0', 'x', '\u0000', '\ufeff', '\ufffd', '\u2028',
];

const decoder = new TextDecoder('utf-8', { fatal: false });

export const randomBytesText: fc.Arbitrary<string> = fc.uint8Array({ maxLength: 2000 }).map(bytes => decoder.decode(bytes));

export const randomCodeUnits: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 1000 });

export const randomTokens: fc.Arbitrary<string> = fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }).map(t => t.join(''));

/** One construct nested or repeated hundreds of times: recursion and superlinear work show up here. */
const NESTABLE: [open: string, close: string][] = [
  ['${A:-', '}'], ['$(', ')'], ['(', ')'], ['{ ', '; }'], ['"$(', ')"'], ['`', '`'], ['[', ']'], ['<<EOF\n', '\nEOF'], ['echo \\\n', ''],
];
export const deepNesting: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...NESTABLE), fc.integer({ min: 1, max: 400 }), fc.constantFrom('RUN echo ', 'ENV X=', 'ARG X=', 'LABEL a=', 'COPY ', 'CMD '))
  .map(([[open, close], depth, prefix]) => `FROM alpine:3.20\n${prefix}${open.repeat(depth)}x${close.repeat(depth)}\n`);

/** Any of these, tokens most often (they get furthest into the engine). */
export const noiseText: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: randomBytesText },
  { weight: 1, arbitrary: randomCodeUnits },
  { weight: 3, arbitrary: randomTokens },
  { weight: 1, arbitrary: deepNesting },
);
