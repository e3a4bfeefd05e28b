import type { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { commandSites, wordsRange, type CommandSite, nestedCommands } from '../knowledge/command-sites';
import { ancestry } from '../knowledge/stages';
import { commandName } from '../shell/commands';
import type { Fix } from '../types';

export default defineRule({
  id: 'sudo-in-run',
  aliases: ['DL3004'],
  category: 'security',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A RUN uses `sudo`: build steps already run as the `USER` in effect, and sudo in an image is a privilege-escalation path.',
    why: [
      'RUN commands execute as the user of the last `USER` instruction, root by default, so `sudo` adds nothing when',
      'the step runs as root. When it runs as an unprivileged user, `sudo` only works if the image ships sudo with a',
      'rule allowing that user to become root without a password, and that rule is still there when the container',
      'runs: anyone who gets code execution as the application user becomes root with one command.',
      '',
      'Switch users explicitly instead: `USER root` before the steps that need root, then `USER app` again. To drop',
      'privileges when the container starts, use a tool built for it, such as `gosu` or `su-exec`, which exec the',
      'program directly (no lingering parent process, no TTY or environment surprises).',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'RUN sudo apt-get update',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'USER root',
      'RUN apt-get update',
    ].join('\n'),
    fix: 'Removes `sudo` when the step already runs as root (no `USER`, or `USER root`, before it, on a base image that runs as root) and sudo has no options: the command then does exactly the same. Applied by fix-all.',
    notes: [
      'As in hadolint, every command named `sudo` is reported (inside `$(…)` too); `apt-get install sudo` is not.',
      'No fix is offered when the step runs as another user, or with `sudo -u`/`sudo -E` and other options, since',
      'removing sudo would change what runs.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const top = commandName(c.cmd) === 'sudo';
      const nested = !top && nestedCommands(c.cmd).some(x => commandName(x) === 'sudo');
      if (!top && !nested) continue;
      // With options (`sudo -u app`, `sudo -E`) sudo does more than run the command as root.
      const plain = top && c.cmd.argv.length >= 2 && !c.cmd.argv[1].startsWith('-');
      const root = runsAsRoot(model, c);
      ctx.report({
        range: top ? wordsRange(model, c, 0) : wordsRange(model, c, 0, c.cmd.argv.length - 1),
        message: root === true && plain
          ? '`sudo` is not needed: this step already runs as root. Remove it (and keep sudo out of the image).'
          : 'Avoid `sudo` in RUN: switch with `USER root` for the steps that need root, and use `gosu` or `su-exec` to drop privileges at start.',
        fixes: (): Fix[] => {
          if (!plain || root !== true) return [];
          const edit = removeFirstWord(model, c);
          return edit ? [{ title: 'Remove `sudo`', edits: [edit], safe: !c.site.onbuild }] : [];
        },
      });
    }
  },
});

/** Official images whose default user is root. */
const ROOT_IMAGES = /^(debian|ubuntu|alpine|busybox|fedora|centos|rockylinux|almalinux|oraclelinux|amazonlinux|opensuse\/(leap|tumbleweed)|archlinux|buildpack-deps|python|node|golang|ruby|php|perl|rust|openjdk|eclipse-temurin|amazoncorretto|gcc|maven|gradle|elixir|erlang|haskell|julia|swift)$/;

/** Does the step run as root? `true`/`false` when known, undefined when the base image decides. */
function runsAsRoot(model: DockerfileModel, c: CommandSite): boolean | undefined {
  if (c.site.onbuild) return undefined;
  let user: string | undefined;
  for (const s of ancestry(c.stage)) {
    for (const x of s.instructions) {
      if (s === c.stage && x.index >= c.site.info.index) break;
      if (x.keyword === 'USER') user = (x.node.getArgumentsContent() ?? '').trim();
    }
  }
  if (user !== undefined) return /^(root|0)(:(root|0))?$/.test(user) ? true : /\$/.test(user) ? undefined : false;
  const image = ancestry(c.stage)[0].image;
  if (!c.stage.from || !image.name) return undefined;
  // Only images known to run as root; others (`jenkins/jenkins`, vendor images) may set a USER of their own.
  const name = image.name.replace(/^(docker\.io\/)?(library\/)?/, '');
  return ROOT_IMAGES.test(name) && !/rootless|nonroot/.test(image.tag ?? '') ? true : undefined;
}

/** Deletes `sudo ` at the start of the command. */
function removeFirstWord(model: DockerfileModel, c: CommandSite) {
  const first = c.words?.[0], second = c.words?.[1];
  if (!first || !second || c.form !== 'shell') return undefined;
  if (model.text.slice(first.start, first.end) !== 'sudo') return undefined;
  const between = model.text.slice(first.end, second.start);
  if (!/^[ \t]+$/.test(between)) return undefined;
  return { range: { start: model.lines.positionAt(first.start), end: model.lines.positionAt(second.start) }, newText: '' };
}
