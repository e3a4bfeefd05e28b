import { defineRule } from '../rule';
import { checkCacheCleanup, removesFolder, type CacheSpec } from '../knowledge/command-sites';
import { RPM_CACHE_DIRS, RPM_DOWNLOADING, rpmAction, rpmCleansAll, rpmCommand, type RpmTool } from '../knowledge/package-managers';

/** The cache rule for the RPM family; `yum-cache-not-cleaned` and `dnf-cache-not-cleaned` differ only in the tools. */
export function rpmCacheSpec(families: readonly RpmTool[]): CacheSpec {
  return {
    downloads(cmd) {
      const t = rpmCommand(cmd);
      if (!t || !families.includes(t.family)) return undefined;
      const a = rpmAction(t);
      if (!a || !(RPM_DOWNLOADING.has(a.action) || a.action === 'makecache')) return undefined;
      const last = t.parsed.operands[a.operandsFrom - 1];
      return { family: t.family, label: `${t.tool} ${a.action}`, from: t.toolIndex, to: last.index };
    },
    cleans(cmd, family) {
      const t = rpmCommand(cmd);
      if (t) return t.family === family && rpmCleansAll(t);
      return removesFolder(cmd, RPM_CACHE_DIRS);
    },
    dirs: RPM_CACHE_DIRS,
    mountFragments: ['.cache/libdnf5'],
    cleanCommand: family => `${family} clean all`,
    message: (label, clean, shipped) => shipped
      ? `\`${label}\` leaves the downloaded packages and repository metadata in this layer; end the same RUN with \`&& ${clean}\`.`
      : `\`${label}\` leaves its cache in this layer; the stage is not shipped, so it only costs builder disk space. End the RUN with \`&& ${clean}\`.`,
  };
}

export default defineRule({
  id: 'yum-cache-not-cleaned',
  aliases: ['DL3032'],
  category: 'size',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`yum install` leaves its repository metadata and package cache in the layer; end the RUN with `yum clean all`.',
    why: [
      'yum downloads the metadata of every enabled repository (and, depending on `keepcache`, the packages themselves)',
      'into `/var/cache/yum`. If the RUN ends without removing them, they are saved in the layer and shipped with every',
      'copy of the image, often tens or hundreds of megabytes.',
      '',
      'A later RUN cannot take them back out: each layer is frozen when its RUN ends. Clean up in the same RUN, as the last',
      'step: `yum install -y … && yum clean all`. With BuildKit you can keep the cache out of the image instead with a',
      'cache mount: `RUN --mount=type=cache,target=/var/cache/yum yum install -y …`.',
    ].join('\n'),
    bad: [
      'FROM centos:7',
      'RUN yum install -y httpd-2.4.6',
    ].join('\n'),
    good: [
      'FROM centos:7',
      'RUN yum install -y httpd-2.4.6 && yum clean all',
    ].join('\n'),
    fix: 'Appends `&& yum clean all` to the RUN. Applied by fix-all unless a later RUN uses yum again (then it is only offered: yum downloads the metadata again, which works but is slower).',
    notes: [
      'Accepted: `yum clean all` after the last install of the RUN, `rm -rf /var/cache/yum` (or `/var/cache/yum/*`,',
      '`/var/cache/dnf`, a folder above them), and a cache or tmpfs mount on the cache folder. In a stage that does not',
      'end up in the final image the finding is a hint. Deviations from hadolint: besides `install`, the other',
      'subcommands that download (`update`, `reinstall`, `downgrade`, `group install`, `makecache`…) are checked; the',
      'cleanup must come after the *last* install (hadolint: after the first), and `rm -rf` must name the cache',
      'folder (hadolint accepts any `rm -rf`).',
    ].join(' '),
  },
  check(ctx) {
    checkCacheCleanup(ctx, rpmCacheSpec(['yum']));
  },
});
