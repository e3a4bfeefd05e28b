import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-flag-value';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "A flag has a value Docker rejects: `RUN --mount` options, `--network`, `--security`, `--chmod`, `--checksum` or `FROM --platform`.",
    why: [
      "These values are checked by the builder before anything runs: an unknown mount type or option (`type=cahce`,",
      "`taget=`), an option that does not fit the mount type (`size` on a cache mount), a secret mount without `id`,",
      "a network other than `default`, `none` or `host`, a `--chmod` that is not a mode, `--checksum` on a local file,",
      "or a `--platform` that is not `os/arch[/variant]`. Each stops the build.",
    ].join('\n'),
    bad: "FROM python:3.12-slim\nRUN --mount=type=cahce,target=/root/.cache/pip pip install flask",
    good: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask",
    notes: "Values are checked after variable substitution, with the same rules as BuildKit (`parseMount`, `platforms.Parse`, `mode.Parse`); values that depend on a build argument without default are not judged. Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
