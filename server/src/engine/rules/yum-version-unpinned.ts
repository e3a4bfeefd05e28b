import { defineRule } from '../rule';
import { reportUnpinnedRpmInstalls } from '../knowledge/rpm-pins';

export default defineRule({
  id: 'yum-version-unpinned',
  aliases: ['DL3033'],
  category: 'correctness',
  severity: 'hint',
  fixable: false,
  docs: {
    summary: '`yum install` names packages without a version, so each build installs whatever the repositories have that day.',
    why: [
      '`yum install -y httpd` installs the newest `httpd` in the configured repositories at build time; rebuilding the',
      'same Dockerfile later can give different software. `httpd-2.4.57` pins the version (`name-version` or',
      '`name-version-release`); for modules, `module install nodejs:20` pins the stream.',
      '',
      'Repositories drop superseded versions over time, so exact pins must be bumped now and then, and they hold back',
      'security fixes until someone does. Whether to pin OS packages is a team policy, so this rule is a hint by default.',
    ].join('\n'),
    bad: [
      'FROM centos:7',
      'RUN yum install -y httpd && yum clean all',
    ].join('\n'),
    good: [
      'FROM centos:7',
      'RUN yum install -y httpd-2.4.6 && yum clean all',
    ].join('\n'),
    notes: [
      'As in hadolint, a package counts as pinned when what follows its name (after a `-`) looks like a version',
      '(starts with a digit, `openssl-1:1.1.1k` and `gcc-c++-1.1.1` included), `.rpm` files are pinned, and a module',
      'needs `:stream`. A version in a variable counts when the variable is set for this step (`git-core-${version}`',
      'after `ENV version=…` in this stage or a stage it is built on) or declared by an ARG anywhere, as in hadolint.',
      'Deviations: groups (`@group`, `group install`), capabilities (`perl(Foo)`) and file paths are not checked, and',
      'option values (`--enablerepo epel`) are not packages. A team that pins can raise the rule in `.layerwise.yaml`',
      '(`rules: {DL3033: warning}`).',
    ].join(' '),
  },
  check(ctx) {
    reportUnpinnedRpmInstalls(ctx, family => family === 'yum');
  },
});
