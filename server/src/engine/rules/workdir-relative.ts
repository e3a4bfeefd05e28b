import { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { argumentWords, isAbsolutePath } from '../knowledge/instruction-args';
import { ancestry, lintStages, variablesAt } from '../knowledge/stages';
import type { Fix } from '../types';

export default defineRule({
  id: 'workdir-relative',
  aliases: ['DL3000', 'WorkdirRelativePath'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A relative WORKDIR before any absolute one: where it points depends on the base image\'s working directory.',
    why: [
      'A relative `WORKDIR app` is resolved against the working directory in effect, which at the start of a stage is',
      'whatever the base image set. Today that may be `/`, so `WORKDIR app` means `/app`; after a base image update it',
      'may be `/usr/src` or `/home/node`, and every later COPY, RUN and the container\'s start directory silently move.',
      '',
      'An absolute path says exactly where the files go, whatever the base image does. Once the Dockerfile has set an',
      'absolute WORKDIR, relative ones after it are well defined (`WORKDIR /srv` then `WORKDIR app` is `/srv/app`).',
    ].join('\n'),
    bad: [
      'FROM node:20-slim',
      'WORKDIR app',
      'COPY . .',
    ].join('\n'),
    good: [
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY . .',
      'WORKDIR src',
    ].join('\n'),
    fix: [
      'Prefixes the path with `/`, which is what it resolves to when the base image keeps the default working',
      'directory `/`. Safe (applied by fix-all) only on `scratch`, whose working directory is known to be `/`;',
      'elsewhere it is offered, since the base image may set another.',
    ].join(' '),
    notes: [
      'Agrees with BuildKit\'s WorkdirRelativePath: a relative WORKDIR is reported only when no absolute WORKDIR was set',
      'before it in the stage or in the stages it is built `FROM`. Deviation from hadolint\'s DL3000, which reports every',
      'relative WORKDIR. Paths that start with a variable (`$HOME/app`, `${DIR}`) are left alone unless the variable\'s',
      'value is known, and Windows paths such as `C:\\app` count as absolute.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      const chain = stage.index >= 0 ? ancestry(stage) : [stage];
      let absoluteSeen = false;
      for (const s of chain) {
        for (const info of s.instructions) {
          if (info.keyword !== 'WORKDIR') continue;
          const [word] = argumentWords(model, info.node);
          if (!word) continue;
          let path: string | undefined = word.text;
          if (path.includes('$')) {
            path = info.stage ? DockerfileModel.substitute(path, variablesAt(model, info.stage, info.index)) : undefined;
            // A variable we cannot resolve: most likely an absolute path such as $HOME; trust the author.
            if (path === undefined) { absoluteSeen = true; continue; }
          }
          if (isAbsolutePath(path)) { absoluteSeen = true; continue; }
          if (absoluteSeen || s !== stage) continue;
          const onScratch = chain[0].image.isScratch;
          const base = chain[0].index >= 0 ? `\`${chain[0].image.raw}\`` : 'the base image';
          ctx.report({
            range: info.range,
            message: `Relative WORKDIR \`${word.text}\` is resolved against ${onScratch ? '`/` (scratch)' : `the working directory of ${base}`}, which can change when the base image does; write it as an absolute path (\`/${word.text.replace(/^\.\//, '')}\`${onScratch ? '' : ' if the base image works in `/`'}).`,
            fixes: (): Fix[] => [{
              title: `Make it absolute: WORKDIR /${word.text.replace(/^\.\//, '')}`,
              edits: [{ range: { start: model.lines.positionAt(word.start), end: model.lines.positionAt(word.end) }, newText: absolute(word.raw) }],
              safe: onScratch,
            }],
          });
        }
      }
    }
  },
});

/** `app` → `/app`, `"app dir"` → `"/app dir"`, `./app` → `/app`. */
function absolute(raw: string): string {
  const q = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  const inner = q ? raw.slice(1, -1) : raw;
  return `${q}/${inner.replace(/^\.\//, '')}${q}`;
}
