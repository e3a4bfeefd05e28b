import { defineRule } from '../rule';
import { commandSites, listForMessage, unpinnedArguments, wordsRange } from '../knowledge/command-sites';
import { apkCommand } from '../knowledge/package-managers';

/** hadolint's test: a version constraint (`=`, `~`, `>`, `<`) or a local `.apk` file. */
const apkPinned = (p: string) => /[=~<>]/.test(p) || p.endsWith('.apk');

export default defineRule({
  id: 'apk-version-unpinned',
  aliases: ['DL3018'],
  category: 'correctness',
  severity: 'hint',
  fixable: false,
  docs: {
    summary: '`apk add` names packages without a version, so each build installs whatever the repository has that day.',
    why: [
      '`apk add curl` installs the newest `curl` in the Alpine repository at build time, so rebuilding the same',
      'Dockerfile later can give different software. `curl=8.5.0-r0` pins the exact package; `curl~8.5` accepts patch',
      'releases of 8.5 only.',
      '',
      'Alpine keeps only the latest package version of each branch in its repositories, so an exact pin fails to build',
      'once a fix replaces that version, and it holds back security fixes until someone updates it. Pinning the base',
      'image (`alpine:3.20.3`, or by digest) already fixes the branch; whether to pin packages as well is a team policy,',
      'which is why this rule is a hint by default.',
    ].join('\n'),
    bad: [
      'FROM alpine:3.20',
      'RUN apk add --no-cache curl',
    ].join('\n'),
    good: [
      'FROM alpine:3.20',
      'RUN apk add --no-cache curl~8',
    ].join('\n'),
    notes: [
      'A team that pins can raise it in `.layerwise.yaml` (`rules: {DL3018: warning}`). Counts as pinned, as in',
      'hadolint: `=`, `~`, `>`, `<` (`pkg=1.2-r0`, `pkg~1.2`, `pkg>=1.2`) and `.apk` files; the values of `--virtual`/`-t`,',
      '`--repository`/`-X` and other options are not packages. Deviation: a package list in a variable the Dockerfile',
      'never sets (such as `$PHPIZE_DEPS` from the PHP images) or in `$(…)` is not reported.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const apk = apkCommand(c.cmd);
      if (apk?.sub?.text !== 'add') continue;
      const loose = unpinnedArguments(model, c, apk.parsed.operands.slice(1), apkPinned);
      if (!loose.length) continue;
      ctx.report({
        range: wordsRange(model, c, apk.toolIndex, apk.sub.index),
        message: `\`apk add\` does not pin ${listForMessage(loose)}; write \`${loose[0]}=<version>\` (or \`~<version>\`) if your team pins OS packages.`,
      });
    }
  },
});
