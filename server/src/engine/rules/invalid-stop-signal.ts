import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-stop-signal';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "STOPSIGNAL names something that is not a signal.",
    why: [
      "STOPSIGNAL takes a signal name (`SIGTERM`, `SIGQUIT`, also without `SIG`) or a number. A typo such as `SIGTRM`",
      "makes `docker build` fail with \"invalid signal\".",
    ].join('\n'),
    bad: "FROM nginx:1.27-alpine\nSTOPSIGNAL SIGQUITE",
    good: "FROM nginx:1.27-alpine\nSTOPSIGNAL SIGQUIT",
    notes: "The Linux signal table BuildKit uses, after variable substitution. dockerfile-utils only checks numbers and the `SIG` prefix, so it accepts `SIGQUITE`. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
