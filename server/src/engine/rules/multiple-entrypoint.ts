import { defineRule } from '../rule';
import { reportOverridden } from '../knowledge/overridden';

export default defineRule({
  id: 'multiple-entrypoint',
  aliases: ['DL4004', 'MultipleInstructionsDisallowed'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A stage has more than one ENTRYPOINT; only the last one takes effect.',
    why: [
      'ENTRYPOINT records the program a container always runs, and each ENTRYPOINT replaces the previous one. A stage',
      'with two ENTRYPOINTs starts only the second, so the first is dead text, and a reader may believe both run. To',
      'run a preparation step and then the program, use one entrypoint script that ends with `exec "$@"`.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'COPY . /app',
      'ENTRYPOINT ["/app/prepare.sh"]',
      'ENTRYPOINT ["python", "/app/server.py"]',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'COPY . /app',
      'ENTRYPOINT ["/app/entrypoint.sh"]',
      'CMD ["python", "/app/server.py"]',
    ].join('\n'),
    fix: 'Deletes the overridden ENTRYPOINT. The image keeps the last ENTRYPOINT (and its CMD), exactly as before, so fix-all applies it.',
    notes: [
      'Each stage is checked on its own: a stage built `FROM` another may set its own ENTRYPOINT. As BuildKit\'s',
      'MultipleInstructionsDisallowed, the finding is on the ENTRYPOINT that is overridden; hadolint\'s DL4004 reports the',
      'later one.',
    ].join(' '),
  },
  check(ctx) {
    reportOverridden(ctx, 'ENTRYPOINT');
  },
});
