import { canonicalImageName } from '../knowledge/images';
import { baseImageFacts, serverCommand, startArgvs, startCommands } from '../knowledge/runtime';
import { ancestry } from '../knowledge/stages';
import { defineRule } from '../rule';
import type { Range, Severity } from '../types';

export default defineRule({
  id: 'missing-healthcheck',
  aliases: ['DL3057'],
  category: 'correctness',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'The image runs a network service but has no HEALTHCHECK, so Docker cannot tell a hung server from a healthy one.',
    why: [
      'Without a health check Docker knows only whether the main process is alive. A server that is deadlocked, out of',
      'database connections or stuck at start-up still counts as "running", so nothing restarts it and a load balancer',
      'keeps sending it traffic.',
      '',
      '`HEALTHCHECK` gives Docker a command to run inside the container every few seconds; after a number of failures',
      'the container is marked `unhealthy`. `docker ps` shows it, Docker Compose can wait for `service_healthy` before',
      'starting dependants, and Swarm replaces unhealthy tasks. Point it at a cheap endpoint that proves the app can',
      'answer, and use a tool the image has: slim images have no `curl`, but a Python image can use Python itself.',
      '',
      'Kubernetes ignores `HEALTHCHECK`; there, define liveness and readiness probes in the pod spec instead.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'EXPOSE 8000',
      'CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'EXPOSE 8000',
      'HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\',
      '  CMD python -c "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/health\', timeout=4)"',
      'CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]',
    ].join('\n'),
    context: { 'main.py': 'app = None\n' },
    notes: [
      'A service is recognised by EXPOSE, by a server start command (uvicorn, gunicorn, `flask run`, `streamlit run`,',
      '`manage.py runserver`, node, `npm start`, `java -jar`, nginx, httpd, php-fpm…), or by a well-known server base',
      'image (nginx, httpd, postgres…) that keeps its own command. `HEALTHCHECK NONE` counts as a decision and silences',
      'the rule. There is no quick fix: the right URL and port belong to your application. On `scratch` and distroless',
      'images, which have no shell or HTTP client, the finding is a hint: the program itself has to offer a check',
      '(for example a `healthcheck` subcommand). Turn the rule off if you deploy only to Kubernetes.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const final = model.finalStage;
    if (!final) return;
    const chain = ancestry(final);
    if (chain.some(s => s.instructions.some(x => x.keyword === 'HEALTHCHECK'))) return;
    const facts = baseImageFacts(final);
    if (facts.family === 'windows') return;

    const start = startCommands(model, final);
    const server = startArgvs(start).map(serverCommand).find(Boolean);
    const expose = [...chain].reverse().flatMap(s => s.instructions.filter(x => x.keyword === 'EXPOSE'))[0];
    const ownCommand = !!(start.cmd || start.entrypoint);
    const servesByImage = !ownCommand && facts.servesByDefault;
    if (!server && !expose && !servesByImage) return;

    const port = expose ? /\d+/.exec(expose.node.getArgumentsContent() ?? '')?.[0] : undefined;
    const why = server ? `\`${server}\` serves requests` : expose ? `\`EXPOSE ${(expose.node.getArgumentsContent() ?? '').trim()}\` marks this as a service` : `\`${facts.display}\` is a server image`;
    const noTools = facts.family === 'scratch' || facts.family === 'distroless';
    const severity: Severity | undefined = noTools ? 'hint' : undefined;
    const anchor = final.instructions.find(x => x.keyword === 'CMD' || x.keyword === 'ENTRYPOINT') ?? (expose?.stage === final ? expose : undefined);
    const range: Range = anchor?.range ?? final.image.range;
    const hint = suggestion(chain[0].image.name ?? '', facts.family, port);
    ctx.report({
      range,
      severity,
      message: noTools
        ? `${why}, but the image has no HEALTHCHECK. This base has no shell or HTTP client, so a check has to be built into the program (for example \`HEALTHCHECK CMD ["/app", "healthcheck"]\`).`
        : `${why}, but the image has no HEALTHCHECK, so Docker only knows the process is alive, not that it answers. Add one, for example \`${hint}\`${hint.includes('curl') ? ' (slim images have no curl: install it or use a tool the image has)' : ''}.`,
    });
  },
});

/** Services that do not speak HTTP, checked with their own client. */
const CLIENT_CHECKS: Record<string, string> = {
  '5432': 'HEALTHCHECK CMD pg_isready -U postgres',
  '3306': 'HEALTHCHECK CMD mysqladmin ping -h 127.0.0.1',
  '6379': 'HEALTHCHECK CMD redis-cli ping',
  '27017': 'HEALTHCHECK CMD mongosh --quiet --eval "db.adminCommand(\'ping\')"',
  '5672': 'HEALTHCHECK CMD rabbitmq-diagnostics -q ping',
};

/** A health check command that uses a tool the base image has. */
function suggestion(imageName: string, family: string, port: string | undefined): string {
  if (port && CLIENT_CHECKS[port]) return CLIENT_CHECKS[port];
  const name = canonicalImageName(imageName);
  const url = `http://localhost:${port ?? '<port>'}/health`;
  if (/(^|\/)python$/.test(name)) return `HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('${url}', timeout=4)"`;
  if (/(^|\/)node$/.test(name)) return `HEALTHCHECK CMD node -e "fetch('${url}').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"`;
  if (family === 'alpine') return `HEALTHCHECK CMD wget -q -O /dev/null ${url} || exit 1`;
  return `HEALTHCHECK CMD curl -fsS ${url} || exit 1`;
}
