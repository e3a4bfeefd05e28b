import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-parser-directive';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "A parser directive at the top is invalid: a second `# escape=`/`# syntax=`/`# check=`, an escape other than `\\` or `` ` ``, or unknown `# check=` options.",
    why: [
      "Parser directives (`# syntax=`, `# escape=`, `# check=`) are read before anything else, and Docker refuses the file",
      "when one is repeated, when `escape` is not a backslash or backtick, or when `check` has options other than",
      "`skip`, `error` and `experimental`.",
    ].join('\n'),
    bad: "# escape=/\nFROM alpine:3.20",
    good: "# escape=`\nFROM alpine:3.20",
    notes: "Only the directive block at the very top counts (as in BuildKit); further down these lines are comments. dockerfile-utils reports the escape problems (INVALID_ESCAPE_DIRECTIVE, DUPLICATED_ESCAPE_DIRECTIVE) but not duplicate `syntax` or invalid `check` options. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
