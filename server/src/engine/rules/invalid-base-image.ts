import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-base-image';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "The FROM image is not a valid image reference (upper-case letters, a bad tag or digest).",
    why: [
      "Image names are lower case, tags are up to 128 letters, digits, `_`, `.` and `-`, and a digest looks like",
      "`sha256:<hex>`. `FROM Ubuntu:22.04` or `FROM node:20 slim` fail with \"invalid reference format\" before anything is built.",
    ].join('\n'),
    bad: "FROM Ubuntu:22.04\nRUN true",
    good: "FROM ubuntu:22.04\nRUN true",
    notes: "Docker's reference grammar (distribution/reference). Only images written without variables are checked here; with variables, `invalid-default-arg-in-from` checks the defaults (a build argument may still fix them). Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
