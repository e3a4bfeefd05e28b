import { defineRule } from '../rule';
import { flagInsertion } from '../knowledge/command-sites';
import { runScript } from '../run';
import { disablesRecommends, isAptInstall, writesNoRecommendsConfig } from '../knowledge/apt';
import { ancestry, baseStages, lintStages, runSites } from '../knowledge/stages';
import type { Fix } from '../types';

export default defineRule({
  id: 'apt-no-install-recommends',
  aliases: ['DL3015'],
  category: 'size',
  severity: 'info',
  fixable: true,
  docs: {
    summary: '`apt-get install` without `--no-install-recommends` also installs every package the requested ones merely recommend.',
    why: [
      'Debian packages list hard dependencies and, separately, "recommended" packages that most desktop users would want.',
      'By default apt installs both. In an image that usually means documentation tools, extra locales, compilers or X11',
      'libraries nobody runs: a larger image to push and pull, and more installed software to patch when a vulnerability',
      'is found in it.',
      '',
      '`--no-install-recommends` installs what the packages need to work and nothing more. Because the recommended',
      'packages are sometimes needed after all (for example `ca-certificates`, which `curl` only recommends, is what',
      'makes HTTPS work), list the ones you need explicitly. That also documents why they are there.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends ca-certificates curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    fix: 'Adds `--no-install-recommends` right after `install`. Offered, not applied automatically: if the program relied on a recommended package, add that package to the list.',
    notes: [
      '`-o APT::Install-Recommends=false` (or `=0`) counts as the flag, and so does an earlier RUN in the stage (or a',
      'stage it is built on) that writes `APT::Install-Recommends "false"` into apt\'s configuration, or a COPY into',
      '`/etc/apt/apt.conf.d/`. Both `apt-get install` and `apt install` are checked (hadolint checks `apt-get` only).',
      'In a stage that does not end up in the final image the finding is a hint: it costs build time, not image size.',
      'Raise the severity in `.layerwise.yaml` if your team treats it as a must.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const bases = baseStages(model);
    for (const stage of lintStages(model)) {
      const shipped = stage.isFinal || bases.has(stage);
      const chain = ancestry(stage);
      for (const site of runSites(stage)) {
        // An apt configuration written earlier turns recommends off for every later install.
        // Looked for only when this RUN has an install to report (the scan reads every earlier instruction).
        let configured: boolean | undefined;
        const isConfigured = () => configured ??= chain.some(s => s.instructions.some(x => {
          if (x.index >= site.info.index && s === stage) return false;
          if (x.keyword === 'RUN' || x.keyword === 'ONBUILD') return writesNoRecommendsConfig(x.node.getArgumentsContent() ?? '');
          if (x.keyword === 'COPY' || x.keyword === 'ADD') return /\/etc\/apt\/apt\.conf(\.d)?\b/.test(x.node.getArguments().at(-1)?.getValue() ?? '');
          return false;
        }));
        const script = runScript(site.node);
        script.commands.forEach((cmd, i) => {
          const apt = isAptInstall(cmd);
          if (!apt || disablesRecommends(apt) || isConfigured()) return;
          // Written config in the same RUN, before this install.
          if (script.commands.slice(0, i).some(c => writesNoRecommendsConfig(c.argv.join(' ')))) return;
          const { range, insertAt, insertText } = flagInsertion(model, { node: site.node, range: site.info.range }, script, i, cmd, apt.subcommandIndex, '--no-install-recommends');
          ctx.report({
            range,
            severity: shipped || site.onbuild ? undefined : 'hint',
            message: `\`${apt.tool} install\` without \`--no-install-recommends\` also pulls in recommended packages${shipped || site.onbuild ? ', making the image bigger' : ' (this stage is not shipped, so it only slows the build)'}; add the flag and list any you really need.`,
            fixes: (): Fix[] => {
              if (insertAt === undefined) return [];
              const at = model.lines.positionAt(insertAt);
              return [{ title: 'Add `--no-install-recommends`', edits: [{ range: { start: at, end: at }, newText: insertText }], safe: false }];
            },
          });
        });
      }
    }
  },
});
