import { spanRange } from '../builder';
import { normaliseRelPath } from '../context';
import { defineRule } from '../rule';
import { variablesOf } from '../variables';

export default defineRule({
  id: 'copy-ignored-file',
  aliases: ['CopyIgnoredFile'],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'COPY or ADD names a file or folder that `.dockerignore` excludes, so it is not in the build context.',
    why: [
      '`.dockerignore` removes paths from the build context before the build starts. A COPY of such a path fails with',
      '"not found" (or, with a wildcard, silently copies less than you expect). Either the path should not be ignored',
      '(add a `!path` exception or narrow the pattern) or the COPY is left over and can go.',
    ].join('\n'),
    bad: 'FROM python:3.12-slim\nCOPY config.yaml /app/',
    good: 'FROM python:3.12-slim\nCOPY app.py /app/',
    context: { '.dockerignore': '*.yaml\n', 'config.yaml': 'debug: true\n', 'app.py': 'print(1)\n' },
    notes: [
      'Same as BuildKit\'s CopyIgnoredFile: COPY without `--from` and ADD sources (not URLs or Git), after variable',
      'substitution, matched with Docker\'s `.dockerignore` rules including parent folders; `.` counts only when a',
      'pattern excludes everything (`*`, `**`, `**/*`). Like BuildKit, nothing is checked when `.dockerignore` has `!`',
      'exceptions, which cannot be judged without the files. We report an `error` for a plain path (the build fails)',
      'and a `warning` for a wildcard; BuildKit warns in both cases.',
    ].join(' '),
  },
  check(ctx) {
    const context = ctx.buildContext;
    const ignore = context?.dockerignore();
    if (!context || !ignore || !ignore.patterns.length) return;
    if (ignore.patterns.some(p => p.startsWith('!'))) return;
    const excludesAll = ignore.patterns.some(p => ['*', '**', '**/*'].includes(p.replace(/^\/+/, '')));
    const vars = variablesOf(ctx.model, { buildArgs: ctx.buildArgs });
    for (const scope of vars.instructions) {
      const cmd = scope.node.command;
      if (cmd !== 'copy' && cmd !== 'add') continue;
      if (cmd === 'copy' && scope.node.flags.some(f => f.name === 'from')) continue;
      for (const w of scope.words) {
        if (w.role !== 'src' || w.expansion.error || w.expansion.unknown) continue;
        const src = w.expansion.value;
        if (/^(https?:\/\/|git@)/.test(src) || /\.git(#|$)/.test(src)) continue;
        const clean = cleanPath(src);
        const root = clean === '.' || clean === '/';
        if (root ? !excludesAll : !context.isIgnored(normaliseRelPath(clean))) continue;
        const wildcard = /[*?[]/.test(src);
        const verb = cmd === 'copy' ? 'Copy' : 'Add';
        ctx.report({
          range: spanRange(ctx.model, scope.node.line, w.word),
          severity: wildcard || root ? 'warning' : undefined,
          message: `Attempting to ${verb} file "${clean}" that is excluded by .dockerignore (${ignore.path}): ${wildcard || root ? 'matching files are left out of the build context' : 'it is not in the build context, so the build fails'}. Narrow the ignore pattern or add a \`!${clean}\` exception.`,
        });
      }
    }
  },
});

/** Go's `filepath.Clean` on a slash path. */
function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (!abs) out.push('..'); continue; }
    out.push(part);
  }
  const joined = out.join('/');
  return abs ? '/' + joined : joined || '.';
}
