import { buildkitParse, spanRange, type BkNode } from '../builder';
import { defineRule } from '../rule';

export default defineRule({
  id: 'inconsistent-instruction-casing',
  aliases: ['ConsistentInstructionCasing'],
  category: 'style',
  severity: 'info',
  fixable: true,
  docs: {
    summary: 'An instruction keyword is not written in the case most of the file uses (or mixes cases, like `Copy`).',
    why: [
      'Instruction keywords are case-insensitive, but a file that mixes `COPY` and `copy`, or writes `From`, is harder to',
      'read and to search. The convention is upper case; whichever you choose, use it everywhere.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\ncopy app.sh /app.sh\nRUN chmod +x /app.sh\nCMD ["/app.sh"]',
    good: 'FROM alpine:3.20\nCOPY app.sh /app.sh\nRUN chmod +x /app.sh\nCMD ["/app.sh"]',
    fix: 'Rewrites the keyword in the majority case. Applied automatically: keywords are case-insensitive.',
    context: { 'app.sh': '#!/bin/sh\necho hi\n' },
    notes: [
      'Same as BuildKit\'s ConsistentInstructionCasing: the majority is counted over the FROM lines and the instructions',
      'of stages (ARGs before the first FROM are neither counted nor checked); keywords in mixed case do not count, and',
      'a tie goes to upper case.',
    ].join(' '),
  },
  check(ctx) {
    const nodes = buildkitParse(ctx.model).nodes;
    const first = nodes.findIndex(n => n.command === 'from');
    if (first < 0) return;
    const inStages = nodes.slice(first);
    let lower = 0, upper = 0;
    for (const n of inStages) {
      if (n.keyword === n.keyword.toLowerCase()) lower++;
      else if (n.keyword === n.keyword.toUpperCase()) upper++;
    }
    const majorityLower = lower > upper;
    for (const n of inStages) {
      const want = majorityLower ? n.keyword.toLowerCase() : n.keyword.toUpperCase();
      if (n.keyword === want) continue;
      report(n, want);
    }
    function report(n: BkNode, want: string) {
      const range = spanRange(ctx.model, n.line, n.keywordSpan);
      ctx.report({
        range,
        message: `Command '${n.keyword}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'}): write \`${want}\`.`,
        fixes: () => [{ title: `Write ${want}`, edits: [{ range, newText: want }], safe: true }],
      });
    }
  },
});
