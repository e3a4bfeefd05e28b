import { buildkitParse, spanRange, type BkNode } from '../builder';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

export default defineRule({
  id: 'stage-name-casing',
  aliases: ['StageNameCasing'],
  category: 'style',
  severity: 'info',
  fixable: true,
  docs: {
    summary: 'A stage name (`FROM ... AS name`) has capital letters; Docker lower-cases stage names.',
    why: [
      'Docker stores stage names in lower case: `FROM golang AS Builder` defines the stage `builder`. References with',
      '`COPY --from=` and `--target` are compared case-insensitively, so they keep working, but `FROM Builder` in a later',
      'stage does **not** find it: there the name is taken as an image reference, and image names must be lower case.',
      'Writing stage names in lower case everywhere avoids the surprise.',
    ].join('\n'),
    bad: 'FROM golang:1.23 AS Builder\nRUN go version\n\nFROM scratch\nCOPY --from=Builder /usr/local/go/VERSION /VERSION',
    good: 'FROM golang:1.23 AS builder\nRUN go version\n\nFROM scratch\nCOPY --from=builder /usr/local/go/VERSION /VERSION',
    fix: 'Lower-cases the stage name and the `COPY --from=`, `RUN --mount=from=` and `FROM` references that name it. Applied automatically: stage names are lower-cased by Docker anyway.',
    notes: 'Same as BuildKit\'s StageNameCasing. The finding points at the name rather than the whole FROM line.',
  },
  check(ctx) {
    const parse = buildkitParse(ctx.model);
    for (const node of parse.nodes) {
      if (node.command !== 'from' || node.args.length !== 3 || node.args[1].text.toLowerCase() !== 'as') continue;
      const word = node.args[2];
      if (word.text === word.text.toLowerCase()) continue;
      const lower = word.text.toLowerCase();
      ctx.report({
        range: spanRange(ctx.model, node.line, word),
        message: `Stage name '${word.text}' should be lowercase: Docker stores it as \`${lower}\`, and a later \`FROM ${word.text}\` would not find it. Write \`AS ${lower}\`.`,
        fixes: () => [{ title: `Rename the stage to ${lower}`, edits: renameEdits(ctx.model, parse.nodes, node, lower), safe: true }],
      });
    }
  },
});

function renameEdits(model: import('../model').DockerfileModel, nodes: BkNode[], def: BkNode, lower: string): TextEdit[] {
  const edits: TextEdit[] = [{ range: spanRange(model, def.line, def.args[2]), newText: lower }];
  const seen = new Set<string>([JSON.stringify(edits[0].range)]);
  const push = (node: BkNode, start: number, end: number) => {
    const range = spanRange(model, node.line, { start, end });
    const key = JSON.stringify(range);
    if (!seen.has(key)) { seen.add(key); edits.push({ range, newText: lower }); }
  };
  for (const n of nodes) {
    const target = n.trigger ?? n;
    for (const f of target.flags) {
      if (n.line.text.slice(f.span.start, f.span.end) !== f.text) continue;
      if (f.name === 'from' && f.value?.toLowerCase() === lower) push(n, f.span.end - f.value.length, f.span.end);
      if (f.name === 'mount' && f.value) {
        const m = /(^|,)from=([^,]*)/i.exec(f.value);
        if (m && m[2].toLowerCase() === lower) {
          const start = f.span.end - f.value.length + m.index + m[1].length + 5;
          push(n, start, start + m[2].length);
        }
      }
    }
    if (n !== def && n.command === 'from' && n.args[0]?.text.toLowerCase() === lower && n.args[0].text !== lower) push(n, n.args[0].start, n.args[0].end);
  }
  return edits;
}
