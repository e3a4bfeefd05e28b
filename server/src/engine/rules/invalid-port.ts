import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-port';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "An EXPOSE value is not a port: not a number, an unknown protocol, a bad IP or mismatched ranges.",
    why: [
      "EXPOSE takes `port[/protocol]` or a range `from-to[/protocol]`, with `tcp`, `udp` or `sctp`. Anything else",
      "(`EXPOSE http`, `EXPOSE 80/tpc`, `EXPOSE 80-`) stops the build with \"invalid port\" or \"invalid proto\".",
    ].join('\n'),
    bad: "FROM nginx:1.27-alpine\nEXPOSE 80/tpc",
    good: "FROM nginx:1.27-alpine\nEXPOSE 80/tcp",
    notes: "Checked after variable substitution, as BuildKit does (values from build arguments without default are not judged). A literal port above 65535 is reported by `expose-invalid-port` (DL3011); a host mapping (`8080:80`) by `expose-host-mapping`. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
