import type { Stage } from '../model';
import { flagsOf } from '../model';
import { defineRule, type RuleContext } from '../rule';
import { sourceOf } from '../knowledge/command-sites';
import { runScript } from '../run';
import { commandName, type ShellCommand } from '../shell/commands';
import { aptCommand, isAptUpdate, usesAptLists } from '../knowledge/apt';
import { lintStages, runSites, type RunSite } from '../knowledge/stages';
import { rangeOf, wholeLines } from '../text';
import type { Fix } from '../types';

/** Instructions that may sit between the update and the install without changing what the update sees. */
const BETWEEN_OK = new Set(['ENV', 'ARG', 'LABEL']);

export default defineRule({
  id: 'apt-update-alone',
  aliases: [],
  category: 'caching',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`apt-get update` runs in its own RUN, so its cached layer keeps serving old package lists to later installs.',
    why: [
      'Docker decides whether to reuse a RUN layer by looking at the instruction text and the layers before it, never at',
      'what the command would download today. `RUN apt-get update` never changes, so after the first build its layer comes',
      'from the cache forever, holding the package lists of that day.',
      '',
      'When you later add a package to the next `RUN apt-get install`, only that step runs again, against the old lists.',
      'The mirrors have moved on, so the build fails with `404 Not Found` for package files that no longer exist, or',
      'quietly installs outdated versions that miss security fixes.',
      '',
      'Run the update in the same RUN as the install (`apt-get update && apt-get install -y ...`). Then any change to',
      'the package list reruns both, and the lists are always as fresh as the install that uses them.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update',
      'RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    fix: 'Moves the update into the RUN that installs right after it (`apt-get update && apt-get install ...`), or deletes it when that RUN already updates. Offered only when the merge cannot change the result: nothing but ENV, ARG or LABEL in between, the same `--mount` flags, and an install RUN that joins its commands with `&&` only.',
    notes: [
      'The rule stays quiet when the RUN also runs something that may install packages itself (a shell script, `make`,',
      '`xargs apt-get ...`). A RUN with `apt-get update` and an install is never reported, whatever else it does.',
      'Cache mounts do not help here: the layer with the update is still reused from the cache.',
    ].join(' '),
  },
  check(ctx) {
    for (const stage of lintStages(ctx.model)) {
      const sites = runSites(stage);
      sites.forEach((site, i) => {
        const commands = runScript(site.node).commands;
        const update = commands.find(isAptUpdate);
        if (!update) return;
        if (commands.some(c => usesAptLists(c) || mayInstall(c))) return;
        const script = sourceOf(ctx.model, site.node);
        const cmdIndex = commands.indexOf(update);
        const words = script?.commands[cmdIndex]?.argv;
        const range = words?.length ? rangeOf(ctx.model.lines, words[0].start, words[words.length - 1].end) : site.info.range;
        const next = sites[i + 1];
        ctx.report({
          range,
          message: site.onbuild
            ? '`apt-get update` runs alone in this ONBUILD RUN; images built from this one cache it and later installs see stale lists. Put it in the same RUN as the install.'
            : `\`${update.argv.join(' ')}\` runs alone: its layer is reused from the cache forever, so later installs use stale package lists (and fail with 404 once mirrors move on). Run it in the same RUN as the install: \`apt-get update && apt-get install ...\`.`,
          fixes: () => (site.onbuild ? [] : mergeFix(ctx, stage, site, next)),
        });
      });
    }
  },
});

/** Commands that may install packages out of our sight: scripts, `make`, `xargs apt-get ...`. */
function mayInstall(cmd: ShellCommand): boolean {
  const name = commandName(cmd);
  if (['sh', 'bash', 'dash', 'ash', 'zsh', 'source', '.', 'eval', 'make', 'ansible-playbook', 'add-apt-repository'].includes(name)) return true;
  if (name.endsWith('.sh') || name === 'apt-cache') return true;
  if (cmd.argv.slice(1).some(a => a === 'apt-get' || a === 'apt' || a === 'aptitude')) return true;
  return false;
}

function mergeFix(ctx: RuleContext, stage: Stage, site: RunSite, next: RunSite | undefined): Fix[] {
  if (!next || next.onbuild) return [];
  const model = ctx.model;
  const update = runScript(site.node);
  const install = runScript(next.node);
  if (update.form !== 'shell' || install.form !== 'shell') return [];
  // Only plain updates can move: `apt-get update` (with options), nothing else.
  if (!update.commands.every(c => aptCommand(c)?.subcommand === 'update')) return [];
  const between = stage.instructions.filter(x => x.index > site.info.index && x.index < next.info.index);
  if (!between.every(x => BETWEEN_OK.has(x.keyword))) return [];
  const flags = (n: typeof site.node) => flagsOf(n).map(f => f.toString()).join(' ');
  if (flags(site.node) !== flags(next.node)) return [];
  const updateSrc = sourceOf(model, site.node);
  const installSrc = sourceOf(model, next.node);
  if (!updateSrc || !installSrc || installSrc.heredoc || updateSrc.heredoc) return [];
  const first = install.commands[0];
  if (!first) return [];

  const lines = model.lines;
  const removeUpdate = { range: wholeLines(lines, site.info.range.start.line, site.info.range.end.line), newText: '' };
  const updateAt = install.commands.findIndex(isAptUpdate);
  if (updateAt >= 0 && updateAt <= install.commands.findIndex(usesAptLists)) {
    return [{ title: 'Remove the separate `apt-get update` (the next RUN already updates)', edits: [removeUpdate], safe: true }];
  }
  // Prefixing `apt-get update && ` keeps the meaning only when the install RUN is a plain `&&` chain
  // that starts with the apt command: with `||`, `;` or `&` a failed update would no longer stop the build.
  if (!usesAptLists(first) || [...installSrc.operators].some(op => op !== '&&') || installSrc.endsInComment) return [];
  if ([...updateSrc.operators].some(op => op !== '&&' && op !== ';')) return [];
  const updateText = update.commands.map(c => c.argv.join(' ')).join(' && ');
  if (/[^\w\s./:=+@,-]/.test(updateText)) return [];
  const head = installSrc.commands[0];
  const at = lines.positionAt(head.assignments[0]?.start ?? head.argv[0].start);
  return [{
    title: `Merge \`${updateText}\` into the install RUN on line ${next.info.range.start.line + 1}`,
    edits: [removeUpdate, { range: { start: at, end: at }, newText: `${updateText} && ` }],
    safe: true,
  }];
}
