import { defineRule } from '../rule';
import { commandSites, listForMessage, unpinnedArguments, wordsRange } from '../knowledge/command-sites';
import { gemCommand, hasOption } from '../knowledge/package-managers';

export default defineRule({
  id: 'gem-version-unpinned',
  aliases: ['DL3028'],
  category: 'correctness',
  severity: 'info',
  fixable: false,
  docs: {
    summary: '`gem install` names a gem without a version, so each build may install a different release.',
    why: [
      '`gem install bundler` installs the newest release at build time. Bundler in particular must match the',
      '`BUNDLED WITH` version of `Gemfile.lock`, and a new major release of any tool can break the build of an',
      'unchanged Dockerfile. Name the version: `gem install bundler:2.5.11` or `gem install bundler -v 2.5.11`.',
      '',
      'Gems of the application itself belong in the `Gemfile` and `Gemfile.lock`, installed with `bundle install`.',
    ].join('\n'),
    bad: [
      'FROM ruby:3.3-slim',
      'RUN gem install bundler',
    ].join('\n'),
    good: [
      'FROM ruby:3.3-slim',
      'RUN gem install bundler:2.5.11',
    ].join('\n'),
    notes: [
      'Counts as pinned, as in hadolint: `name:version`, or a `-v`/`--version` option on the command (it applies to',
      'the gems named). Arguments after `--` are build options, not gems. Like hadolint, an unknown long option is read',
      'as taking the next word as its value; well-known flags such as `--no-document` are not, so the gem after them is',
      'checked (hadolint skips it: a deviation). Local `.gem` files count as pinned. Raise the rule in `.layerwise.yaml`',
      '(`rules: {DL3028: warning}`) to enforce it.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const gem = gemCommand(c.cmd);
      if (!gem?.sub || (gem.sub.text !== 'install' && gem.sub.text !== 'i')) continue;
      if (hasOption(gem.parsed, '-v', '--version')) continue;
      const gems = gem.parsed.operands.slice(1).filter(o => !o.afterDashDash);
      const loose = unpinnedArguments(model, c, gems, g => g.includes(':') || g.endsWith('.gem'));
      if (!loose.length) continue;
      ctx.report({
        range: wordsRange(model, c, gem.toolIndex, gem.sub.index),
        message: `\`gem ${gem.sub.text}\` does not pin ${listForMessage(loose)}; write \`${loose[0]}:<version>\` (or add \`-v <version>\`).`,
      });
    }
  },
});
