import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-flag';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "An instruction has a `--flag` it does not accept, a flag without its value, a duplicated flag or a bad true/false value.",
    why: [
      "Each instruction accepts a fixed set of flags (`COPY --from --chown --chmod --link --parents --exclude`, `RUN --mount",
      "--network --security`, ...). Anything else, `--flag` without `=value` where one is needed, the same flag twice, or",
      "`--link=yes` makes `docker build` stop before building anything.",
    ].join('\n'),
    bad: "FROM alpine:3.20\nCOPY --chmode=755 run.sh /usr/local/bin/",
    good: "FROM alpine:3.20\nCOPY --chmod=755 run.sh /usr/local/bin/",
    context: {"run.sh": "#!/bin/sh\n"},
    notes: "Flags as BuildKit defines them today (including `ADD --unpack`, `COPY --parents`, `--exclude`, `RUN --device`). dockerfile-utils does not know some of the newer ones and does not check RUN flags; see docs/conformance-deviations.md. ARG and STOPSIGNAL ignore flags, as BuildKit does, and so do we. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
