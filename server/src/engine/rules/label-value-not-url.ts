import { defineRule } from '../rule';
import { reportLabelValues } from '../labels';

export default defineRule({
  id: 'label-value-not-url',
  aliases: ['DL3052'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'A label that the label schema types as `url` does not hold an absolute URL.',
    why: [
      'Tools follow URL labels: registries link `org.opencontainers.image.source` to the repository, and',
      '`org.opencontainers.image.documentation` or `.url` to the project. A value without a scheme',
      '(`github.com/example/tool`) or with spaces is not a link anything can open.',
      '',
      'Write the full URL, scheme included: `https://github.com/example/tool`.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="github.com/example/tool"',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/tool"',
    config: 'labelSchema:\n  org.opencontainers.image.source: url\n',
    notes: [
      'Active only for labels typed `url` in the label schema (`labelSchema` in `.layerwise.yaml`, `label-schema` in `.hadolint.yaml`).',
      'Default severity is `info` (labels are team policy); raise it with `rules: { label-value-not-url: warning }`.',
      'A URL is an RFC 3986 absolute URI (`scheme:…`); `http` and `https` URLs must also name a host. Empty values are',
      'left to `label-value-empty`, and values set from variables are not checked.',
    ].join('\n'),
  },
  check(ctx) {
    reportLabelValues(ctx, 'url', pair => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(pair.value)
      ? `The label \`${pair.key}\` should be a URL, but \`${pair.value}\` is not a valid one (spaces, quotes and \`<>{}|\\^\` must be percent-encoded; web URLs need a host).`
      : `The label \`${pair.key}\` should be an absolute URL, but \`${pair.value}\` has no scheme; write it in full, e.g. \`https://${pair.value.replace(/^\/+/, '')}\`.`);
  },
});
