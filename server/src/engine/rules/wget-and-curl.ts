import { defineRule } from '../rule';
import { commandNamesOf, commandsOfSite, wordsRange } from '../knowledge/command-sites';
import { lintStages, runSites } from '../knowledge/stages';
import { runScript } from '../run';
import { commandName } from '../shell/commands';

export default defineRule({
  id: 'wget-and-curl',
  aliases: ['DL4001'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'The stage downloads with both `wget` and `curl`; one tool is enough.',
    why: [
      'Both programs download files. Using both in one image means both must be installed, and anyone maintaining the',
      'Dockerfile has to know both sets of flags (`-O` means different things to them). Pick one, usually the one the',
      'base image already has (`curl` in Debian-based language images, BusyBox `wget` in Alpine), and use it',
      'everywhere in the stage.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN wget -q https://example.com/a.tar.gz',
      'RUN curl -fsSLO https://example.com/b.tar.gz',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN curl -fsSLO https://example.com/a.tar.gz',
      'RUN curl -fsSLO https://example.com/b.tar.gz',
    ].join('\n'),
    notes: [
      'As in hadolint, each stage is counted on its own (ONBUILD RUNs separately from RUNs), and every RUN that uses',
      'one of the two once the stage has used both is reported. Commands inside `$(…)` count. Our default severity is',
      '`info` (hadolint: warning).',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      for (const onbuild of [false, true]) {
        const seen = new Map<string, number>();
        for (const site of runSites(stage).filter(s => s.onbuild === onbuild)) {
          const used = new Set<string>(commandNamesOf(runScript(site.node).commands).filter(n => n === 'curl' || n === 'wget'));
          if (!used.size) continue;
          for (const n of used) if (!seen.has(n)) seen.set(n, site.info.range.start.line + 1);
          if (seen.size < 2) continue;
          // ONBUILD findings keep the whole line: before trigger nodes were shared, this lookup never matched them.
          const here = site.onbuild ? undefined : commandsOfSite(model, site).find(c => used.has(commandName(c.cmd)));
          const other = used.size === 2 ? undefined : [...seen.keys()].find(n => !used.has(n));
          ctx.report({
            range: here ? wordsRange(model, here, 0) : site.info.range,
            message: other
              ? `This RUN uses \`${[...used][0]}\`, but the stage already downloads with \`${other}\` (line ${seen.get(other)}); use one of them throughout.`
              : 'This RUN uses both `curl` and `wget`; one download tool is enough, use it throughout the stage.',
          });
        }
      }
    }
  },
});
