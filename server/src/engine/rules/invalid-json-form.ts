import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-json-form';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "A JSON array holds something other than strings, or SHELL is not written as a JSON array.",
    why: [
      "In the exec form (`CMD [\"a\", \"b\"]`) every element must be a JSON string: `[\"sleep\", 10]` or a nested array makes",
      "the build fail. SHELL only exists in JSON form, so `SHELL /bin/bash -c` is an error too.",
    ].join('\n'),
    bad: "FROM alpine:3.20\nCMD [\"sleep\", 10]",
    good: "FROM alpine:3.20\nCMD [\"sleep\", \"10\"]",
    notes: "Text in brackets that is not JSON at all (single quotes, a missing comma) is not an error for Docker: it silently runs it as a shell command. `cmd-shell-form` reports that case. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
