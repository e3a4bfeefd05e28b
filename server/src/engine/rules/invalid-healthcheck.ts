import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-healthcheck';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "HEALTHCHECK is malformed: no `CMD` or `NONE`, a missing command, arguments after `NONE`, or an invalid `--interval`/`--timeout`/`--start-period`/`--start-interval`/`--retries`.",
    why: [
      "HEALTHCHECK takes `[options] CMD <command>` or `NONE`. A forgotten `CMD` (`HEALTHCHECK curl -f ...`) is an \"Unknown",
      "type\". Durations use Go's syntax (`30s`, `1m30s`, `500ms`, `0` for the default) and must be at least 1ms; `--retries`",
      "is a whole number, not negative. Docker rejects anything else before building.",
    ].join('\n'),
    bad: "FROM nginx:1.27-alpine\nHEALTHCHECK --interval=30 CMD wget -qO- http://localhost/ || exit 1",
    good: "FROM nginx:1.27-alpine\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost/ || exit 1",
    notes: "Same rules as BuildKit. Unlike dockerfile-utils we accept `--retries=0` (BuildKit does: it means the default) and durations such as `1.5s` or `+30s` that Go parses. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
