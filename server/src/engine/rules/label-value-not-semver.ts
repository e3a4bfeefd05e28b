import { defineRule } from '../rule';
import { isSemver, reportLabelValues } from '../labels';

export default defineRule({
  id: 'label-value-not-semver',
  aliases: ['DL3056'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'A label that the label schema types as `semver` does not hold a Semantic Versioning version.',
    why: [
      'Version labels (`org.opencontainers.image.version`) are compared by release tooling and dashboards. Semantic',
      'Versioning (`MAJOR.MINOR.PATCH`, with an optional `-pre.release` and `+build` part) sorts reliably; `v1.2`,',
      '`1.2` or `latest` do not.',
      '',
      'Write the full version, without a `v` prefix: `1.2.0`, `2.0.0-rc.1`.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="v1.2"',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="1.2.0"',
    config: 'labelSchema:\n  org.opencontainers.image.version: semver\n',
    notes: [
      'Active only for labels typed `semver` in the label schema (`labelSchema` in `.layerwise.yaml`, `label-schema` in `.hadolint.yaml`).',
      'Default severity is `info` (labels are team policy); raise it with `rules: { label-value-not-semver: warning }`.',
      'Checked against the Semantic Versioning 2.0.0 grammar. Empty values are left to `label-value-empty`, and values',
      'set from variables are not checked.',
    ].join('\n'),
  },
  check(ctx) {
    reportLabelValues(ctx, 'semver', pair => {
      const hint = /^v/i.test(pair.value) && isSemver(pair.value.slice(1)) ? `; drop the \`v\`: \`${pair.value.slice(1)}\`` : ' such as `1.2.0` or `2.0.0-rc.1`';
      return `The label \`${pair.key}\` should be a semantic version (MAJOR.MINOR.PATCH), not \`${pair.value}\`${hint}.`;
    });
  },
});
