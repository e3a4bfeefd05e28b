import { defineRule } from '../rule';
import { labelPairs } from '../labels';

export default defineRule({
  id: 'label-not-in-schema',
  aliases: ['DL3050'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'With strict labels on, a LABEL sets a key that the team\'s label schema does not list.',
    why: [
      'Some teams keep image metadata to an agreed set of keys, so dashboards, policies and registries see the same',
      'labels on every image and a typo (`org.opencontainers.image.sorce`) does not go unnoticed. With `strictLabels`',
      'on, every label key must appear in the label schema.',
      '',
      'Add the key to the schema if it is wanted, or remove it (or correct its spelling) if it is not.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/tool" build-host="ci-7"',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/tool"',
    config: 'labelSchema:\n  org.opencontainers.image.source: url\nstrictLabels: true\n',
    notes: [
      'Active only with `strictLabels: true` in `.layerwise.yaml` (or `strict-labels: true` in an existing `.hadolint.yaml`).',
      'Default severity is `info` (labels are team policy); raise it with `rules: { label-not-in-schema: warning }`.',
      'Each unexpected key is its own finding (hadolint reports the LABEL instruction once).',
    ].join('\n'),
  },
  check(ctx) {
    if (!ctx.options.strictLabels) return;
    const schema = ctx.options.labelSchema;
    for (const pair of labelPairs(ctx.model)) {
      if (schema.has(pair.key)) continue;
      const known = [...schema.keys()];
      const near = known.find(k => k.toLowerCase() === pair.key.toLowerCase() || editDistance(k, pair.key) <= 2);
      ctx.report({
        range: pair.keyRange,
        message: `The label \`${pair.key}\` is not in the label schema${near ? ` (did you mean \`${near}\`?)` : ''}; ${allowed(known)}.`,
      });
    }
  },
});

function allowed(known: string[]): string {
  if (!known.length) return 'the schema is empty, so strict labels allow none';
  return known.length > 5 ? `strict labels allow only the ${known.length} labels it lists` : `strict labels allow only ${known.map(k => `\`${k}\``).join(', ')}`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
