import { defineRule } from '../rule';
import { commandSites, insertAfterWord, pipedFrom, wordsRange } from '../knowledge/command-sites';
import { hasOption, zypperAction, zypperCommand } from '../knowledge/package-managers';
import { commandName } from '../shell/commands';
import type { Fix } from '../types';

/** Subcommands that ask before changing packages. */
const PROMPTING = new Set(['install', 'remove', 'source-install', 'patch', 'update', 'dist-upgrade', 'install-new-recommends']);

export default defineRule({
  id: 'zypper-without-non-interactive',
  aliases: ['DL3034'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`zypper install` without `--non-interactive` (or `-y`) stops at its confirmation prompt, and the build fails.',
    why: [
      'zypper asks `Continue? [y/n/v/...? shows all options] (y):` before it changes packages. A Docker build has no',
      'terminal to answer it, so the RUN hangs or aborts. `zypper --non-interactive install …` (global option, `-n` for',
      'short) answers every question with its default; `zypper install -y` (`--no-confirm`) skips this one prompt.',
    ].join('\n'),
    bad: [
      'FROM opensuse/leap:15.6',
      'RUN zypper install "tomcat>=9.0" && zypper clean --all',
    ].join('\n'),
    good: [
      'FROM opensuse/leap:15.6',
      'RUN zypper --non-interactive install "tomcat>=9.0" && zypper clean --all',
    ].join('\n'),
    fix: 'Adds `--non-interactive` right after `zypper`. Applied by fix-all: it only answers the prompts that would otherwise stop the build.',
    notes: [
      'Accepted as in hadolint: `--non-interactive`, `-n`, `--no-confirm` and `-y`, before or after the subcommand',
      '(hadolint also accepts `zypper install -n`, where `-n` is really `--name`; so do we). `yes |` piped in is accepted',
      'too. Deviation: besides hadolint\'s `install`, `remove`, `source-install` and `patch`, `update`, `dist-upgrade`',
      'and `install-new-recommends` are checked.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const z = zypperCommand(c.cmd);
      const action = z && zypperAction(z);
      if (!z?.sub || !action || !PROMPTING.has(action)) continue;
      if (hasOption(z.parsed, '-n', '--non-interactive', '--no-confirm', '-y')) continue;
      if (pipedFrom(model, c).some(p => commandName(p.cmd) === 'yes')) continue;
      ctx.report({
        range: wordsRange(model, c, z.toolIndex, z.sub.index),
        message: `\`zypper ${z.sub.text}\` without \`--non-interactive\` waits for a confirmation nobody can give during a build; write \`zypper --non-interactive ${z.sub.text}\`.`,
        fixes: (): Fix[] => {
          const edit = insertAfterWord(model, c, z.toolIndex, '--non-interactive');
          return edit ? [{ title: 'Add `--non-interactive`', edits: [edit], safe: true }] : [];
        },
      });
    }
  },
});
