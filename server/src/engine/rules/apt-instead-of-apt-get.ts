import { defineRule } from '../rule';
import { aptCommand } from '../knowledge/apt';
import { commandSites, replacePlainWord, wordsRange, unwrapped } from '../knowledge/command-sites';
import type { Fix } from '../types';

/** apt subcommands with the same meaning in apt-get. (`apt upgrade` also installs new dependencies, so it differs.) */
const SAME_IN_APT_GET = new Set(['install', 'remove', 'purge', 'update', 'autoremove', 'autopurge', 'clean', 'autoclean', 'dist-upgrade', 'source', 'build-dep', 'download', 'satisfy', 'changelog', 'check']);
const IN_APT_CACHE = new Set(['search', 'show', 'policy', 'depends', 'rdepends', 'showsrc']);
/** Advice for subcommands without an exact equivalent. */
const NEAREST: Record<string, string> = {
  upgrade: '`apt-get upgrade` (which holds back upgrades that need new packages) or `apt-get dist-upgrade`',
  'full-upgrade': '`apt-get dist-upgrade`',
  list: '`dpkg-query -l` or `apt-cache policy`',
};

export default defineRule({
  id: 'apt-instead-of-apt-get',
  aliases: ['DL3027'],
  category: 'correctness',
  severity: 'info',
  fixable: true,
  docs: {
    summary: '`apt` is the interactive front end; scripts such as RUN should use `apt-get` and `apt-cache`.',
    why: [
      '`apt` is designed for people at a terminal: its output, progress bars and defaults may change between releases,',
      'and it says so itself (`WARNING: apt does not have a stable CLI interface. Use with caution in scripts.`).',
      '`apt-get` and `apt-cache` keep a stable interface for scripts, which is what a Dockerfile is.',
      '',
      'The two also differ in small ways that matter in images: `apt` deletes downloaded `.deb` files after installing',
      'them while `apt-get` keeps them (official Debian and Ubuntu images configure apt-get to delete them too), and',
      '`apt upgrade` installs new dependencies where `apt-get upgrade` holds such packages back.',
    ].join('\n'),
    bad: [
      'FROM ubuntu:24.04',
      'RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    good: [
      'FROM ubuntu:24.04',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    fix: 'Replaces `apt` with `apt-get` (or `apt-cache` for `search`, `show`, `policy`, `depends`), for subcommands that mean the same there. Offered, not applied automatically: on images without Debian\'s Docker apt configuration, `apt-get` keeps the downloaded `.deb` files that `apt` would delete.',
    notes: [
      'Like hadolint, every command named `apt` is reported (also behind `sudo`, our addition). No fix is offered for',
      '`apt upgrade`, `full-upgrade` and `list`, which have no exact equivalent. Our default severity is `info`',
      '(hadolint: warning): `apt` works in builds, the risk is a change of behaviour in a later release.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const apt = aptCommand(c.cmd);
      const toolIndex = unwrapped(c.cmd).offset;
      if (apt) { if (apt.tool !== 'apt') continue; }
      else if (!/(^|\/)apt$/.test(c.cmd.argv[toolIndex] ?? '')) continue;
      const sub = apt?.subcommand;
      const replacement = sub && SAME_IN_APT_GET.has(sub) ? 'apt-get' : sub && IN_APT_CACHE.has(sub) ? 'apt-cache' : undefined;
      ctx.report({
        range: wordsRange(model, c, toolIndex, apt ? apt.subcommandIndex : toolIndex),
        message: `\`apt${sub ? ` ${sub}` : ''}\` is meant for interactive use and has no stable interface for scripts; use ${replacement ? `\`${replacement} ${sub}\`` : NEAREST[sub ?? ''] ?? '`apt-get` or `apt-cache`'} in a Dockerfile.`,
        fixes: (): Fix[] => {
          if (!replacement) return [];
          const written = c.cmd.argv[toolIndex];
          const edit = replacePlainWord(model, c, toolIndex, written.slice(0, written.lastIndexOf('/') + 1) + replacement);
          return edit ? [{ title: `Use \`${replacement}\``, edits: [edit], safe: false }] : [];
        },
      });
    }
  },
});
