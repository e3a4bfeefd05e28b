import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'no-build-stage';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "The Dockerfile has nothing to build: it is empty, holds only comments, or only ARGs.",
    why: [
      "`docker build` needs at least one FROM. An empty file, a file of comments or one with only ARG lines fails",
      "(\"the Dockerfile cannot be empty\", \"file with no instructions\", \"dockerfile contains no stages to build\").",
    ].join('\n'),
    bad: "ARG PYTHON_VERSION=3.12",
    good: "ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim",
    notes: "Instructions other than ARG before any FROM are reported by `instruction-before-from` (DL3061). Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
