import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-copy-from';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "`COPY --from` names a stage that comes later, a stage number that does not exist, or uses a variable.",
    why: [
      "A stage can only copy from stages defined above it: `--from=<later stage>` or `--from=<index>` beyond the current",
      "stage fails (\"cannot copy from stage ..., it needs to be defined before current stage\"). `--from` is not expanded,",
      "so `--from=$BUILDER` fails too; define `FROM ${BUILDER} AS builder` and copy from `builder`. The same holds for",
      "`RUN --mount=from=`.",
    ].join('\n'),
    bad: "FROM alpine:3.20 AS final\nCOPY --from=build /out/app /usr/local/bin/app\n\nFROM golang:1.23 AS build\nRUN go version",
    good: "FROM golang:1.23 AS build\nRUN go version\n\nFROM alpine:3.20 AS final\nCOPY --from=build /usr/local/go/VERSION /VERSION",
    notes: "Copying from the current stage is reported by `copy-from-own-stage` (DL3023). A name that matches no stage at all is taken as an image by Docker and reported by `copy-from-unknown-stage` (DL3022). Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
