import type { Onbuild } from 'dockerfile-ast';
import { defineRule } from '../rule';

const WHY: Record<string, string> = {
  ONBUILD: 'chaining `ONBUILD ONBUILD` is not allowed',
  FROM: 'a trigger cannot start a new stage',
  MAINTAINER: 'MAINTAINER is not allowed as a trigger',
};

export default defineRule({
  id: 'onbuild-invalid-trigger',
  aliases: ['DL3043'],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'ONBUILD wraps ONBUILD, FROM or MAINTAINER, which Docker does not allow as triggers.',
    why: [
      'ONBUILD stores an instruction that runs later, when another Dockerfile builds `FROM` this image. Docker refuses',
      'three instructions there: `ONBUILD ONBUILD` (triggers cannot chain), `ONBUILD FROM` (a trigger runs inside the',
      'child\'s stage and cannot start another) and `ONBUILD MAINTAINER`. The build stops with an error.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'ONBUILD FROM python:3.12-slim',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'ONBUILD COPY requirements.txt /app/',
      'ONBUILD RUN pip install --no-cache-dir -r /app/requirements.txt',
    ].join('\n'),
    notes: 'As hadolint\'s DL3043. The keyword is compared without regard to case.',
  },
  check(ctx) {
    for (const info of ctx.model.instructions) {
      if (info.keyword !== 'ONBUILD') continue;
      const node = info.node as Onbuild;
      const word = node.getTriggerWord()?.toUpperCase();
      if (!word || !WHY[word]) continue;
      ctx.report({
        range: node.getTriggerRange() ?? info.range,
        message: `\`ONBUILD ${word}\`: ${WHY[word]}, so Docker rejects this instruction.`,
      });
    }
  },
});
