import { defineRule } from '../rule';
import { reportLabelValues } from '../labels';

export default defineRule({
  id: 'label-value-not-rfc3339',
  aliases: ['DL3053'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'A label that the label schema types as `rfc3339` does not hold an RFC 3339 date and time.',
    why: [
      'Time labels such as `org.opencontainers.image.created` are compared and sorted by tools, which expect',
      'RFC 3339: a full date, `T`, a time and a UTC offset, e.g. `2024-05-01T12:30:00Z`. Local formats',
      '(`01/05/2024`, `May 1st`) or a date without a time and offset are ambiguous and break those comparisons.',
      '',
      'Set it at build time from a real clock: `--build-arg CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)`.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="2024-05-01 12:30"',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"',
    config: 'labelSchema:\n  org.opencontainers.image.created: rfc3339\n',
    notes: [
      'Active only for labels typed `rfc3339` in the label schema (`labelSchema` in `.layerwise.yaml`, `label-schema` in `.hadolint.yaml`).',
      'Default severity is `info` (labels are team policy); raise it with `rules: { label-value-not-rfc3339: warning }`.',
      'Fractional seconds are allowed, and so is a space instead of `T` (RFC 3339 permits it); calendar dates are checked.',
      'Empty values are left to `label-value-empty`, and values set from variables are not checked.',
    ].join('\n'),
  },
  check(ctx) {
    reportLabelValues(ctx, 'rfc3339', pair =>
      `The label \`${pair.key}\` should be an RFC 3339 date and time such as \`2024-05-01T12:30:00Z\`, not \`${pair.value}\`.`);
  },
});
