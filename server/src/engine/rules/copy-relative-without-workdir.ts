import { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { copyArgs, dequote, isAbsolutePath, triggerOf } from '../knowledge/instruction-args';
import { ancestry, lintStages, variablesAt } from '../knowledge/stages';
import type { Severity } from '../types';

export default defineRule({
  id: 'copy-relative-without-workdir',
  aliases: ['DL3045'],
  category: 'correctness',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'COPY or ADD to a relative destination before any WORKDIR: where the files land depends on the base image.',
    why: [
      'A relative destination (`COPY app.py .`, `COPY src/ src/`) is resolved against the working directory. Until the',
      'Dockerfile sets one with WORKDIR, that is whatever the base image chose: `/` for most images, `/app`, `/home/node`',
      'or `/usr/src/app` for others, and it can change when the base image is updated. In `/` the files are mixed with',
      'the system\'s folders, and a `bin/` or `etc/` folder in your project would be merged into the system ones.',
      '',
      'Set the folder first with `WORKDIR /app` (which also creates it), or copy to an absolute path.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
    ].join('\n'),
    context: { 'requirements.txt': 'flask==3.0.0\n' },
    notes: [
      'As hadolint\'s DL3045: a WORKDIR earlier in the stage, or in a stage it is built `FROM`, counts; destinations that',
      'start with a variable or are Windows absolute paths (`C:\\app`) are left alone. An `ONBUILD COPY` to a relative path',
      'is fine after an `ONBUILD WORKDIR`, or when this image sets a WORKDIR at all (the child build starts in it).',
      'Severity: info by default, since most base images work in `/` and the result is the same every time; a warning',
      'when the whole build context (`COPY . .`) is copied that way, because project folders then merge into the',
      'system\'s. Deviations from hadolint: ADD is checked too, and destinations that use variables are checked with',
      'the values the Dockerfile gives them.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      const chain = stage.index >= 0 ? ancestry(stage) : [stage];
      const ancestorsHaveWorkdir = chain.slice(0, -1).some(s => s.instructions.some(i => i.keyword === 'WORKDIR'));
      const stageHasWorkdir = stage.instructions.some(i => i.keyword === 'WORKDIR');
      let workdirSet = ancestorsHaveWorkdir;
      let onbuildWorkdir = false;
      for (const info of stage.instructions) {
        if (info.keyword === 'WORKDIR') { workdirSet = true; continue; }
        const t = triggerOf(info);
        if (!t) continue;
        if (t.onbuild && t.keyword === 'WORKDIR') { onbuildWorkdir = true; continue; }
        if (t.keyword !== 'COPY' && t.keyword !== 'ADD') continue;
        if (t.onbuild ? onbuildWorkdir || ancestorsHaveWorkdir || stageHasWorkdir : workdirSet) continue;
        const args = copyArgs(model, t.node);
        if (!args) continue;
        let dest = args.json ? args.dest.text : dequote(args.dest.raw);
        if (dest.includes('$')) {
          const resolved = info.stage ? DockerfileModel.substitute(dest, variablesAt(model, info.stage, info.index)) : undefined;
          // A destination that starts with an unknown variable is most likely absolute (`$APP_HOME`); trust it, as hadolint does.
          if (resolved === undefined && dest.startsWith('$')) continue;
          if (resolved !== undefined) dest = resolved;
        }
        if (!dest || isAbsolutePath(dest)) continue;
        const scratch = chain[0].index >= 0 && chain[0].image.isScratch;
        // The whole build context into an unknown folder (often `/`): project folders merge into system ones.
        const wholeContext = !args.heredoc && !scratch && args.sources.some(src => /^\.?\/?\*?$/.test(dequote(src)));
        const severity: Severity | undefined = wholeContext && !t.onbuild ? 'warning' : undefined;
        const base = chain[0].index >= 0 ? `\`${shortImage(chain[0].image.raw)}\`` : 'the base image';
        ctx.report({
          range: args.dest.start >= 0 ? { start: model.lines.positionAt(args.dest.start), end: model.lines.positionAt(args.dest.end) } : info.range,
          severity,
          message: t.onbuild
            ? `\`ONBUILD ${t.keyword}\` to the relative path \`${dest}\` lands wherever the child image's working directory is; add \`ONBUILD WORKDIR /app\` (or a WORKDIR in this image) first, or use an absolute path.`
            : scratch
              ? `\`${dest}\` is relative and no WORKDIR is set, so the files go to \`/\`; set \`WORKDIR /app\` first or use an absolute path, to keep them out of the root folder.`
              : wholeContext
                ? `This copies the whole build context to \`${dest}\` before any WORKDIR, so it lands in the working directory of ${base}, usually \`/\`, where folders such as \`bin/\` or \`etc/\` merge with the system's; add \`WORKDIR /app\` before this ${t.keyword}.`
                : `\`${dest}\` is relative, and no WORKDIR is set yet, so the files land in the working directory of ${base}, which may be \`/\` and may change; add \`WORKDIR /app\` before this ${t.keyword} or use an absolute path.`,
        });
      }
    }
  },
});

/** `ubuntu:22.04@sha256:4e0171b9…`: long digests shortened for messages. */
function shortImage(raw: string): string {
  return raw.replace(/@(sha256:[0-9a-f]{8})[0-9a-f]+/, '@$1…');
}
