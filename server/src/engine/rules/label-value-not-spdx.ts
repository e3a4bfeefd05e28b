import { defineRule } from '../rule';
import { reportLabelValues } from '../labels';

export default defineRule({
  id: 'label-value-not-spdx',
  aliases: ['DL3054'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'A label that the label schema types as `spdx` does not hold an SPDX license identifier or expression.',
    why: [
      'License scanners and compliance reports read `org.opencontainers.image.licenses` and match it against the',
      'SPDX license list. Free text such as `Apache 2` or `BSD` matches nothing, so the image shows up as',
      '"license unknown" in every audit.',
      '',
      'Use the SPDX identifier (`Apache-2.0`, `MIT`, `GPL-3.0-or-later`), or an SPDX expression for several',
      '(`MIT OR Apache-2.0`, `GPL-2.0-only WITH Classpath-exception-2.0`).',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="Apache 2"',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="Apache-2.0"',
    config: 'labelSchema:\n  org.opencontainers.image.licenses: spdx\n',
    notes: [
      'Active only for labels typed `spdx` in the label schema (`labelSchema` in `.layerwise.yaml`, `label-schema` in `.hadolint.yaml`).',
      'Default severity is `info` (labels are team policy); raise it with `rules: { label-value-not-spdx: warning }`.',
      'Identifiers come from the SPDX license list (deprecated ones included) and match case-insensitively, as SPDX specifies.',
      'Unlike hadolint, which accepts one identifier only, SPDX expressions (`AND`, `OR`, `WITH`, parentheses,',
      '`LicenseRef-…`) are accepted, as the OCI `licenses` annotation defines.',
      'Empty values are left to `label-value-empty`, and values set from variables are not checked.',
    ].join('\n'),
  },
  check(ctx) {
    reportLabelValues(ctx, 'spdx', pair =>
      `The label \`${pair.key}\` should be an SPDX license identifier or expression (e.g. \`Apache-2.0\`, \`MIT OR Apache-2.0\`); \`${pair.value}\` is not one.`);
  },
});
