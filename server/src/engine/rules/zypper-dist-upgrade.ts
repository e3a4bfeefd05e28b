import { defineRule } from '../rule';
import { commandSites, wordsRange } from '../knowledge/command-sites';
import { zypperAction, zypperCommand } from '../knowledge/package-managers';

export default defineRule({
  id: 'zypper-dist-upgrade',
  aliases: ['DL3035'],
  category: 'correctness',
  severity: 'info',
  fixable: false,
  docs: {
    summary: '`zypper dist-upgrade` upgrades the whole distribution inside the build, so the image no longer matches its base.',
    why: [
      '`zypper dist-upgrade` (`dup`) moves every package to the newest version the repositories offer, switching vendors',
      'and, on openSUSE Leap, possibly to the next release. In an image that means a large layer on top of the base',
      '(every upgraded file is stored again), a result that depends on the day of the build, and a base image tag that',
      'no longer says what is inside.',
      '',
      'Use a newer base image instead (`opensuse/leap:15.6`, or a fresh Tumbleweed snapshot), and install security',
      'fixes with `zypper patch` if you need them before the base image catches up.',
    ].join('\n'),
    bad: [
      'FROM opensuse/leap:15.5',
      'RUN zypper --non-interactive dist-upgrade && zypper clean --all',
    ].join('\n'),
    good: [
      'FROM opensuse/leap:15.6',
      'RUN zypper --non-interactive patch && zypper clean --all',
    ].join('\n'),
    notes: [
      'On openSUSE Tumbleweed, `zypper dup` is the supported way to update, but in an image the newer base image is still',
      'the better way. Our default severity is `info` (hadolint: warning).',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const z = zypperCommand(c.cmd);
      if (!z?.sub || zypperAction(z) !== 'dist-upgrade') continue;
      ctx.report({
        range: wordsRange(model, c, z.toolIndex, z.sub.index),
        message: `\`zypper ${z.sub.text}\` upgrades the whole distribution during the build; start from a newer base image instead.`,
      });
    }
  },
});
