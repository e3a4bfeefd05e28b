import { defineRule } from '../rule';

const RESERVED = new Set(['scratch', 'context']);

export default defineRule({
  id: 'reserved-stage-name',
  aliases: ['DL3063', 'ReservedStageName'],
  category: 'correctness',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'A build stage is named `scratch` or `context`, names that already mean something to Docker.',
    why: [
      '`scratch` is the empty image (`FROM scratch`), and `context` is how BuildKit refers to the build context in',
      'named contexts (`--build-context`). A stage called `scratch` makes `FROM scratch` ambiguous: does a later stage',
      'start empty, or from your stage? The builder does not resolve it the way the reader expects. Pick another name.',
    ].join('\n'),
    bad: [
      'FROM alpine:3.20 AS scratch',
      'RUN echo hi > /hello',
    ].join('\n'),
    good: [
      'FROM alpine:3.20 AS workspace',
      'RUN echo hi > /hello',
    ].join('\n'),
    notes: 'As hadolint\'s DL3063 and BuildKit\'s ReservedStageName; names are compared without regard to case, as Docker does.',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (!stage.name || !RESERVED.has(stage.name)) continue;
      ctx.report({
        range: stage.from.getBuildStageRange() ?? stage.from.getRange(),
        message: `\`${stage.from.getBuildStage()}\` is a reserved name (${stage.name === 'scratch' ? 'the empty base image' : 'the build context'}); name the stage something else.`,
      });
    }
  },
});
