import { defineRule } from '../rule';
import { aptOperands, isAptInstall } from '../knowledge/apt';
import { commandSites, listForMessage, unpinnedArguments, wordsRange, unwrapped } from '../knowledge/command-sites';

/** hadolint's test: `pkg=version`, a `pkg/release` selection, or a `.deb` file. */
const aptPinned = (p: string) => p.includes('=') || p.includes('/') || p.endsWith('.deb');

export default defineRule({
  id: 'apt-version-unpinned',
  aliases: ['DL3008'],
  category: 'correctness',
  severity: 'hint',
  fixable: false,
  docs: {
    summary: '`apt-get install` names packages without a version, so each build installs whatever the archive has that day.',
    why: [
      'Without a version, `apt-get install curl` installs the newest `curl` in the package lists of the moment. Two builds of',
      'the same Dockerfile a month apart can contain different software, and a cached layer can hide the difference until',
      'the cache is cleared. Pinning (`curl=7.88.1-10+deb12u5`) makes the image reproducible and makes every upgrade a',
      'visible change in the Dockerfile.',
      '',
      'Pinning OS packages has a cost: Debian and Ubuntu drop superseded versions from their archives (security updates',
      'replace them), so an exact pin eventually fails to build and has to be bumped, and a pin also holds back security',
      'fixes until someone bumps it. Many teams pin the base image by digest instead and leave packages unpinned. That is',
      'why this rule is a hint by default: treat it as a policy your team opts into.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \\',
      '    && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    notes: [
      'A team that pins can raise it in `.layerwise.yaml` (`rules: {DL3008: warning}`).',
      'Counts as pinned, as in hadolint: `pkg=version` (wildcards such as `pkg=1.2.*` included), `pkg/release` (a target',
      'release) and `.deb` files; `-t release` is an option, not a package. Versions given through variables are followed:',
      '`curl=$CURL_VERSION` is pinned, and `apt-get install $PACKAGES` checks the words of `PACKAGES` when the Dockerfile',
      'sets it. Deviations from hadolint: `apt install` is checked too (hadolint checks only `apt-get`); a package list in',
      'a variable the Dockerfile never sets (it comes from the base image, like `$PHPIZE_DEPS`) or in `$(…)` is not',
      'reported, since we cannot see it; `sudo apt-get install` is read through `sudo`.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const apt = isAptInstall(c.cmd);
      if (!apt) continue;
      const loose = unpinnedArguments(model, c, aptOperands(c.cmd), aptPinned);
      if (!loose.length) continue;
      ctx.report({
        range: wordsRange(model, c, unwrapped(c.cmd).offset, apt.subcommandIndex),
        message: `\`${apt.tool} install\` does not pin ${listForMessage(loose)}; write \`${loose[0]}=<version>\` if your team pins OS packages.`,
      });
    }
  },
});
