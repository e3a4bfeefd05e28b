import { defineRule } from '../rule';
import { fromReference } from '../knowledge/instruction-args';
import { lintStages } from '../knowledge/stages';

export default defineRule({
  id: 'copy-from-own-stage',
  aliases: ['DL3023'],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: '`COPY --from` names the stage it is in; a stage cannot copy from itself.',
    why: [
      'A stage\'s files exist only once the stage is built, so it cannot read them while it is being built. BuildKit',
      'stops with "circular dependency detected". To move files within a stage, use `RUN cp`; to copy from another',
      'stage, give that stage its own `AS` name and use it.',
    ].join('\n'),
    bad: [
      'FROM node:20-slim AS app',
      'WORKDIR /app',
      'COPY --from=app /app/dist /srv/',
    ].join('\n'),
    good: [
      'FROM node:20-slim AS build',
      'WORKDIR /app',
      'RUN mkdir -p dist',
      '',
      'FROM node:20-slim AS app',
      'COPY --from=build /app/dist /srv/',
    ].join('\n'),
    notes: [
      'As hadolint\'s DL3023, by stage name (compared without regard to case, as Docker does); we also report the',
      'stage\'s own index (`--from=1` inside the second stage), and `--from=$VAR` whose value is the stage\'s name.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      if (stage.index < 0) continue;
      for (const info of stage.instructions) {
        const ref = fromReference(model, info);
        if (!ref || ref.value === undefined) continue;
        const own = (stage.name !== undefined && ref.value.toLowerCase() === stage.name) || ref.value === String(stage.index);
        if (!own) continue;
        ctx.report({
          range: ref.range,
          message: `\`--from=${ref.raw}\` is this stage itself, which is still being built; BuildKit fails with a circular dependency. Copy from another stage, or use \`RUN cp\` within this one.`,
        });
      }
    }
  },
});
