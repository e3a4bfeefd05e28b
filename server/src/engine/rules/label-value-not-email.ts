import { defineRule } from '../rule';
import { reportLabelValues } from '../labels';

export default defineRule({
  id: 'label-value-not-email',
  aliases: ['DL3058'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'A label that the label schema types as `email` does not hold an email address.',
    why: [
      'Owner labels (`maintainer`, `org.opencontainers.image.authors`) are how a scanner or an on-call engineer finds',
      'who to contact about an image. A team name or a chat handle cannot be mailed automatically.',
      '',
      'Write an address, optionally with a display name: `platform@example.com` or `Platform Team <platform@example.com>`.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nLABEL maintainer="platform team"',
    good: 'FROM alpine:3.20\nLABEL maintainer="Platform Team <platform@example.com>"',
    config: 'labelSchema:\n  maintainer: email\n',
    notes: [
      'Active only for labels typed `email` in the label schema (`labelSchema` in `.layerwise.yaml`, `label-schema` in `.hadolint.yaml`).',
      'Default severity is `info` (labels are team policy); raise it with `rules: { label-value-not-email: warning }`.',
      'An RFC 5322 address is accepted, and so is the common `Name <address>` form (hadolint accepts the bare address only).',
      'Empty values are left to `label-value-empty`, and values set from variables are not checked.',
    ].join('\n'),
  },
  check(ctx) {
    reportLabelValues(ctx, 'email', pair =>
      `The label \`${pair.key}\` should be an email address such as \`team@example.com\`, not \`${pair.value}\`.`);
  },
});
