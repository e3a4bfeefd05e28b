import { defineRule } from '../rule';
import { unquote } from '../knowledge/instruction-args';

export default defineRule({
  id: 'redundant-target-platform',
  aliases: ['DL3065', 'RedundantTargetPlatform'],
  category: 'style',
  severity: 'info',
  fixable: true,
  docs: {
    summary: '`FROM --platform=$TARGETPLATFORM` says what every FROM does anyway.',
    why: [
      'A stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` changes',
      'nothing. It makes the line longer and suggests a decision that was not needed; `$BUILDPLATFORM` is the value',
      'that actually changes something (a stage that runs on the build machine, for cross-compiling).',
    ].join('\n'),
    bad: 'FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN echo hi',
    good: 'FROM alpine:3.20\nRUN echo hi',
    fix: 'Removes the flag. The stage is built for the same platform as before, so fix-all applies it.',
    notes: [
      'As hadolint\'s DL3065 and BuildKit\'s RedundantTargetPlatform: `$TARGETPLATFORM` and `${TARGETPLATFORM}` (quoted or',
      'not). Not reported when a global `ARG TARGETPLATFORM=` gives the variable a default of its own.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    // A default for TARGETPLATFORM makes the flag meaningful (builds without --platform use it).
    if (model.globalArgs.get('TARGETPLATFORM')) return;
    for (const stage of model.stages) {
      const flag = stage.from.getPlatformFlag();
      if (!flag) continue;
      const value = unquote(flag.getValue() ?? '');
      if (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}') continue;
      const range = flag.getRange();
      ctx.report({
        range,
        message: `\`--platform=${value}\` is the default for every stage; remove it.`,
        fixes: () => {
          const start = model.lines.offsetAt(range.start);
          let end = model.lines.offsetAt(range.end);
          while (model.text[end] === ' ' || model.text[end] === '\t') end++;
          return [{ title: 'Remove the redundant --platform flag', edits: [{ range: { start: range.start, end: model.lines.positionAt(end) }, newText: '' }], safe: true }];
        },
      });
    }
  },
});
