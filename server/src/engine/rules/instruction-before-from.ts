import { defineRule } from '../rule';

export default defineRule({
  id: 'instruction-before-from',
  aliases: ['DL3061'],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'An instruction other than ARG comes before the first FROM (or there is no FROM); the build fails.',
    why: [
      'A Dockerfile describes stages, and every stage starts with FROM. Before the first FROM only parser directives,',
      'comments and ARG (for values used in FROM lines) are allowed. Anything else (a LABEL, ENV or RUN placed at the',
      'top, or a file without FROM) makes `docker build` stop with "no build stage in current context".',
    ].join('\n'),
    bad: [
      'LABEL org.opencontainers.image.source="https://github.com/example/app"',
      'FROM python:3.12-slim',
    ].join('\n'),
    good: [
      '# syntax=docker/dockerfile:1',
      'ARG PYTHON_VERSION=3.12',
      'FROM python:${PYTHON_VERSION}-slim',
      'LABEL org.opencontainers.image.source="https://github.com/example/app"',
    ].join('\n'),
    notes: [
      'As hadolint\'s DL3061, which reports every such instruction; we report the first one only, since one misplaced',
      'line is enough to fail the build and the rest usually move with it.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const first = model.instructions.find(i => i.keyword !== 'ARG');
    if (!first || first.keyword === 'FROM') return;
    const hasFrom = model.stages.length > 0;
    ctx.report({
      range: first.range,
      message: hasFrom
        ? `\`${first.keyword}\` comes before the first FROM, where only ARG is allowed; move it below \`FROM\` (Docker fails with "no build stage in current context").`
        : `This Dockerfile has no FROM: every stage must start with one (for example \`FROM debian:12-slim\`, or \`FROM scratch\` for an empty image).`,
    });
  },
});
