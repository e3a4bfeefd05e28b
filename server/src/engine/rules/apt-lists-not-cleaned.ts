import type { Stage } from '../model';
import { defineRule, type RuleContext } from '../rule';
import { appendToRun, sourceOf } from '../knowledge/command-sites';
import { runScript } from '../run';
import { isAptUpdate, mountHoldsAptLists, removesAptLists, usesAptLists } from '../knowledge/apt';
import { ancestry, baseStages, lintStages, runSites, type RunSite } from '../knowledge/stages';
import { rangeOf } from '../text';
import type { Fix } from '../types';

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

export default defineRule({
  id: 'apt-lists-not-cleaned',
  aliases: ['DL3009'],
  category: 'size',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'The package lists downloaded by `apt-get update` stay in the layer: tens of megabytes nobody needs at run time.',
    why: [
      '`apt-get update` downloads the package indexes of every configured repository into `/var/lib/apt/lists/`.',
      'They are only needed while `apt-get install` picks packages, yet if the RUN ends without deleting them they are',
      'saved in the layer and shipped, pulled and stored with every copy of the image (often 20–50 MB).',
      '',
      'Deleting them in a later RUN does not help: each layer is a frozen set of file changes, and the earlier layer',
      'still holds the files; the later one only hides them. The cleanup has to happen in the same RUN that downloaded',
      'them, typically as the last step: `apt-get update && apt-get install -y ... && rm -rf /var/lib/apt/lists/*`.',
      'Official Debian and Ubuntu images already ship without these lists, so removing them restores the state the base',
      'image started in.',
      '',
      'With BuildKit you can instead keep the lists in a cache mount (`RUN --mount=type=cache,target=/var/lib/apt/lists`):',
      'they then live in the builder\'s cache, never in the image, and later builds reuse them.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    fix: `Appends \`&& ${CLEANUP}\` to the RUN (shell form; for a shell heredoc, adds it as the last line of the script). Not offered when a later RUN installs packages without running \`apt-get update\` first, since it relies on these lists.`,
    notes: [
      'Like hadolint, the rule looks at the final stage and at stages that another stage is built `FROM`; a stage that is',
      'only copied from (`COPY --from`) is not shipped, so its lists do not matter. ONBUILD RUNs are checked in every stage.',
      'It reports the RUN that runs `apt-get update` (that is the one that creates the lists) and only when the same RUN',
      'installs something; an update on its own is `apt-update-alone`\'s finding. The cleanup must come after the last',
      'update in the RUN. A cache or tmpfs mount on `/var/lib/apt/lists` or on a folder above it (such as `/var/lib/apt`)',
      'counts as cleaned; hadolint also wants `/var/cache/apt` mounted in the second case, which does not affect the lists.',
      'Also recognised: `rm -r`/`rm -rf` of the lists folder or of `/var/lib/apt`, `find /var/lib/apt/lists -delete`, and',
      '`apt-get dist-clean` (apt 2.7.8 and later, as in Debian trixie: it keeps only the signed Release files). An install',
      'with apt 3\'s `--update` option downloads the lists too and is treated like an update.',
    ].join(' '),
  },
  check(ctx) {
    const bases = baseStages(ctx.model);
    for (const stage of lintStages(ctx.model)) {
      const shipped = stage.isFinal || bases.has(stage);
      for (const site of runSites(stage)) {
        if (!shipped && !site.onbuild) continue;
        const script = runScript(site.node);
        const commands = script.commands;
        let lastUpdate = -1;
        commands.forEach((c, i) => { if (isAptUpdate(c)) lastUpdate = i; });
        if (lastUpdate < 0 || !commands.some(usesAptLists)) continue;
        if (mountHoldsAptLists(script.mounts)) continue;
        if (commands.some((c, i) => i > lastUpdate && removesAptLists(c))) continue;
        const src = sourceOf(ctx.model, site.node);
        const words = src?.commands[lastUpdate]?.argv;
        // A cleanup in a later RUN is a common misunderstanding worth naming.
        const lateCleanup = site.onbuild ? undefined : runSites(stage).find(r => !r.onbuild && r.info.index > site.info.index && runScript(r.node).commands.some(removesAptLists));
        const late = lateCleanup ? ` (the cleanup on line ${lateCleanup.info.range.start.line + 1} runs in a later layer: it hides the files but cannot shrink this one)` : '';
        ctx.report({
          range: words?.length ? rangeOf(ctx.model.lines, words[0].start, words[words.length - 1].end) : site.info.range,
          message: `The package lists fetched by \`${commands[lastUpdate].argv.join(' ')}\` stay in this layer; end the same RUN with \`&& ${CLEANUP}\`${site.onbuild ? ' (this ONBUILD RUN runs in every image built from this one)' : late}.`,
          fixes: () => cleanupFix(ctx, stage, site),
        });
      }
    }
  },
});

function cleanupFix(ctx: RuleContext, stage: Stage, site: RunSite): Fix[] {
  if (laterRunNeedsLists(ctx, stage, site)) return [];
  const edit = appendToRun(ctx.model, site, CLEANUP);
  if (!edit) return [];
  const title = sourceOf(ctx.model, site.node)?.heredoc ? `Delete the apt lists at the end of the script (\`${CLEANUP}\`)` : `Append \`&& ${CLEANUP}\` to this RUN`;
  return [{ title, edits: [edit], safe: !site.onbuild }];
}

/** Does a later RUN in this stage, or in a stage built on it, install packages without updating first? */
function laterRunNeedsLists(ctx: RuleContext, stage: Stage, site: RunSite): boolean {
  if (site.onbuild) return false;
  const descendants = ctx.model.stages.filter(s => s !== stage && ancestry(s).includes(stage));
  const later = [
    ...runSites(stage).filter(r => r.info.index > site.info.index),
    ...descendants.flatMap(s => runSites(s)),
  ];
  return later.some(r => {
    const commands = runScript(r.node).commands;
    const firstUse = commands.findIndex(usesAptLists);
    if (firstUse < 0) return false;
    const update = commands.findIndex(isAptUpdate);
    return update < 0 || update > firstUse;
  });
}
