import { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { sourceOf, unwrapped } from '../knowledge/command-sites';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { lintStages, runSites, variablesAt } from '../knowledge/stages';
import { parseUseradd } from '../knowledge/users';
import type { Fix } from '../types';


export default defineRule({
  id: 'useradd-high-uid',
  aliases: ['DL3046'],
  category: 'size',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`useradd` with a large UID and without `--no-log-init` (`-l`) can add gigabytes to the image.',
    why: [
      '`useradd` records each user in `/var/log/lastlog` and `/var/log/faillog`, files indexed by UID: the record of a',
      'user sits at UID × record size (about 320 bytes in all), so for UID 1000000 the files are over 300 MB long. On',
      'disk they are sparse, mostly holes that take no space, but image layers do not keep holes: the layer stores every',
      'zero. Six-digit UIDs add tens to hundreds of megabytes; UIDs in the billions (common with OpenShift-style ranges) fill the',
      'disk and the build fails.',
      '',
      '`useradd --no-log-init` (`-l`) skips those records. A container has no logins to log anyway.',
    ].join('\n'),
    bad: 'FROM debian:12-slim\nRUN useradd --uid 1000000 --create-home app',
    good: 'FROM debian:12-slim\nRUN useradd --no-log-init --uid 1000000 --create-home app\nRUN useradd --uid 10001 other',
    fix: [
      'Adds `--no-log-init` after `useradd`. Offered, not applied automatically: the user is the same, but the image no',
      'longer contains the log records (which is the point).',
    ].join(' '),
    notes: [
      'As hadolint\'s DL3046: only UIDs of more than five digits are reported (up to 99999 the files stay small). UIDs',
      'given by a variable are checked with the value the Dockerfile gives it. `useradd` behind `sudo` or `env` and in',
      'ONBUILD RUN triggers is checked too.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      for (const site of runSites(stage)) {
        const commands = runScript(site.node).commands;
        commands.forEach((raw, index) => {
          const cmd = unwrapped(raw);
          if (commandName({ argv: cmd.argv, assignments: [] }) !== 'useradd') return;
          const opts = parseUseradd(cmd.argv.slice(1));
          if (opts.noLogInit || opts.uid === undefined) return;
          let uid: string | undefined = opts.uid;
          if (uid.includes('$')) {
            uid = site.info.stage && !site.onbuild ? DockerfileModel.substitute(uid, variablesAt(model, site.info.stage, site.info.index)) : undefined;
          }
          if (uid === undefined || !/^\d+$/.test(uid) || uid.replace(/^0+/, '').length <= 5) return;
          ctx.report({
            range: site.info.range,
            message: `\`useradd\` with UID ${uid} and without \`--no-log-init\` makes \`/var/log/lastlog\` and \`faillog\` about ${size(Number(uid) * 324)} in the layer; add \`--no-log-init\` (\`-l\`).`,
            fixes: () => noLogInitFix(model, site.node, index, raw.argv.length - cmd.argv.length),
          });
        });
      }
    }
  },
});

/** lastlog (292 bytes) and faillog (32 bytes) records up to this UID. */
function size(bytes: number): string {
  return bytes >= 1e9 ? `${Math.round(bytes / 1e9)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}

function noLogInitFix(model: DockerfileModel, node: import('dockerfile-ast').Instruction, index: number, skipped: number): Fix[] {
  const script = sourceOf(model, node);
  const word = script?.commands[index]?.argv[skipped];
  if (!word || word.text.replace(/^.*\//, '') !== 'useradd') return [];
  const at = model.lines.positionAt(word.end);
  return [{ title: 'Add --no-log-init to useradd', edits: [{ range: { start: at, end: at }, newText: ' --no-log-init' }], safe: false }];
}
