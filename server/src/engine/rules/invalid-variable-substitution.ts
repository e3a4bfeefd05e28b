import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-variable-substitution';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "A `$` expression cannot be expanded: `${}` or `${:x}`, a missing `}`, an unsupported modifier, an unclosed quote, or `${NAME?message}` for a name that is never declared.",
    why: [
      "Docker expands variables in ENV, LABEL, COPY, ADD, WORKDIR, USER, VOLUME, EXPOSE, STOPSIGNAL, ARG and FROM itself,",
      "and stops with \"bad substitution\", \"missing '}'\" or \"unsupported modifier\" when it cannot. In COPY and ADD a quoted",
      "path with spaces is split at the space first, so `COPY \"my file\" /dst/` fails with an unclosed quote: use the JSON",
      "form `COPY [\"my file\", \"/dst/\"]`.",
    ].join('\n'),
    bad: "FROM alpine:3.20\nARG APP_HOME=/srv/app\nWORKDIR ${APP_HOME",
    good: "FROM alpine:3.20\nARG APP_HOME=/srv/app\nWORKDIR ${APP_HOME}",
    notes: "BuildKit's own lexer rules. `${NAME?message}` on an ARG declared without default is how a Dockerfile requires a build argument, so it is not reported. RUN, CMD and ENTRYPOINT are expanded by the shell, not by Docker, and are not checked. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
