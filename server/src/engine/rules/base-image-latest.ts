import { defineRule } from '../rule';
import { imageFacts } from '../knowledge/images';
import type { Fix } from '../types';

export default defineRule({
  id: 'base-image-latest',
  aliases: ['DL3007'],
  category: 'base-image',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'The base image uses the `latest` tag, which points at a different image as soon as upstream publishes one.',
    why: [
      '`latest` is a label that moves: the same Dockerfile built next month can start from a new major version of the',
      'runtime, with another Python or Node, another Debian release and other system libraries. Builds stop being',
      'reproducible, and a rebuild for an unrelated change can break production.',
      '',
      'Pin a version that says what you depend on, such as `python:3.12-slim` (minor version and variant). For fully',
      'repeatable builds pin the exact release (`python:3.12.8-slim-bookworm`) or a digest (`python@sha256:…`), and',
      'let a bot such as Renovate or Dependabot propose updates you can review.',
    ].join('\n'),
    bad: 'FROM python:latest\nCMD ["python", "--version"]',
    good: 'FROM python:3.12-slim\nCMD ["python", "--version"]',
    fix: 'Replaces `latest` with a maintained version of well-known images (offered, not applied automatically: changing the base image is your decision).',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const image = stage.image;
      if (image.stage || image.isScratch || image.digest || image.tag?.toLowerCase() !== 'latest') continue;
      const name = image.name!;
      ctx.report({
        range: image.tagRange ?? image.range,
        message: `\`${image.resolved}\` floats to whatever upstream publishes next; pin a version (for example \`${name}:${imageFacts(name)?.pins[0] ?? '<version>'}\`).`,
        fixes: () => pinFixes(name, image.tagRange),
      });
    }
  },
});

function pinFixes(name: string, tagRange: import('../types').Range | undefined): Fix[] {
  const facts = imageFacts(name);
  if (!facts || !tagRange) return [];
  return facts.pins.map(pin => ({ title: `Pin to ${name}:${pin}`, edits: [{ range: tagRange, newText: pin }], safe: false }));
}
