import { defineRule } from '../rule';
import type { Fix } from '../types';

export default defineRule({
  id: 'maintainer-deprecated',
  aliases: ['DL4000', 'MaintainerDeprecated'],
  category: 'style',
  severity: 'info',
  fixable: true,
  docs: {
    summary: 'MAINTAINER is deprecated; record the author with a LABEL.',
    why: [
      'MAINTAINER fills a single `Author` field of the image that tools hardly read, and it has been deprecated since',
      'Docker 1.13. Labels are the general mechanism for image metadata: `org.opencontainers.image.authors` is the',
      'standard key that registries, scanners and `docker inspect` users look for, next to `.source`, `.version` and',
      '`.licenses`.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
    fix: [
      'Rewrites it as `LABEL org.opencontainers.image.authors="…"` with the same text (quotes, backslashes and `$`',
      'escaped, since LABEL expands variables and MAINTAINER does not). Offered, not applied automatically: the image',
      'gets a label instead of the `Author` field.',
    ].join(' '),
    notes: 'As hadolint\'s DL4000 and BuildKit\'s MaintainerDeprecated. `ONBUILD MAINTAINER` is reported by `onbuild-invalid-trigger`.',
  },
  check(ctx) {
    const model = ctx.model;
    for (const info of model.instructions) {
      if (info.keyword !== 'MAINTAINER') continue;
      const range = info.node.getArgumentsRange();
      const author = range ? model.lines.textOf(range).replace(/\\\r?\n\s*/g, ' ').trim() : '';
      ctx.report({
        range: info.range,
        message: `MAINTAINER is deprecated; use \`LABEL org.opencontainers.image.authors="${author}"\`.`,
        fixes: (): Fix[] => {
          if (!author) return [];
          const keyword = info.node.getInstruction();
          const label = keyword === keyword.toLowerCase() ? 'label' : 'LABEL';
          const value = author.replace(/[\\"$]/g, c => `\\${c}`);
          return [{ title: 'Use LABEL org.opencontainers.image.authors', edits: [{ range: info.range, newText: `${label} org.opencontainers.image.authors="${value}"` }], safe: false }];
        },
      });
    }
  },
});
