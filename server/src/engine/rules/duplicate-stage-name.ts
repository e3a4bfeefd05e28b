import { defineRule } from '../rule';
import type { Range } from '../types';

export default defineRule({
  id: 'duplicate-stage-name',
  aliases: ['DL3024', 'DuplicateStageName'],
  category: 'correctness',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'Two build stages have the same `AS` name, so references to that name are ambiguous.',
    why: [
      'Stage names are what `COPY --from=<name>`, `FROM <name>` and `docker build --target <name>` refer to. With two',
      'stages called `build`, a reader cannot tell which one a reference means, and the builder picks one by its own',
      'rules, which also differ between tools. Usually a stage was copied and its name was not changed. Give every stage',
      'its own name.',
    ].join('\n'),
    bad: [
      'FROM node:20-slim AS build',
      'RUN echo frontend > /out.txt',
      '',
      'FROM golang:1.24 AS build',
      'RUN echo backend > /out.txt',
    ].join('\n'),
    good: [
      'FROM node:20-slim AS build-frontend',
      'RUN echo frontend > /out.txt',
      '',
      'FROM golang:1.24 AS build-backend',
      'RUN echo backend > /out.txt',
    ].join('\n'),
    notes: [
      'Names are compared without regard to case, as Docker does (`AS Build` and `AS build` are the same stage name).',
      'Hadolint\'s DL3024 compares them exactly. The finding is on the later stage, as in BuildKit\'s DuplicateStageName.',
    ].join(' '),
  },
  check(ctx) {
    const seen = new Map<string, number>();
    for (const stage of ctx.model.stages) {
      if (!stage.name) continue;
      const first = seen.get(stage.name);
      if (first === undefined) { seen.set(stage.name, stage.from.getRange().start.line); continue; }
      const range: Range = stage.from.getBuildStageRange() ?? stage.from.getRange();
      ctx.report({
        range,
        message: `Stage name \`${stage.from.getBuildStage()}\` is already used by the stage on line ${first + 1}; give each stage its own name.`,
      });
    }
  },
});
