import { defineRule } from '../rule';
import { APT_PROMPTING, aptAssumesYes, aptCommand } from '../knowledge/apt';
import { commandSites, earlierInstruction, insertAfterWord, pipedFrom, wordsRange, unwrapped } from '../knowledge/command-sites';
import { commandName } from '../shell/commands';
import type { Fix } from '../types';

export default defineRule({
  id: 'apt-without-yes',
  aliases: ['DL3014'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`apt-get install` without `-y` stops at its "Do you want to continue?" prompt, and the build aborts.',
    why: [
      'When apt needs to install more than the packages you named (dependencies, usually), it asks',
      '`Do you want to continue? [Y/n]` and waits for an answer. A Docker build has no one to answer: apt reads the end',
      'of its input, prints `Abort.` and fails the RUN. Builds that happened to work (nothing extra to install) break the',
      'day a package gains a dependency.',
      '',
      '`-y` (`--yes`, `--assume-yes`) answers yes up front. `DEBIAN_FRONTEND=noninteractive` is a different setting: it',
      'silences the configuration questions of packages such as `tzdata`, not this prompt.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    fix: 'Adds `-y` right after the subcommand (`apt-get install -y`). Applied by fix-all: it only answers the prompt that would otherwise abort the build.',
    notes: [
      'Accepted as in hadolint: `-y`, `--yes`, `--assume-yes`, and a quiet level of two (`-qq`, `-q -q`, `-q=2`), which',
      'implies `-y`. Also accepted (our additions): `-o APT::Get::Assume-Yes=true`, `yes |` piped in, and an',
      '`APT::Get::Assume-Yes` setting written to apt\'s configuration by an earlier RUN (or a COPY into',
      '`/etc/apt/apt.conf.d/`). Deviations from hadolint, which checks `apt-get install` only: `apt` is checked too, and',
      'so are the other subcommands that ask before changing packages (`upgrade`, `dist-upgrade`, `remove`, `purge`,',
      '`autoremove`, `build-dep`).',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const apt = aptCommand(c.cmd);
      if (!apt || apt.tool === 'aptitude' || !APT_PROMPTING.has(apt.subcommand) || aptAssumesYes(apt)) continue;
      if (pipedFrom(model, c).some(p => commandName(p.cmd) === 'yes')) continue;
      if (earlierInstruction(c, t => /Assume-?Yes\s*["']?\s*\\?["']?\s*(true|1|yes)/i.test(t), d => /\/etc\/apt\/apt\.conf(\.d)?\b/.test(d))) continue;
      ctx.report({
        range: wordsRange(model, c, unwrapped(c.cmd).offset, apt.subcommandIndex),
        message: `\`${apt.tool} ${apt.subcommand}\` without \`-y\` stops at apt's confirmation prompt, and the build aborts when there is anything extra to install; add \`-y\`.`,
        fixes: (): Fix[] => {
          const edit = insertAfterWord(model, c, apt.subcommandIndex, '-y');
          return edit ? [{ title: 'Add `-y`', edits: [edit], safe: true }] : [];
        },
      });
    }
  },
});
