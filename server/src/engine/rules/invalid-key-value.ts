import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-key-value';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "ENV or LABEL pairs are malformed: a name without a value, a pair without `=` next to `key=value` pairs, or an empty name.",
    why: [
      "`ENV NAME` alone has no value and fails (\"ENV must have two arguments\"). Once one pair uses `=`, every word must:",
      "`ENV A=1 B 2` fails with \"can't find =\". An empty name (`ENV =value`, `ARG =x`) is rejected too. Values with spaces",
      "need quotes: `LABEL description=\"my app\"`.",
    ].join('\n'),
    bad: "FROM alpine:3.20\nENV APP_ENV=production DEBUG",
    good: "FROM alpine:3.20\nENV APP_ENV=production DEBUG=0",
    notes: "Same conditions and messages as BuildKit. dockerfile-utils reports these as SYNTAX_MISSING_EQUALS, SYNTAX_MISSING_NAMES and ARGUMENT_REQUIRES_TWO. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
