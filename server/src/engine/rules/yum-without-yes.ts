import { defineRule } from '../rule';
import { commandSites, earlierInstruction, insertAfterWord, pipedFrom, wordsRange } from '../knowledge/command-sites';
import { RPM_PROMPTING, rpmAction, rpmAssumesYes, rpmCommand, type RpmTool } from '../knowledge/package-managers';
import type { RuleContext } from '../rule';
import { commandName } from '../shell/commands';
import type { Fix } from '../types';

/** Shared by `yum-without-yes` and `dnf-without-yes`. */
export function checkAssumeYes(ctx: RuleContext, families: readonly RpmTool[]): void {
  const model = ctx.model;
  for (const c of commandSites(model)) {
    const t = rpmCommand(c.cmd);
    if (!t || !families.includes(t.family)) continue;
    const action = rpmAction(t);
    if (!action || !RPM_PROMPTING.has(action.action) || rpmAssumesYes(t)) continue;
    if (pipedFrom(model, c).some(p => commandName(p.cmd) === 'yes')) continue;
    if (earlierInstruction(c, text => /assumeyes\s*=\s*(1|true|yes)/i.test(text), d => /\/etc\/(yum\.conf|dnf\/dnf\.conf)$/.test(d))) continue;
    const last = t.parsed.operands[action.operandsFrom - 1];
    ctx.report({
      range: wordsRange(model, c, t.toolIndex, last.index),
      message: `\`${t.tool} ${action.action}\` without \`-y\` waits for a confirmation nobody can give during a build, so the build fails; add \`-y\`.`,
      fixes: (): Fix[] => {
        const edit = insertAfterWord(model, c, last.index, '-y');
        return edit ? [{ title: 'Add `-y`', edits: [edit], safe: true }] : [];
      },
    });
  }
}

export default defineRule({
  id: 'yum-without-yes',
  aliases: ['DL3030'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`yum install` without `-y` stops at its "Is this ok [y/N]" prompt, and the build fails.',
    why: [
      'yum asks `Is this ok [y/N]:` before it installs, updates or removes packages. A Docker build has no terminal to',
      'answer it: yum reads the end of its input, takes it as "no", and the RUN fails with',
      '`Exiting on user command`. `-y` (`--assumeyes`) answers yes up front.',
    ].join('\n'),
    bad: [
      'FROM centos:7',
      'RUN yum install httpd-2.4.6 && yum clean all',
    ].join('\n'),
    good: [
      'FROM centos:7',
      'RUN yum install -y httpd-2.4.6 && yum clean all',
    ].join('\n'),
    fix: 'Adds `-y` after the subcommand (`yum install -y`). Applied by fix-all: it only answers the prompt that would otherwise fail the build.',
    notes: [
      'Accepted: `-y`, `--assumeyes`, `--setopt=assumeyes=1`, `yes |` piped in, and `assumeyes=1` written to the yum',
      'configuration by an earlier RUN (or a COPY of `/etc/yum.conf`). Deviation from hadolint, which checks `install`,',
      '`groupinstall` and `localinstall`: every subcommand that asks first is checked (`update`, `remove`, `reinstall`,',
      '`downgrade`, `group install`, `module install`…).',
    ].join(' '),
  },
  check(ctx) {
    checkAssumeYes(ctx, ['yum']);
  },
});
