import { defineRule } from '../rule';
import { commandSites, insertAfterWord, mountCovers, removesFolder, wordsRange } from '../knowledge/command-sites';
import { apkCommand, hasOption } from '../knowledge/package-managers';
import type { Fix } from '../types';

const CACHE = ['/var/cache/apk'];

export default defineRule({
  id: 'apk-add-without-no-cache',
  aliases: ['DL3019'],
  category: 'size',
  severity: 'info',
  fixable: true,
  docs: {
    summary: '`apk add` without `--no-cache` leaves the package index it downloaded in the layer.',
    why: [
      'To install anything, apk needs the index of each repository (`APKINDEX.tar.gz`). With `apk update` or',
      '`apk add --update` it saves those indexes in `/var/cache/apk`, where they stay in the layer after the RUN: a few',
      'megabytes nobody uses at run time, in every copy of the image.',
      '',
      '`apk add --no-cache` fetches a fresh index for this command only and keeps nothing, so it replaces both',
      '`apk update` and the `rm -rf /var/cache/apk/*` cleanup.',
    ].join('\n'),
    bad: [
      'FROM alpine:3.20',
      'RUN apk add curl',
    ].join('\n'),
    good: [
      'FROM alpine:3.20',
      'RUN apk add --no-cache curl',
    ].join('\n'),
    fix: 'Adds `--no-cache` right after `add`. Applied by fix-all: the same packages are installed, from a freshly fetched index, and nothing is cached.',
    notes: [
      'As in hadolint, a cache or tmpfs mount on `/var/cache/apk` counts. Also accepted (our addition): `rm -rf',
      '/var/cache/apk/*` later in the same RUN, and `--no-network`, which downloads nothing. `apk upgrade` is checked as well as `apk add`. In a stage that does not',
      'end up in the final image the finding is a hint.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const apk = apkCommand(c.cmd);
      if (!apk?.sub || (apk.sub.text !== 'add' && apk.sub.text !== 'upgrade')) continue;
      // `--no-network` installs from what is already on disk: nothing is downloaded or cached.
      if (hasOption(apk.parsed, '--no-cache', '--no-network')) continue;
      if (mountCovers(c.script.mounts, CACHE)) continue;
      const later = commandSites(model).filter(x => x.site.node === c.site.node && x.index > c.index);
      if (later.some(x => removesFolder(x.cmd, CACHE))) continue;
      const visible = c.shipped || c.site.onbuild;
      ctx.report({
        range: wordsRange(model, c, apk.toolIndex, apk.sub.index),
        severity: visible ? undefined : 'hint',
        message: `\`apk ${apk.sub.text}\` without \`--no-cache\` can leave the package index in this layer${visible ? '' : ' (this stage is not shipped, so it only costs builder disk space)'}; write \`apk ${apk.sub.text} --no-cache\`.`,
        fixes: (): Fix[] => {
          const edit = insertAfterWord(model, c, apk.sub!.index, '--no-cache');
          return edit ? [{ title: 'Add `--no-cache`', edits: [edit], safe: true }] : [];
        },
      });
    }
  },
});
