import { defineRule } from '../rule';
import { checkCacheCleanup } from '../knowledge/command-sites';
import { rpmCacheSpec } from './yum-cache-not-cleaned';

export default defineRule({
  id: 'dnf-cache-not-cleaned',
  aliases: ['DL3040'],
  category: 'size',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`dnf install` (or `microdnf install`) leaves its repository metadata in the layer; end the RUN with `dnf clean all`.',
    why: [
      'dnf downloads the metadata of every enabled repository into its cache (`/var/cache/dnf`, or `/var/cache/libdnf5`',
      'with dnf 5), often tens of megabytes. If the RUN ends without removing it, it is saved in the layer and shipped',
      'with every copy of the image.',
      '',
      'A later RUN cannot take it back out: each layer is frozen when its RUN ends. Clean up in the same RUN, as the last',
      'step: `dnf install -y … && dnf clean all` (`microdnf clean all` for microdnf). With BuildKit you can keep the',
      'cache out of the image with a cache mount: `RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y …`.',
    ].join('\n'),
    bad: [
      'FROM fedora:40',
      'RUN dnf install -y httpd-2.4.62',
    ].join('\n'),
    good: [
      'FROM fedora:40',
      'RUN dnf install -y httpd-2.4.62 && dnf clean all',
    ].join('\n'),
    fix: 'Appends `&& dnf clean all` (or `&& microdnf clean all`) to the RUN. Applied by fix-all unless a later RUN uses the same tool again (then it is only offered).',
    notes: [
      'As in hadolint, `dnf` and `microdnf` each need their own `clean all` after their last download (`install`/`in`,',
      '`upgrade`/`up`, `upgrade-minimal`, `reinstall`…), and a cache or tmpfs mount on the cache folder counts.',
      '`rm -rf` of an RPM cache folder (`/var/cache/dnf`, `/var/cache/libdnf5`, `/var/cache/yum`, or `/var/cache/*`)',
      'counts as cleaning too, since which one dnf uses depends on its version. `dnf5` and `tdnf` are read as dnf. In a',
      'stage that does not end up in the final image the finding is a hint. Deviations from hadolint: the cleanup must',
      'come after the *last* download; `rm -rf` must name a cache folder (hadolint accepts any `rm -rf`); `downgrade`,',
      '`distro-sync`, `group install` and `makecache` are checked too.',
    ].join(' '),
  },
  check(ctx) {
    checkCacheCleanup(ctx, rpmCacheSpec(['dnf', 'microdnf']));
  },
});
