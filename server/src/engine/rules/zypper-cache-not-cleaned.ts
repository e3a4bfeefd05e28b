import { defineRule } from '../rule';
import { checkCacheCleanup, removesFolder } from '../knowledge/command-sites';
import { zypperAction, zypperCommand } from '../knowledge/package-managers';

const DOWNLOADING = new Set(['install', 'update', 'dist-upgrade', 'patch', 'source-install', 'install-new-recommends']);
const CACHE = ['/var/cache/zypp'];

export default defineRule({
  id: 'zypper-cache-not-cleaned',
  aliases: ['DL3036'],
  category: 'size',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`zypper install` leaves its repository metadata and package cache in the layer; end the RUN with `zypper clean --all`.',
    why: [
      'zypper keeps the metadata of every repository it refreshed, and any packages it kept, in `/var/cache/zypp`. If',
      'the RUN ends without removing them they are saved in the layer and shipped with every copy of the image.',
      '',
      'A later RUN cannot take them back out: each layer is frozen when its RUN ends. Clean up in the same RUN, as the last',
      'step: `zypper --non-interactive install … && zypper clean --all` (`zypper clean` alone removes only cached',
      'packages, `--all` the metadata too). With BuildKit a cache mount keeps the cache out of the image instead:',
      '`RUN --mount=type=cache,target=/var/cache/zypp zypper …`.',
    ].join('\n'),
    bad: [
      'FROM opensuse/leap:15.6',
      'RUN zypper --non-interactive install "tomcat>=9.0"',
    ].join('\n'),
    good: [
      'FROM opensuse/leap:15.6',
      'RUN zypper --non-interactive install "tomcat>=9.0" && zypper clean --all',
    ].join('\n'),
    fix: 'Appends `&& zypper clean --all` to the RUN. Applied by fix-all unless a later RUN uses zypper again (then it is only offered).',
    notes: [
      'Accepted, as in hadolint: `zypper clean` or `zypper cc` (with any options) after the last install, and a cache or',
      'tmpfs mount on `/var/cache/zypp`; also `rm -rf /var/cache/zypp/*`. In a stage that does not end up in the final',
      'image the finding is a hint. Deviation from hadolint, which checks `install`/`in`: `update`, `dist-upgrade`,',
      '`patch` and `source-install` download too and are checked; the cleanup must come after the last of them.',
    ].join(' '),
  },
  check(ctx) {
    checkCacheCleanup(ctx, {
      downloads(cmd) {
        const z = zypperCommand(cmd);
        const action = z && zypperAction(z);
        if (!z?.sub || !action || !DOWNLOADING.has(action)) return undefined;
        return { family: 'zypper', label: `zypper ${z.sub.text}`, from: z.toolIndex, to: z.sub.index };
      },
      cleans(cmd) {
        const z = zypperCommand(cmd);
        if (z) return zypperAction(z) === 'clean';
        return removesFolder(cmd, CACHE);
      },
      dirs: CACHE,
      cleanCommand: () => 'zypper clean --all',
      message: (label, clean, shipped) => shipped
        ? `\`${label}\` leaves zypper's metadata and package cache in this layer; end the same RUN with \`&& ${clean}\`.`
        : `\`${label}\` leaves zypper's cache in this layer; the stage is not shipped, so it only costs builder disk space. End the RUN with \`&& ${clean}\`.`,
    });
  },
});
