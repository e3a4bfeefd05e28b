import { defineRule } from '../rule';
import { checkAssumeYes } from './yum-without-yes';

export default defineRule({
  id: 'dnf-without-yes',
  aliases: ['DL3038'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`dnf install` (or `microdnf install`) without `-y` stops at its confirmation prompt, and the build fails.',
    why: [
      'dnf asks `Is this ok [y/N]:` before it installs, upgrades or removes packages (recent microdnf versions ask too).',
      'A Docker build has no terminal to answer it: dnf reads the end of its input, takes it as "no", and the RUN',
      'fails with `Operation aborted`. `-y` (`--assumeyes`) answers yes up front.',
    ].join('\n'),
    bad: [
      'FROM fedora:40',
      'RUN dnf install httpd-2.4.62 && dnf clean all',
    ].join('\n'),
    good: [
      'FROM fedora:40',
      'RUN dnf install -y httpd-2.4.62 && dnf clean all',
    ].join('\n'),
    fix: 'Adds `-y` after the subcommand (`dnf install -y`). Applied by fix-all: it only answers the prompt that would otherwise fail the build.',
    notes: [
      'Checks `dnf`, `dnf5`, `microdnf` and `tdnf`. Accepted: `-y`, `--assumeyes`, `--setopt=assumeyes=1`, `yes |` piped',
      'in, and `assumeyes=1` written to `/etc/dnf/dnf.conf` by an earlier RUN (or a COPY of it). Deviation from',
      'hadolint, which checks `install`, `groupinstall` and `localinstall`: every subcommand that asks first is checked',
      '(`in`, `upgrade`, `remove`, `reinstall`, `group install`, `module install`…).',
    ].join(' '),
  },
  check(ctx) {
    checkAssumeYes(ctx, ['dnf', 'microdnf']);
  },
});
