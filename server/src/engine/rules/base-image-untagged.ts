import { defineRule } from '../rule';
import { imageFacts } from '../knowledge/images';
import type { Fix, Range } from '../types';

export default defineRule({
  id: 'base-image-untagged',
  aliases: ['DL3006'],
  category: 'base-image',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'The base image has no tag, so Docker silently uses `latest`.',
    why: [
      'A FROM without a tag is the same as asking for `latest`: whatever the publisher pushed most recently. Two builds of',
      'the same commit can start from different operating systems and runtimes, and nothing in the Dockerfile records which.',
      '',
      'Write the tag you tested with, for example `python:3.12-slim`, or a digest for byte-for-byte repeatable builds.',
    ].join('\n'),
    bad: 'FROM ubuntu\nRUN echo hello',
    good: 'FROM ubuntu:24.04\nRUN echo hello',
    fix: 'Adds a maintained version tag for well-known images (offered, not applied automatically).',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const image = stage.image;
      if (image.stage || image.isScratch || image.digest || image.tag !== undefined || image.resolved === undefined) continue;
      const name = image.name!;
      ctx.report({
        range: image.range,
        message: `\`${name}\` has no tag and resolves to \`latest\`; pin a version (for example \`${name}:${imageFacts(name)?.pins[0] ?? '<version>'}\`).`,
        fixes: () => tagFixes(name, image.raw === image.resolved ? image.range : undefined),
      });
    }
  },
});

function tagFixes(name: string, range: Range | undefined): Fix[] {
  const facts = imageFacts(name);
  if (!facts || !range) return [];
  return facts.pins.map(pin => ({ title: `Pin to ${name}:${pin}`, edits: [{ range: { start: range.end, end: range.end }, newText: `:${pin}` }], safe: false }));
}
