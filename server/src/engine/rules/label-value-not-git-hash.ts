import { defineRule } from '../rule';
import { reportLabelValues } from '../labels';

export default defineRule({
  id: 'label-value-not-git-hash',
  aliases: ['DL3055'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'A label that the label schema types as `hash` does not hold a Git commit id.',
    why: [
      'A revision label (`org.opencontainers.image.revision`) ties an image to the exact commit it was built from,',
      'so an incident can start from `git show <revision>`. A branch name, a tag or `HEAD` moves; only the commit id',
      'pins the source.',
      '',
      'Pass it at build time: `--build-arg REVISION=$(git rev-parse HEAD)` and `LABEL org.opencontainers.image.revision=$REVISION`.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision="main"',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision="43c572f1272b6b3171dd1db9e41b7027128ce080"',
    config: 'labelSchema:\n  org.opencontainers.image.revision: hash\n',
    notes: [
      'Active only for labels typed `hash` in the label schema (`labelSchema` in `.layerwise.yaml`, `label-schema` in `.hadolint.yaml`).',
      'Default severity is `info` (labels are team policy); raise it with `rules: { label-value-not-git-hash: warning }`.',
      'Accepted: 7 to 40 hexadecimal digits (abbreviated or full SHA-1, as `git rev-parse --short` grows abbreviations',
      'in large repositories) and 64 digits (SHA-256 repositories). hadolint accepts exactly 7 or 40 lower-case digits.',
      'Empty values are left to `label-value-empty`, and values set from variables are not checked.',
    ].join('\n'),
  },
  check(ctx) {
    reportLabelValues(ctx, 'hash', pair =>
      `The label \`${pair.key}\` should be a Git commit id (\`git rev-parse HEAD\`), not \`${pair.value}\`.`);
  },
});
