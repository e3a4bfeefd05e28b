import { defineRule } from '../rule';
import { argumentWords, triggerOf } from '../knowledge/instruction-args';
import { lintStages } from '../knowledge/stages';

export default defineRule({
  id: 'expose-invalid-port',
  aliases: ['DL3011'],
  category: 'correctness',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'EXPOSE names a port outside 0–65535 (or a range that runs backwards); the build fails.',
    why: [
      'TCP and UDP ports are 16-bit numbers, so the highest is 65535. Docker refuses `EXPOSE 80000` when it builds the',
      'image (`invalid containerPort`), and a range such as `9000-8000` is rejected the same way. Usually a digit',
      'slipped in (`80800` for `8080`) or two ports were run together.',
    ].join('\n'),
    bad: [
      'FROM nginx:1.27-alpine',
      'EXPOSE 80800',
    ].join('\n'),
    good: [
      'FROM nginx:1.27-alpine',
      'EXPOSE 8080',
      'EXPOSE 40000-40100/udp',
    ].join('\n'),
    notes: [
      'Like hadolint\'s DL3011, ports and ranges that use a variable (`EXPOSE ${PORT}`) are not checked; we also report',
      'backwards ranges. Other malformed values (`EXPOSE 80:80`, unknown protocols) are left to the format checks.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      for (const info of stage.instructions) {
        const t = triggerOf(info);
        if (!t || t.keyword !== 'EXPOSE') continue;
        for (const word of argumentWords(model, t.node)) {
          const spec = word.text.split('/')[0];
          if (spec.includes('$')) continue;
          const m = /^(\d+)(?:-(\d+))?$/.exec(spec);
          if (!m) continue;
          const low = Number(m[1]);
          const high = m[2] === undefined ? low : Number(m[2]);
          const range = { start: model.lines.positionAt(word.start), end: model.lines.positionAt(word.end) };
          const bad = [low, high].find(p => p > 65535);
          if (bad !== undefined) {
            ctx.report({ range, message: `Port ${bad} in \`EXPOSE ${word.text}\` is out of range: ports go from 0 to 65535, and Docker rejects the build.` });
          } else if (high < low) {
            ctx.report({ range, message: `The range \`${spec}\` runs backwards; write the lower port first (\`${high}-${low}\`).` });
          }
        }
      }
    }
  },
});
