import { defineRule } from '../rule';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { lintStages, runSites } from '../knowledge/stages';

export default defineRule({
  id: 'cd-instead-of-workdir',
  aliases: ['DL3003'],
  category: 'style',
  severity: 'hint',
  fixable: false,
  docs: {
    summary: '`cd` in a RUN changes directory for that RUN only; WORKDIR changes it for every later instruction.',
    why: [
      'Every RUN starts a new shell in the working directory set by WORKDIR. A `cd` lasts until the end of its RUN, so',
      '`RUN cd /app` on its own does nothing at all, and the next instruction is back where it was. That is a bug',
      '(reported as a warning): the author expected the change to last.',
      '',
      '`cd` followed by more commands in the same RUN works, but the Dockerfile is easier to follow when the folder is',
      'set with WORKDIR, which also creates it and applies to COPY, CMD and the running container. A `cd` into a',
      'temporary build folder (`cd /tmp/src && make install`) is a reasonable exception; this is only a hint.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'COPY . /app',
      'RUN cd /app',
      'RUN pip install --no-cache-dir -r requirements.txt',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN pip install --no-cache-dir -r requirements.txt',
    ].join('\n'),
    notes: [
      'Hadolint\'s DL3003 warns about every `cd`; here a `cd` that is the last command of its RUN (and so has no effect) is',
      'a warning, and one followed by other commands is a hint. There is no quick fix: replacing `cd` with WORKDIR also',
      'changes where later instructions and the container run. ONBUILD RUN triggers are checked too.',
    ].join(' '),
  },
  check(ctx) {
    for (const stage of lintStages(ctx.model)) {
      for (const site of runSites(stage)) {
        const commands = runScript(site.node).commands;
        const index = commands.findIndex(c => commandName(c) === 'cd');
        if (index < 0) continue;
        const cd = commands[index];
        const target = cd.argv[1] ?? '~';
        const noEffect = commands.slice(index).every(c => commandName(c) === 'cd');
        const workdir = target.startsWith('/') ? `\`WORKDIR ${target}\`` : 'a WORKDIR with the absolute path';
        ctx.report({
          range: site.info.range,
          severity: noEffect ? 'warning' : undefined,
          message: noEffect
            ? `\`cd ${target}\` ends with this RUN, so it has no effect on later instructions; use ${workdir}.`
            : `\`cd ${target}\` only lasts for this RUN; if later instructions should work there too, set ${workdir} instead.`,
        });
      }
    }
  },
});
