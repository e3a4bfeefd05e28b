import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-stage-name';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "The name after `FROM ... AS` is not a valid stage name.",
    why: [
      "A stage name must start with a letter and contain only letters, digits, `-`, `_` and `.`; `AS 2nd`, `AS my/stage`",
      "or `AS $NAME` make the build fail (\"name can't start with a number or contain symbols\").",
    ].join('\n'),
    bad: "FROM golang:1.23 AS 1-build\nRUN go version",
    good: "FROM golang:1.23 AS build-1\nRUN go version",
    notes: "Same check as BuildKit (`^[a-z][a-z0-9-_.]*$` after lower-casing) and dockerfile-utils (INVALID_BUILD_STAGE_NAME). Upper-case letters are valid but reported by `stage-name-casing`. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
