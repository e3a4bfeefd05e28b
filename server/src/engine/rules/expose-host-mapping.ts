import { spanRange } from '../builder';
import { defineRule } from '../rule';
import { exposedPorts } from '../variables';

export default defineRule({
  id: 'expose-host-mapping',
  aliases: ['ExposeInvalidFormat'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'EXPOSE names a host IP or host port (`8080:80`, `127.0.0.1:80:80`); only the container port belongs there.',
    why: [
      'EXPOSE documents which ports the *container* listens on. Which host address and port they are published on is',
      'decided when the container runs (`docker run -p 8080:80`, a compose file), not in the image. Docker ignores the',
      'host part of `EXPOSE 8080:80` (it exposes 80), so the line suggests a mapping that never happens; BuildKit warns',
      'that this form is deprecated.',
    ].join('\n'),
    bad: 'FROM nginx:1.27-alpine\nEXPOSE 8080:80',
    good: 'FROM nginx:1.27-alpine\n# publish with: docker run -p 8080:80 ...\nEXPOSE 80',
    fix: 'Keeps only the container port (and protocol). Applied automatically: that is the port Docker exposes anyway.',
    notes: 'Same as BuildKit\'s ExposeInvalidFormat, checked after variables are substituted; the finding points at the port.',
  },
  check(ctx) {
    for (const port of exposedPorts(ctx.model, ctx.buildArgs)) {
      if (port.error || (!port.ip && !port.hostPort)) continue;
      const range = spanRange(ctx.model, port.node.line, port.word);
      const container = port.containerPort + (port.proto ? '/' + port.proto : '');
      const literal = port.word.text === port.spec;
      ctx.report({
        range,
        message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.spec}': expose \`${container}\` and publish it with \`docker run -p\`.`,
        fixes: () => (literal ? [{ title: `Expose ${container} only`, edits: [{ range, newText: container }], safe: true }] : []),
      });
    }
  },
});
