// Mutations of real Dockerfiles: the edits (and half-finished edits) a file goes through in an
// editor, plus the hostile fragments a parser meets least often. Each mutation is plain data
// (integers are reduced modulo the current size), so fast-check shrinks a failing case to the
// few mutations that matter.
import fc from 'fast-check';
import { KEYWORDS } from './grammar';

/** Fragments that stress quoting, escaping, heredocs, variables and flags. */
const FRAGMENTS = [
  '\\', '\\\n', ' \\\n', '\\\r\n', '"', "'", '`', '$', '${', '${X', '}', '${A:-', '${A:+${B}}', '$(', ')', '$((1+', '[', ']', '["', '",',
  '<<EOF', '<<-EOF', '<<"EOF"', '\nEOF\n', 'EOF', '<<', '<<EOF <<EOT', '--mount=', '--mount=type=cache,target=', '--from=', '--chown=',
  '--platform=', '--link', '--', '-', '=', '==', ' AS ', ' as ', '#', '# hadolint ignore=', '# layerwise ignore=', '# check=skip=',
  '# escape=`\n', '# escape=\\\n', '# syntax=', '&&', '||', '|', ';', '&', '>', '<', '*', '?', '~', ':', '@sha256:', '@', '%',
  '\t', '\r', '\n', '\r\n', '\u0000', '\u0001', '\u001b[31m', '\u007f', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud800',
  '\udc00', '😀', 'é', '\u200b', ' ', '    ', '\n\n\n',
];

export type Mutation =
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'swap-lines'; at: number; with: number }
  | { op: 'insert-keyword'; at: number; keyword: string }
  | { op: 'insert-fragment'; at: number; fragment: string }
  | { op: 'delete-span'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'join-lines'; at: number }
  | { op: 'repeat-line'; at: number; times: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('insert-keyword' as const), at: fc.nat(), keyword: fc.constantFrom(...KEYWORDS) }),
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert-fragment' as const), at: fc.nat(), fragment: fc.constantFrom(...FRAGMENTS) }) },
  fc.record({ op: fc.constant('delete-span' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('join-lines' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('repeat-line' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 200 }) }),
);

export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (n: number) => n % lines.length;
  const offset = (n: number) => (text.length ? n % (text.length + 1) : 0);
  switch (m.op) {
    case 'delete-line': lines.splice(line(m.at), 1); return lines.join('\n');
    case 'duplicate-line': { const i = line(m.at); lines.splice(i, 0, lines[i]); return lines.join('\n'); }
    case 'swap-lines': { const a = line(m.at), b = line(m.with); [lines[a], lines[b]] = [lines[b], lines[a]]; return lines.join('\n'); }
    case 'insert-keyword': lines.splice(line(m.at), 0, `${m.keyword} `); return lines.join('\n');
    case 'insert-fragment': { const i = offset(m.at); return text.slice(0, i) + m.fragment + text.slice(i); }
    case 'delete-span': { const i = offset(m.at); return text.slice(0, i) + text.slice(i + m.length); }
    case 'truncate': return text.slice(0, offset(m.at));
    case 'join-lines': { const i = line(m.at); if (i + 1 < lines.length) lines.splice(i, 2, lines[i] + lines[i + 1]); return lines.join('\n'); }
    case 'repeat-line': { const i = line(m.at); lines.splice(i, 0, ...Array<string>(m.times).fill(lines[i])); return lines.join('\n'); }
  }
}

/** A seed from `seeds` with 1–8 mutations applied in order. */
export function mutatedSeed(seeds: readonly string[]): fc.Arbitrary<string> {
  if (!seeds.length) throw new Error('mutatedSeed needs at least one seed text');
  return fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }))
    .map(([i, ms]) => ms.reduce(applyMutation, seeds[i]));
}
