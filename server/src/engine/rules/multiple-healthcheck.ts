import { defineRule } from '../rule';
import { reportOverridden } from '../knowledge/overridden';

export default defineRule({
  id: 'multiple-healthcheck',
  aliases: ['DL3012', 'MultipleInstructionsDisallowed'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A stage has more than one HEALTHCHECK; only the last one is used.',
    why: [
      'An image has a single health check. Each HEALTHCHECK replaces the previous one (and `HEALTHCHECK NONE` turns it',
      'off), so with two of them Docker only ever runs the second. If both conditions matter, check them in one command',
      '(`CMD check-db && check-http`) or one small script.',
    ].join('\n'),
    bad: [
      'FROM nginx:1.27-alpine',
      'HEALTHCHECK CMD wget -q --spider http://localhost/ || exit 1',
      'HEALTHCHECK CMD wget -q --spider http://localhost/status || exit 1',
    ].join('\n'),
    good: [
      'FROM nginx:1.27-alpine',
      'HEALTHCHECK CMD wget -q --spider http://localhost/ && wget -q --spider http://localhost/status || exit 1',
    ].join('\n'),
    fix: 'Deletes the overridden HEALTHCHECK. The image keeps the last one, exactly as before, so fix-all applies it.',
    notes: [
      'Each stage is checked on its own. As BuildKit\'s MultipleInstructionsDisallowed, the finding is on the',
      'HEALTHCHECK that is overridden; hadolint\'s DL3012 reports the later one.',
    ].join(' '),
  },
  check(ctx) {
    reportOverridden(ctx, 'HEALTHCHECK');
  },
});
