import { defineRule } from '../rule';

/** `# hadolint ignore=DL3008,SC2086` or `# layerwise ignore=...` (not `global`/`stage`), as each tool reads it. */
const INLINE = /^#[ \t]*(hadolint|layerwise)[ \t]+ignore[ \t]*=[ \t]*([A-Za-z0-9_-]+([ \t]*,[ \t]*[A-Za-z0-9_-]+)*)[ \t]*(#.*)?$/i;

export default defineRule({
  id: 'inline-ignore-pragma',
  aliases: ['DL1001'],
  category: 'style',
  severity: 'hint',
  fixable: false,
  docs: {
    summary: 'An inline `# hadolint ignore=` or `# layerwise ignore=` comment silences a rule for the next instruction.',
    why: [
      'Ignore comments are handy, but each one is an exception decided in passing and hidden in the file: reviewers',
      'rarely question them, nobody revisits them when the code around them changes, and they spread by copy and paste.',
      'Teams that want every exception visible in one place keep them in `.layerwise.yaml` (or `.hadolint.yaml`), where',
      'a rule can be turned off or given another severity for the whole project, with a comment saying why.',
      '',
      'This rule is a team policy, so it is only a hint by default. Raise it in the configuration if your project wants',
      'no inline ignores at all.',
    ].join('\n'),
    bad: [
      'FROM debian:12-slim',
      '# hadolint ignore=DL3008',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    good: [
      '# .layerwise.yaml holds the project\'s exceptions instead:',
      '#   rules:',
      '#     DL3008: off',
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
    notes: [
      'As hadolint\'s DL1001, only pragmas that apply to the next instruction are reported; `# hadolint global ignore=`,',
      '`# hadolint stage ignore=` and `# hadolint shell=` are not. Our own `# layerwise ignore=` spelling counts too, since',
      'it is the same kind of exception. Hadolint turns DL1001 off by default; here it is a hint, the quietest level.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const instructions = model.instructions;
    let next = 0;
    for (let line = 0; line < model.lines.lineCount; line++) {
      // Comment lines inside a continued instruction belong to it and are not pragmas.
      while (next < instructions.length && instructions[next].range.end.line < line) next++;
      const inside = instructions[next] && instructions[next].range.start.line <= line;
      if (inside) continue;
      const text = model.lines.lineText(line);
      const m = INLINE.exec(text.trim());
      if (!m) continue;
      const startChar = text.length - text.trimStart().length;
      ctx.report({
        range: { start: { line, character: startChar }, end: { line, character: text.trimEnd().length } },
        message: `Inline ignore pragma for ${m[2].split(',').map(s => `\`${s.trim()}\``).join(', ')}: exceptions are easier to review in the project configuration (\`.layerwise.yaml\` or \`.hadolint.yaml\`).`,
      });
    }
  },
});
