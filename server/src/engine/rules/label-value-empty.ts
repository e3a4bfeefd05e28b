import { defineRule } from '../rule';
import { hasVariable, labelPairs } from '../labels';

export default defineRule({
  id: 'label-value-empty',
  aliases: ['DL3051'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'A label that the team\'s label schema requires is set to an empty value.',
    why: [
      'An empty label satisfies a presence check while telling nobody anything: `org.opencontainers.image.source=""`',
      'does not lead back to the source. Empty values usually come from a build argument that CI forgot to pass.',
      '',
      'Set a real value, or pass it at build time (`ARG VERSION` + `LABEL org.opencontainers.image.version=$VERSION`',
      'with `docker build --build-arg VERSION=…`).',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=""',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/tool"',
    config: 'labelSchema:\n  org.opencontainers.image.source: url\n',
    notes: [
      'Active only for labels in the label schema (`labelSchema` in `.layerwise.yaml`, `label-schema` in `.hadolint.yaml`).',
      'Default severity is `info` (labels are team policy); raise it with `rules: { label-value-empty: warning }`.',
      'A value of only spaces counts as empty. A value set from a variable is not checked: it is only known at build time.',
    ].join('\n'),
  },
  check(ctx) {
    const schema = ctx.options.labelSchema;
    if (!schema.size) return;
    for (const pair of labelPairs(ctx.model)) {
      if (!schema.has(pair.key) || pair.value.trim() || hasVariable(pair.value)) continue;
      ctx.report({
        range: pair.valueRange.start.character === pair.valueRange.end.character && pair.valueRange.start.line === pair.valueRange.end.line ? pair.keyRange : pair.valueRange,
        message: `The label \`${pair.key}\` is empty; the label schema expects ${schema.get(pair.key) === 'text' ? 'a value' : `a ${schema.get(pair.key)} value`} here.`,
      });
    }
  },
});
