import { builderProblems } from '../builder-checks';
import { defineRule } from '../rule';

const ID = 'invalid-heredoc';

export default defineRule({
  id: ID,
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: "A heredoc never ends, is used as a COPY/ADD destination, or its marker cannot be read.",
    why: [
      "`RUN <<EOF` takes the lines up to a line holding exactly `EOF`; if none comes, the rest of the file is swallowed",
      "and Docker fails with \"unterminated heredoc\". A heredoc can be a source of COPY or ADD but not the destination.",
    ].join('\n'),
    bad: "FROM alpine:3.20\nCOPY /etc/motd <<EOF\nhello\nEOF",
    good: "FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF",
    notes: "Heredocs are found exactly as BuildKit finds them (`<<WORD`, `<<-WORD`, quoted words, several per line). Part of builder parity: everything `docker build` rejects is an error with a precise range (see docs/conformance-deviations.md).",
  },
  check(ctx) {
    for (const p of builderProblems(ctx.model, ctx.buildArgs).get(ID) ?? []) ctx.report(p);
  },
});
