import { defineRule } from '../rule';
import { commandSites, insertAfterWord, wordsRange } from '../knowledge/command-sites';
import { hasOption, wgetCommand } from '../knowledge/package-managers';
import { baseImageFacts } from '../knowledge/runtime';
import type { Fix } from '../types';

export default defineRule({
  id: 'wget-progress-bar',
  aliases: ['DL3047'],
  category: 'style',
  severity: 'info',
  fixable: true,
  docs: {
    summary: '`wget` without a progress option floods the build log with thousands of progress lines.',
    why: [
      'When its output is not a terminal, as in a Docker build, GNU wget falls back to printing a dot for every kilobyte',
      'it downloads. A large file fills the build log with thousands of lines, which slows the build output down, hides',
      'the lines that matter and can hit the log limits of CI systems (BuildKit truncates a step\'s log at 2 MiB).',
      '',
      '`wget --progress=dot:giga` prints one dot per 32 KiB and one line per 3 MiB, and still shows errors.',
      '`-q` (quiet) or `-nv` (no verbose) print nothing but errors.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN wget https://example.com/tool.tar.gz',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN wget --progress=dot:giga https://example.com/tool.tar.gz',
    ].join('\n'),
    fix: 'Adds `--progress=dot:giga` after `wget` (GNU wget), or `-q` on Alpine and BusyBox-based images, whose wget has no `--progress` option. Applied by fix-all when the base image is known to be Debian, Ubuntu, Red Hat-like or Alpine; only offered otherwise.',
    notes: [
      'Accepted, as in hadolint: `--progress`, `-q`/`--quiet`, `-nv`/`--no-verbose`, and output to a log file',
      '(`-o`/`--output-file`, `-a`/`--append-output`).',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const wget = wgetCommand(c.cmd);
      if (!wget) continue;
      const words = c.cmd.argv.slice(wget.toolIndex + 1);
      if (hasOption(wget.parsed, '--progress', '-q', '--quiet', '--no-verbose', '-o', '--output-file', '-a', '--append-output')) continue;
      if (words.some(w => w === '-nv' || /^-[a-zA-Z]*nv$/.test(w))) continue;
      const family = c.stage.from ? baseImageFacts(c.stage).family : 'unknown';
      const busybox = family === 'alpine';
      ctx.report({
        range: wordsRange(model, c, wget.toolIndex),
        message: busybox
          ? '`wget` without `-q` writes its progress meter into the build log; add `-q` (BusyBox wget, as on Alpine, has no `--progress` option).'
          : '`wget` without a progress option prints a line of dots for every few kilobytes into the build log; add `--progress=dot:giga` (or `-q`).',
        fixes: (): Fix[] => {
          const edit = insertAfterWord(model, c, wget.toolIndex, busybox ? '-q' : '--progress=dot:giga');
          const known = family === 'alpine' || family === 'debian' || family === 'rhel';
          return edit ? [{ title: busybox ? 'Add `-q`' : 'Add `--progress=dot:giga`', edits: [edit], safe: known && !c.site.onbuild }] : [];
        },
      });
    }
  },
});
