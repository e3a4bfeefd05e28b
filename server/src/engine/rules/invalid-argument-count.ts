import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-argument-count';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "An instruction has too few or too many arguments (`COPY` without a destination, `FROM a b`, an empty `WORKDIR`).",
    why: [
      "`docker build` checks the shape of each instruction before building: COPY and ADD need a source and a destination,",
      "FROM takes an image optionally followed by `AS name`, WORKDIR, USER, STOPSIGNAL and MAINTAINER need their value,",
      "ENV, LABEL, ARG, EXPOSE, VOLUME and ONBUILD need at least one argument. A RUN without a command fails when it runs.",
    ].join('\n'),
    bad: "FROM alpine:3.20\nCOPY app.sh",
    good: "FROM alpine:3.20\nCOPY app.sh /usr/local/bin/",
    context: {"app.sh": "#!/bin/sh\n"},
    notes: "Messages quote BuildKit's own. dockerfile-utils reports the same conditions (ARGUMENT_MISSING, ARGUMENT_REQUIRES_*); unlike it, we accept `COPY a b dest` without a trailing `/` (BuildKit builds it) and leave that to `copy-dest-not-directory`. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
