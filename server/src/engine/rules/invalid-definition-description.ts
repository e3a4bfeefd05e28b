import { buildkitParse, spanRange } from '../builder';
import { defineRule } from '../rule';

export default defineRule({
  id: 'invalid-definition-description',
  aliases: ['InvalidDefinitionDescription'],
  category: 'style',
  severity: 'info',
  fixable: false,
  experimental: true,
  docs: {
    summary: 'The comment above an ARG or a named stage does not start with its name, so tools do not take it as its description.',
    why: [
      'Docker reads a comment of the form `# NAME description` directly above `ARG NAME` or `FROM ... AS NAME` as the',
      'description of that build argument or target, and shows it in `docker buildx build --call=outline` and',
      '`--call=targets`. A comment above that does not start with the name is not picked up. Start it with the name,',
      'or separate an unrelated comment with an empty `#` line.',
    ].join('\n'),
    bad: '# check=experimental=InvalidDefinitionDescription\n# The Go toolchain release to build with\nARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}',
    good: '# check=experimental=InvalidDefinitionDescription\n# GO_VERSION the Go toolchain release to build with\nARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}',
    notes: [
      'Mirrors BuildKit\'s experimental InvalidDefinitionDescription and, like it, is off unless turned on with',
      '`# check=experimental=InvalidDefinitionDescription` (or `experimental=all`) at the top of the Dockerfile, or by',
      'setting a severity for it in the configuration. The last comment line above the instruction is checked; with',
      'several ARGs in one line, any of their names will do.',
    ].join(' '),
  },
  check(ctx) {
    for (const node of buildkitParse(ctx.model).nodes) {
      if (!node.comments.length) continue;
      let keys: string[];
      let target;
      if (node.command === 'arg') {
        keys = node.args.map(a => a.text.split('=')[0]);
        target = node.args[0];
      } else if (node.command === 'from' && node.args.length === 3 && node.args[1].text.toLowerCase() === 'as') {
        keys = [node.args[2].text.toLowerCase()];
        target = node.args[2];
      } else continue;
      if (!keys.length || !target) continue;
      const first = node.comments[node.comments.length - 1].split(' ')[0];
      if (keys.includes(first)) continue;
      const kw = node.command.toUpperCase();
      const example = keys.length > 1 ? '<arg_key>' : keys[0];
      ctx.report({
        range: spanRange(ctx.model, node.line, target),
        message: `Comment for ${kw} should follow the format: \`# ${example} <description>\`; the comment above starts with \`${first}\`, so it is not taken as the description.`,
      });
    }
  },
});
