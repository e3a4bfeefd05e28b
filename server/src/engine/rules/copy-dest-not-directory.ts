import { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { copyArgs, triggerOf } from '../knowledge/instruction-args';
import { lintStages, variablesAt } from '../knowledge/stages';

export default defineRule({
  id: 'copy-dest-not-directory',
  aliases: ['DL3021'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'COPY or ADD with several sources has a destination that does not end with `/`.',
    why: [
      'With more than one source, the destination can only be a folder, and Docker\'s documentation requires it to be',
      'written with a trailing `/`. The classic builder (and tools that follow it) stops with "When using COPY with more',
      'than one source file, the destination must be a directory and end with a /"; BuildKit guesses that a folder is',
      'meant. The same Dockerfile then builds on one machine and fails on another. The slash also tells the reader',
      'that `/app` is a folder and not a file name.',
    ].join('\n'),
    bad: [
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY package.json package-lock.json /app',
    ].join('\n'),
    good: [
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
    ].join('\n'),
    fix: 'Adds the trailing `/`. BuildKit already copies into that folder, so the image does not change; fix-all applies it.',
    context: { 'package.json': '{}\n', 'package-lock.json': '{}\n' },
    notes: [
      'Hadolint\'s DL3021 checks COPY; we check ADD too, which has the same requirement. A destination given by a',
      'variable is checked with the variable\'s value when the Dockerfile sets it, and skipped otherwise. A single',
      'wildcard source (`COPY *.json .`) that matches several files fails the same way on the classic builder, but',
      'cannot be known from the Dockerfile alone, so it is not reported.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      for (const info of stage.instructions) {
        const t = triggerOf(info);
        if (!t || (t.keyword !== 'COPY' && t.keyword !== 'ADD')) continue;
        const args = copyArgs(model, t.node);
        if (!args || args.sources.length < 2) continue;
        let dest: string | undefined = args.dest.text;
        if (dest.includes('$')) dest = info.stage ? DockerfileModel.substitute(dest, variablesAt(model, info.stage, info.index)) : undefined;
        if (dest === undefined || /[/\\]$/.test(dest)) continue;
        const word = args.dest;
        const canFix = word.start >= 0;
        const range = canFix ? { start: model.lines.positionAt(word.start), end: model.lines.positionAt(word.end) } : info.range;
        ctx.report({
          range,
          message: `${t.keyword} has ${args.sources.length} sources, so its destination \`${args.dest.text}\` must be a folder written with a trailing \`/\` (\`${args.dest.text}/\`); the classic builder rejects it without.`,
          fixes: () => {
            if (!canFix) return [];
            const raw = word.raw;
            const q = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
            const at = model.lines.positionAt(q ? word.end - 1 : word.end);
            return [{ title: `Add a trailing slash: ${args.dest.text}/`, edits: [{ range: { start: at, end: at }, newText: '/' }], safe: true }];
          },
        });
      }
    }
  },
});
