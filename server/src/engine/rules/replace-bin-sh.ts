import { defineRule } from '../rule';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { lintStages, runSites } from '../knowledge/stages';
import { unwrapped } from '../knowledge/command-sites';

export default defineRule({
  id: 'replace-bin-sh',
  aliases: ['DL4005'],
  category: 'correctness',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'A RUN replaces `/bin/sh` with a link to another shell; use the SHELL instruction to choose the shell for RUN.',
    why: [
      'People link `/bin/sh` to bash (`ln -sf /bin/bash /bin/sh`) so that RUN lines can use bash features. It changes',
      'far more than the Dockerfile: every script in the image with `#!/bin/sh`, the package manager\'s maintainer',
      'scripts and `system()` calls in programs now run under bash, and a package upgrade may restore the original link',
      'and break the build again.',
      '',
      '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` makes the following RUN (and shell-form CMD) instructions use bash',
      'and leaves the system alone.',
    ].join('\n'),
    bad: [
      'FROM debian:12-slim',
      'RUN ln -sf /bin/bash /bin/sh',
      'RUN source /etc/os-release && echo "$PRETTY_NAME"',
    ].join('\n'),
    good: [
      'FROM debian:12-slim',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN source /etc/os-release && echo "$PRETTY_NAME"',
    ].join('\n'),
    notes: 'As hadolint\'s DL4005: an `ln` command with `/bin/sh` among its arguments, also in ONBUILD RUN triggers.',
  },
  check(ctx) {
    for (const stage of lintStages(ctx.model)) {
      for (const site of runSites(stage)) {
        for (const raw of runScript(site.node).commands) {
          const cmd = unwrapped(raw);
          if (commandName({ argv: cmd.argv, assignments: [] }) !== 'ln' || !cmd.argv.slice(1).includes('/bin/sh')) continue;
          ctx.report({
            range: site.info.range,
            message: '`ln … /bin/sh` swaps the system shell for every script in the image; choose the shell for RUN with `SHELL ["/bin/bash", "-c"]` instead.',
          });
        }
      }
    }
  },
});
