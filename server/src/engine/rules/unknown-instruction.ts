import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'unknown-instruction';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "A line starts with a word that is not a Dockerfile instruction; the build stops there.",
    why: [
      "Docker reads the first word of every line (outside continuations and heredocs) as an instruction. A misspelling",
      "(`RUNN`, `COPPY`), a shell command on its own line, or a forgotten `\\` at the end of the line above all end",
      "the build with \"unknown instruction\".",
    ].join('\n'),
    bad: "FROM alpine:3.20\nRUN apk add --no-cache curl &&\n    rm -rf /var/cache/apk/*",
    good: "FROM alpine:3.20\nRUN apk add --no-cache curl && \\\n    rm -rf /var/cache/apk/*",
    notes: "Matches `docker build` (\"unknown instruction: X\", with the same \"did you mean\" suggestion). ONBUILD triggers are checked too, since they fail in every build that uses the image as its base. dockerfile-utils reports the same (UNKNOWN_INSTRUCTION). Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
