import { defineRule } from '../rule';
import { suggest, variablesOf } from '../variables';

export default defineRule({
  id: 'undefined-arg-in-from',
  aliases: ['UndefinedArgInFrom'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A FROM line uses a variable that no ARG before the first FROM declares, so it is always empty.',
    why: [
      'FROM lines (the image and `--platform`) can only use ARGs declared *before the first FROM*, plus the platform',
      'ARGs the builder defines (`BUILDPLATFORM`, `TARGETPLATFORM`, `TARGETARCH`, ...). Any other `$NAME` expands to',
      'nothing, and `--build-arg NAME=...` cannot change that: the image silently becomes `python:` or `python-slim`,',
      'or the build fails with an unhelpful message. Usually the name is misspelled or the ARG sits after the FROM.',
    ].join('\n'),
    bad: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTON_VERSION}-slim',
    good: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim',
    fix: 'Replaces the name with the declared ARG it most likely means, when there is one close enough (offered, not applied automatically).',
    notes: 'Same as BuildKit\'s UndefinedArgInFrom, including its "did you mean" suggestion. The finding points at the variable rather than the whole FROM line.',
  },
  check(ctx) {
    const vars = variablesOf(ctx.model, { buildArgs: ctx.buildArgs });
    const known = new Set([...vars.globalDeclared, ...vars.globals.keys()]);
    for (const ref of vars.references) {
      if ((ref.context !== 'from' && ref.context !== 'platform') || ref.definition || known.has(ref.name)) continue;
      const guess = suggest(ref.name, known);
      ctx.report({
        range: ref.range,
        message: `FROM argument '${ref.name}' is not declared${guess ? ` (did you mean ${guess}?)` : ''}: it expands to nothing. Declare it with an ARG before the first FROM${guess ? `, or use \`${guess}\`` : ''}.`,
        fixes: () => (guess ? [{ title: `Use ${guess}`, edits: [{ range: ref.nameRange, newText: guess }], safe: false }] : []),
      });
    }
  },
});
