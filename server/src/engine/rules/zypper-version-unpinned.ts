import { defineRule } from '../rule';
import { commandSites, listForMessage, unpinnedArguments, wordsRange } from '../knowledge/command-sites';
import { optionValues, zypperAction, zypperCommand } from '../knowledge/package-managers';

/** hadolint's test: a version relation (`=`, `>=`, `>`, `<=`, `<`) or an `.rpm` file. */
const zypperPinned = (p: string) => /[=<>]/.test(p) || p.endsWith('.rpm');

export default defineRule({
  id: 'zypper-version-unpinned',
  aliases: ['DL3037'],
  category: 'correctness',
  severity: 'hint',
  fixable: false,
  docs: {
    summary: '`zypper install` names packages without a version, so each build installs whatever the repositories have that day.',
    why: [
      '`zypper install -y tomcat` installs the newest `tomcat` of the configured repositories at build time; rebuilding',
      'the same Dockerfile later can give different software. `tomcat=9.0.85` pins the version, and `tomcat>=9.0` or',
      '`tomcat<10` limit it to a range you have tested (quote them, or the shell reads `>` as a redirection).',
      '',
      'Repositories drop superseded versions, so exact pins must be bumped now and then, and they hold back security',
      'fixes until someone does. Whether to pin OS packages is a team policy, so this rule is a hint by default.',
    ].join('\n'),
    bad: [
      'FROM opensuse/leap:15.6',
      'RUN zypper --non-interactive install tomcat && zypper clean --all',
    ].join('\n'),
    good: [
      'FROM opensuse/leap:15.6',
      'RUN zypper --non-interactive install "tomcat>=9.0" && zypper clean --all',
    ].join('\n'),
    notes: [
      'Counts as pinned, as in hadolint: `=`, `>=`, `>`, `<=`, `<` and `.rpm` files. Deviations: installs of patterns,',
      'patches or products (`-t pattern`) are not checked, and option values (`--from repo`, `-r repo`) are not',
      'packages. A team that pins can raise the rule in `.layerwise.yaml` (`rules: {DL3037: warning}`).',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const z = zypperCommand(c.cmd);
      if (!z?.sub || zypperAction(z) !== 'install') continue;
      if (optionValues(z.parsed, '-t', '--type').some(t => t !== 'package')) continue;
      const loose = unpinnedArguments(model, c, z.parsed.operands.slice(1), zypperPinned);
      if (!loose.length) continue;
      ctx.report({
        range: wordsRange(model, c, z.toolIndex, z.sub.index),
        message: `\`zypper ${z.sub.text}\` does not pin ${listForMessage(loose)}; write \`${loose[0]}=<version>\` if your team pins OS packages.`,
      });
    }
  },
});
