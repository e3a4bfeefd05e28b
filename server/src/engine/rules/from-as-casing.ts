import { buildkitParse, spanRange } from '../builder';
import { defineRule } from '../rule';

export default defineRule({
  id: 'from-as-casing',
  aliases: ['FromAsCasing'],
  category: 'style',
  severity: 'info',
  fixable: true,
  docs: {
    summary: 'The `AS` of `FROM ... AS name` is not written in the same case as `FROM`.',
    why: [
      'Keywords are case-insensitive, so `FROM node as build` works, but mixing `FROM` with `as` (or `from` with `AS`)',
      'makes a file harder to scan. Write `AS` in the case of its `FROM`.',
    ].join('\n'),
    bad: 'FROM node:22-slim as build\nRUN node --version',
    good: 'FROM node:22-slim AS build\nRUN node --version',
    fix: 'Rewrites `AS` in the case of `FROM`. Applied automatically: keywords are case-insensitive.',
    notes: [
      'Same as BuildKit\'s FromAsCasing: only a FROM written all in lower or all in upper case is compared (a mixed-case',
      '`From` is reported by `inconsistent-instruction-casing` instead). The finding points at the `AS` keyword.',
    ].join(' '),
  },
  check(ctx) {
    for (const node of buildkitParse(ctx.model).nodes) {
      if (node.command !== 'from' || node.args.length < 3) continue;
      const kw = node.keyword;
      const lowerFrom = kw === kw.toLowerCase();
      const upperFrom = kw === kw.toUpperCase();
      if (!lowerFrom && !upperFrom) continue;
      const as = node.args[1];
      const want = lowerFrom ? as.text.toLowerCase() : as.text.toUpperCase();
      if (as.text === want) continue;
      ctx.report({
        range: spanRange(ctx.model, node.line, as),
        message: `'${as.text}' and '${kw}' keywords' casing do not match: write \`${kw} ... ${want}\`.`,
        fixes: () => [{ title: `Write ${want}`, edits: [{ range: spanRange(ctx.model, node.line, as), newText: want }], safe: true }],
      });
    }
  },
});
