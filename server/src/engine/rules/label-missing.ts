import { defineRule } from '../rule';
import { labelPairs } from '../labels';
import { flagValue, flagsOf, type Stage } from '../model';
import { parseMount } from '../run';

export default defineRule({
  id: 'label-missing',
  aliases: ['DL3049'],
  category: 'style',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'An image stage lacks a label that the team\'s label schema requires.',
    why: [
      'A label schema is a team\'s promise about every image it ships: where the source is',
      '(`org.opencontainers.image.source`), who owns it, which version and commit it was built from. Registries,',
      'scanners and deployment tooling read these labels; an image without them is an image nobody can trace back.',
      '',
      'Each stage that produces an image must carry the labels itself or inherit them from the stage it is built',
      '`FROM`. Intermediate stages are exempt when their output is only used by another stage (`COPY --from`,',
      '`RUN --mount=from=`) or when a stage built on them sets the labels.',
    ].join('\n'),
    bad: 'FROM python:3.12-slim\nLABEL org.opencontainers.image.title="api"\nCMD ["python", "-m", "api"]',
    good: 'FROM python:3.12-slim\nLABEL org.opencontainers.image.title="api" \\\n      org.opencontainers.image.source="https://github.com/example/api"\nCMD ["python", "-m", "api"]',
    config: 'labelSchema:\n  org.opencontainers.image.source: url\n  org.opencontainers.image.title: text\n',
    notes: [
      'Active only with a label schema: `labelSchema` in `.layerwise.yaml`, or `label-schema` in an existing `.hadolint.yaml`.',
      'Default severity is `info` (labels are team policy); raise it with `rules: { label-missing: warning }`.',
      '',
      'One finding per stage lists every missing label (hadolint reports each label separately). Besides `COPY --from`,',
      'a stage used through `RUN --mount=from=` also counts as intermediate, and a labelled stage exempts its whole',
      'chain of base stages.',
    ].join('\n'),
  },
  check(ctx) {
    const schema = [...ctx.options.labelSchema.keys()];
    if (!schema.length) return;
    const stages = ctx.model.stages;
    const own = new Map<Stage, Set<string>>(stages.map(s => [s, new Set()]));
    for (const pair of labelPairs(ctx.model)) {
      const stage = pair.instruction.stage;
      if (stage) own.get(stage)!.add(pair.key);
    }
    const used = usedByOtherStages(stages);
    const children = (s: Stage) => stages.filter(c => c.image.stage === s);

    const has = (s: Stage, label: string): boolean => own.get(s)!.has(label) || (!!s.image.stage && has(s.image.stage, label));
    // A stage whose descendant sets the label is a base, not an image anyone ships as it is.
    const setBelow = (s: Stage, label: string): boolean => children(s).some(c => own.get(c)!.has(label) || setBelow(c, label));

    for (const stage of stages) {
      if (used.has(stage)) continue;
      const missing = schema.filter(label => !has(stage, label) && !setBelow(stage, label));
      if (!missing.length) continue;
      const list = missing.map(l => `\`${l}\``).join(', ');
      const name = stage.name ? `Stage \`${stage.name}\`` : stage.isFinal ? 'The final stage' : `Stage ${stage.index}`;
      ctx.report({
        range: stage.image.range,
        message: `${name} has no ${list} label${missing.length > 1 ? 's' : ''}, which the label schema requires; add \`LABEL ${missing[0]}=…\` to it or to the stage it is built on.`,
      });
    }
  },
});

/** Stages whose files another stage takes with `COPY --from` or `RUN --mount=from=`. */
function usedByOtherStages(stages: Stage[]): Set<Stage> {
  const used = new Set<Stage>();
  const mark = (ref: string | undefined, before: number) => {
    if (!ref) return;
    const target = /^\d+$/.test(ref) ? stages[Number(ref)] : stages.find(s => s.name === ref.toLowerCase());
    if (target && target.index < before) used.add(target);
  };
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') mark(flagValue(instruction.node, 'from'), stage.index);
      if (instruction.keyword === 'RUN') {
        for (const flag of flagsOf(instruction.node)) {
          if (flag.getName().toLowerCase() === 'mount') mark(parseMount(flag.getValue() ?? '').options.get('from'), stage.index);
        }
      }
    }
  }
  return used;
}
