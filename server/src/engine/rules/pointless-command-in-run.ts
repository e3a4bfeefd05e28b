import { defineRule } from '../rule';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { lintStages, runSites } from '../knowledge/stages';
import type { Severity } from '../types';
import { unwrapped } from '../knowledge/command-sites';

/** Commands that make no sense while an image is built, and why. */
const POINTLESS: Record<string, string> = {
  ssh: 'opens a remote session; at build time nothing can answer its prompts, and the connection ends with the RUN',
  vim: 'is an interactive editor; a build has no terminal to type into (edit files with `sed`, or COPY them)',
  vi: 'is an interactive editor; a build has no terminal to type into (edit files with `sed`, or COPY them)',
  nano: 'is an interactive editor; a build has no terminal to type into (edit files with `sed`, or COPY them)',
  top: 'is an interactive monitor; in a build it only prints to the log or waits for a terminal',
  htop: 'is an interactive monitor; in a build it only prints to the log or waits for a terminal',
  ps: 'lists the processes of the build container, which exist only while this RUN runs',
  free: 'reports the memory of the build machine, which says nothing about where the image will run',
  kill: 'signals processes of the build container, which end with this RUN anyway',
  shutdown: 'cannot shut down a container; the build has no init system',
  reboot: 'cannot reboot a container; the build has no init system',
  mount: 'needs privileges a build does not have, and mounts do not persist into the image',
  ifconfig: 'configures the network of the short-lived build container, which the image does not keep',
  service: 'starts or stops a service inside this RUN only; nothing keeps running in the image',
};

/** Verbs after which `service x <verb>` leaves a daemon that is killed when the RUN ends. */
const START = new Set(['start', 'restart', 'reload', 'force-reload']);

export default defineRule({
  id: 'pointless-command-in-run',
  aliases: ['DL3001'],
  category: 'correctness',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'A RUN uses a command that has no lasting effect in an image build (`service … start`, `ssh`, `vim`, `top`, `ps`, `kill`…).',
    why: [
      'Each RUN executes in a temporary container, and only the files it leaves behind become the layer. Processes',
      'do not survive: `RUN service nginx start` starts nginx, the RUN ends, and the image holds no running nginx. The',
      'container started from the image runs only its CMD or ENTRYPOINT, so a service has to be started there.',
      '',
      'Other commands make no sense without a person at a terminal (`vim`, `top`, `ssh` prompts) or inspect the',
      'throw-away build container (`ps`, `free`, `kill`, `mount`, `ifconfig`). They usually come from pasting an',
      'interactive session into a Dockerfile.',
    ].join('\n'),
    bad: [
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*',
      'RUN service nginx start',
    ].join('\n'),
    good: [
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*',
      'CMD ["nginx", "-g", "daemon off;"]',
    ].join('\n'),
    notes: [
      'Like hadolint\'s DL3001, which checks `free`, `kill`, `mount`, `ps`, `service`, `shutdown`, `ssh`, `top` and `vim`;',
      'we also check `vi`, `nano`, `htop`, `reboot` and `ifconfig` (hadolint\'s own message names `ifconfig`). Package',
      'names such as `apt-get install ssh` are not commands and are not reported, and neither is a `service` or `kill`',
      'inside a RUN that starts a database, uses it and stops it again, a common way to initialise data at build time',
      '(reported as a hint only). A RUN that ends by starting a service is a warning: the author expects it to keep running.',
      'ONBUILD RUN triggers are checked too.',
    ].join(' '),
  },
  check(ctx) {
    for (const stage of lintStages(ctx.model)) {
      for (const site of runSites(stage)) {
        const commands = runScript(site.node).commands;
        commands.forEach((raw, i) => {
          const cmd = unwrapped(raw);
          const name = commandName({ argv: cmd.argv, assignments: [] });
          const why = Object.prototype.hasOwnProperty.call(POINTLESS, name) ? POINTLESS[name] : undefined;
          if (!why) return;
          const words = cmd.argv.join(' ');
          const last = i === commands.length - 1;
          let severity: Severity | undefined;
          let message = `\`${shorten(words)}\` ${why}.`;
          if (name === 'service' && START.has(cmd.argv[2] ?? '')) {
            if (last) {
              severity = 'warning';
              message = `\`${shorten(words)}\` starts ${cmd.argv[1]} only for the rest of this RUN: the image holds no running process. Start it in CMD or ENTRYPOINT instead.`;
            } else {
              // Started to do some work in the same RUN (initialise a database), then stopped with the RUN.
              severity = 'hint';
              message = `\`${shorten(words)}\` runs ${cmd.argv[1]} only while this RUN lasts. Fine for build-time set-up; the container still has to start it in CMD or ENTRYPOINT.`;
            }
          } else if ((name === 'service' || name === 'kill') && commands.length > 1) {
            severity = 'hint';
          }
          ctx.report({ range: site.info.range, severity, message });
        });
      }
    }
  },
});

function shorten(s: string): string {
  return s.length > 50 ? s.slice(0, 47) + '…' : s;
}
