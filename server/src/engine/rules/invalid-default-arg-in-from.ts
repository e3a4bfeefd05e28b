import { imageReferenceError, spanRange } from '../builder';
import { defineRule } from '../rule';
import { variablesOf } from '../variables';

export default defineRule({
  id: 'invalid-default-arg-in-from',
  aliases: ['InvalidDefaultArgInFrom'],
  category: 'correctness',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'With the ARG defaults, the FROM image is empty or not a valid image name; the build works only when `--build-arg` fills it in.',
    why: [
      'A FROM line such as `FROM node:$NODE_VERSION` with `ARG NODE_VERSION` (no default) becomes `FROM node:` unless',
      'every build passes `--build-arg NODE_VERSION=...`; the plain `docker build .`, a CI job or a colleague\'s build',
      'fails with "invalid reference format". Give the ARG a working default so the Dockerfile builds as it is, and',
      'let `--build-arg` override it.',
    ].join('\n'),
    bad: 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}-slim',
    good: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-slim',
    notes: [
      'Same as BuildKit\'s InvalidDefaultArgInFrom: the image is resolved with the global ARG defaults (and the',
      'builder\'s platform ARGs) and checked against Docker\'s image reference grammar. A FROM without variables whose',
      'image is invalid is a build error, reported by `invalid-base-image` instead.',
    ].join(' '),
  },
  check(ctx) {
    const vars = variablesOf(ctx.model, { buildArgs: ctx.buildArgs });
    for (const stage of vars.stages) {
      const exp = stage.baseWithDefaults;
      const word = stage.baseWord;
      if (!exp || !word) continue;
      // BuildKit stops checking at the first FROM it cannot expand.
      if (exp.error) return;
      if (!exp.refs.length) continue;
      const why = imageReferenceError(exp.value);
      if (!why) continue;
      ctx.report({
        range: spanRange(ctx.model, stage.node.line, word),
        message: `Default value for ARG ${word.text} results in empty or invalid base image name (\`${exp.value === '' ? '(empty)' : exp.value}\`): give the ARG a default that names a real image, so the build does not depend on \`--build-arg\`.`,
      });
    }
  },
});
