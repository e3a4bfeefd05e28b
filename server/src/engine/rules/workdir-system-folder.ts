import { DockerfileModel, resolvePath } from '../model';
import { defineRule } from '../rule';
import { argumentWords } from '../knowledge/instruction-args';
import { lintStages, variablesAt } from '../knowledge/stages';

/**
 * Folders that belong to the operating system. `/` is left out on purpose (see the notes),
 * and so are `/root`, `/tmp`, `/opt`, `/srv`, `/home/…` and `/usr/local/…`.
 */
const SYSTEM = new Set(['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc', '/boot', '/dev', '/proc', '/sys', '/run',
  '/usr', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib32', '/usr/lib64', '/usr/libexec', '/usr/include', '/usr/share', '/var', '/var/lib']);

export default defineRule({
  id: 'workdir-system-folder',
  aliases: [],
  category: 'security',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'WORKDIR points at an operating-system folder such as `/usr/bin` or `/etc`, so the application\'s files mix with the system\'s.',
    why: [
      'Every relative path after WORKDIR lands in that folder: `COPY . .` drops the whole build context among the',
      'system\'s programs or configuration files (and can overwrite them: a folder named `ssl` in the context merges into',
      '`/etc/ssl`), and files the application writes at run time end up there too. Run as root, a bug or an attacker that',
      'can write files now writes into system folders; run as an unprivileged user, the application cannot write its',
      'own working folder at all.',
      '',
      'Give the application a folder of its own, such as `/app`, `/srv/app`, `/opt/<name>` or the user\'s home folder.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'WORKDIR /usr/bin',
      'COPY . .',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
    ].join('\n'),
    context: { 'main.py': 'print(1)\n' },
    notes: [
      'Checked: `/bin`, `/sbin`, `/lib*`, `/etc`, `/boot`, `/dev`, `/proc`, `/sys`, `/run`, `/usr` and its system',
      'folders (`/usr/bin`, `/usr/lib`, `/usr/share`…), `/var` and `/var/lib` themselves (subfolders such as `/var/www`',
      'or `/var/lib/app` are fine), with variables and relative WORKDIRs resolved. Deliberately not reported: `/`, which',
      'is the default and the usual home of a single static binary in `scratch` and distroless images',
      '(`WORKDIR /` then `COPY --from=build /out/manager .`); `/root`, root\'s home folder, where tools install',
      'themselves (running as root is `runs-as-root`\'s finding); `/tmp`, commonly used to download and build; and',
      '`/usr/local/…`, which is meant for locally installed software. Neither hadolint nor BuildKit has this check.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      for (const info of stage.instructions) {
        if (info.keyword !== 'WORKDIR') continue;
        const word = argumentWords(model, info.node)[0];
        if (!word) continue;
        let text = word.text;
        if (text.includes('$')) {
          const value = DockerfileModel.substitute(text, variablesAt(model, stage, info.index));
          if (value === undefined) continue;
          text = value;
        }
        const previous = stage.instructions.filter(x => x.index < info.index).at(-1)?.workdir ?? '/';
        const path = resolvePath(previous, text);
        if (!SYSTEM.has(path)) continue;
        ctx.report({
          range: { start: model.lines.positionAt(word.start), end: model.lines.positionAt(word.end) },
          message: `\`WORKDIR ${word.text}\` works inside the system folder \`${path}\`, so relative COPY destinations and the files the app writes land among system files; use a folder of its own such as \`/app\`.`,
        });
      }
    }
  },
});
