import { spanRange } from '../builder';
import { defineRule } from '../rule';
import { exposedPorts } from '../variables';

export default defineRule({
  id: 'expose-protocol-casing',
  aliases: ['ExposeProtoCasing'],
  category: 'style',
  severity: 'info',
  fixable: true,
  docs: {
    summary: 'The protocol in EXPOSE is not lower case (`80/TCP`).',
    why: [
      'Docker accepts `tcp`, `udp` and `sctp` in any case and stores them in lower case, so `EXPOSE 80/TCP` works; but',
      'everything else that reads ports (compose files, `docker run -p`, orchestrators) writes them in lower case, and',
      'mixed spellings make the same port look different.',
    ].join('\n'),
    bad: 'FROM nginx:1.27-alpine\nEXPOSE 80/TCP',
    good: 'FROM nginx:1.27-alpine\nEXPOSE 80/tcp',
    fix: 'Lower-cases the protocol. Applied automatically: Docker does the same.',
    notes: 'Same as BuildKit\'s ExposeProtoCasing, checked after variables are substituted; the finding points at the port.',
  },
  check(ctx) {
    for (const port of exposedPorts(ctx.model, ctx.buildArgs)) {
      if (!port.proto || port.proto === port.proto.toLowerCase() || port.error) continue;
      const range = spanRange(ctx.model, port.node.line, port.word);
      const literal = port.word.text === port.spec;
      ctx.report({
        range,
        message: `Defined protocol '${port.spec}' in EXPOSE instruction should be lowercase: write \`${port.spec.replace(/\/[^/]*$/, '/' + port.proto.toLowerCase())}\`.`,
        fixes: () => (literal ? [{ title: 'Lower-case the protocol', edits: [{ range, newText: port.spec.replace(/\/[^/]*$/, '/' + port.proto!.toLowerCase()) }], safe: true }] : []),
      });
    }
  },
});
