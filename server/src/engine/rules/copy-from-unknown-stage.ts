import { defineRule } from '../rule';
import { fromReference } from '../knowledge/instruction-args';
import { lintStages } from '../knowledge/stages';
import type { Severity } from '../types';

export default defineRule({
  id: 'copy-from-unknown-stage',
  aliases: ['DL3022'],
  category: 'correctness',
  severity: 'warning',
  fixable: false,
  // A stage defined later, or a stage index out of range, is a build error there.
  supersededBy: ['invalid-copy-from'],
  docs: {
    summary: '`COPY --from` names no stage defined before it, so Docker treats the name as an image to pull.',
    why: [
      '`COPY --from=<name>` copies from an earlier build stage when one has that name (`FROM … AS <name>`) or that',
      'index (`--from=0`). Any other name is taken as an image reference: `--from=biuld` quietly pulls an image called',
      '`biuld` from Docker Hub, which fails, or worse, succeeds with somebody else\'s image. A stage defined further down',
      'does not count either; move it above the COPY.',
      '',
      'Copying from an image on purpose is fine (`COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /bin/`); give it a tag so the',
      'build is repeatable and so it is clearly an image.',
    ].join('\n'),
    bad: [
      'FROM golang:1.24 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /out/app .',
      '',
      'FROM gcr.io/distroless/static-debian12',
      'COPY --from=builder /out/app /app',
    ].join('\n'),
    good: [
      'FROM golang:1.24 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /out/app .',
      '',
      'FROM gcr.io/distroless/static-debian12',
      'COPY --from=build /out/app /app',
      'COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /bin/uv',
    ].join('\n'),
    notes: [
      'As hadolint\'s DL3022, references with a tag or digest (`name:tag`, `@sha256:`) are images and are not reported.',
      'Deviations: stage names are compared without regard to case, as Docker does; a reference that contains a `/` is',
      'an image as well; `--from=$VAR` is checked with the value the Dockerfile gives the variable and skipped when it',
      'has none. A name that matches no stage and resembles none is reported as `info` (most likely an image without a',
      'tag); a near miss of a stage name, or a stage defined only later, is a warning.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const stages = lintStages(model);
    for (const stage of stages) {
      for (const info of stage.instructions) {
        const ref = fromReference(model, info);
        if (!ref || ref.value === undefined) continue;
        const value = ref.value;
        if (/[:@/]/.test(value)) continue;
        const lower = value.toLowerCase();
        const earlier = model.stages.filter(s => s.index <= stage.index && s.index >= 0);
        if (earlier.some(s => s.name === lower)) continue;
        if (/^\d+$/.test(value) && Number(value) < Math.max(0, stage.index + 1)) continue;
        const later = model.stages.find(s => s.index > stage.index && s.name === lower);
        const similar = earlier.find(s => s.name && distance(s.name, lower) <= 2);
        let severity: Severity | undefined;
        let message: string;
        if (/^\d+$/.test(value)) {
          message = `\`--from=${value}\` refers to stage ${value}, but ${stage.index < 0 ? 'no stage is defined before it' : `only stages 0–${stage.index} exist at this point`}.`;
        } else if (later) {
          message = `Stage \`${value}\` is defined only later (line ${later.from.getRange().start.line + 1}); move it above this COPY, or Docker treats \`${value}\` as an image to pull.`;
        } else if (similar) {
          message = `No stage is called \`${value}\`, so Docker will try to pull an image of that name. Did you mean stage \`${similar.name}\`?`;
        } else {
          severity = 'info';
          message = `No stage is called \`${value}\`, so Docker pulls the image \`${value}:latest\`. If that is intended, pin a tag (\`${value}:<version>\`); if a stage was meant, check its \`AS\` name.`;
        }
        ctx.report({ range: ref.range, severity, message });
      }
    }
  },
});

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
