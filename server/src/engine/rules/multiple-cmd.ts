import { defineRule } from '../rule';
import { reportOverridden } from '../knowledge/overridden';

export default defineRule({
  id: 'multiple-cmd',
  aliases: ['DL4003', 'MultipleInstructionsDisallowed'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A stage has more than one CMD; only the last one takes effect.',
    why: [
      'CMD does not run anything at build time: it records the default command of the image, and each CMD replaces',
      'the previous one. A stage with two CMDs starts only the second. The first is dead text that a reader may take for',
      'something that runs (often a leftover from debugging, or an attempt to start two processes, which needs a',
      'process manager or two containers).',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'COPY . /app',
      'CMD ["python", "/app/migrate.py"]',
      'CMD ["python", "/app/server.py"]',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'COPY . /app',
      'RUN python /app/migrate.py',
      'CMD ["python", "/app/server.py"]',
    ].join('\n'),
    fix: 'Deletes the overridden CMD. The image keeps the last CMD, exactly as before, so fix-all applies it.',
    notes: [
      'Each stage is checked on its own: a stage built `FROM` another may set its own CMD. As BuildKit\'s',
      'MultipleInstructionsDisallowed, the finding is on the CMD that is overridden; hadolint\'s DL4003 reports the later',
      'one. No fix is offered when an ignore pragma sits right above the overridden CMD, since it would then apply to',
      'the next instruction.',
    ].join(' '),
  },
  check(ctx) {
    reportOverridden(ctx, 'CMD');
  },
});
