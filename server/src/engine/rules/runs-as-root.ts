import { DockerfileModel, type InstructionInfo, type Stage } from '../model';
import { defineRule, type RuleContext } from '../rule';
import { baseImageFacts, createdUsers, isBareShellOrInterpreter, mentionsPrivilegeDrop, serverDropsPrivileges, startArgvs, startCommands, type BaseImageFacts } from '../knowledge/runtime';
import { ancestry, lintStages, variablesAt } from '../knowledge/stages';
import type { Fix, Severity } from '../types';

/** Instructions that only describe how the container starts; the user switch goes before them. */
const TRAILING = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'STOPSIGNAL', 'MAINTAINER', 'VOLUME']);

const NEW_USER = 'app';
const NEW_UID = '10001';

export default defineRule({
  id: 'runs-as-root',
  aliases: ['DL3002'],
  category: 'security',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'The container runs as root: the final stage never switches to an unprivileged user, or switches back to root last.',
    why: [
      'Unless a Dockerfile says otherwise with `USER`, the container\'s process runs as root (UID 0). Containers are',
      'isolated, but root inside one is still the same UID 0 the kernel knows: a bug that lets an attacker run commands',
      'in your application gives them full control of the container, write access to everything in it, and a much',
      'better starting point for escaping to the host through a kernel or runtime flaw or a careless volume mount.',
      '',
      'Create an unprivileged user during the build and switch to it with `USER` after the steps that need root',
      '(installing packages), before `CMD`. A UID above 10000 keeps clear of users that exist on the host. If the',
      'application writes files (uploads, caches, a SQLite database), give that user those folders with',
      '`COPY --chown=` or `chown`; reading the copied code needs nothing extra.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'RUN useradd --create-home --uid 10001 appuser',
      'WORKDIR /home/appuser/app',
      'COPY . .',
      'USER appuser',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    fix: [
      'Switches to an unprivileged user just before the instructions that only describe the start (CMD, ENTRYPOINT,',
      'EXPOSE…): a user the Dockerfile already created or used, the one the base image ships (`node`, distroless',
      '`nonroot`), `65534` (nobody) on `scratch`, or a new `app` user with UID 10001, created with `adduser` on Alpine,',
      '`useradd` on Debian, Ubuntu and Red Hat images, and with whichever of the two exists on images we do not know.',
      'Offered, never applied automatically: an application that writes into folders owned by root will need `chown`.',
    ].join(' '),
    context: { 'main.py': 'print("hi")\n' },
    notes: [
      'Like hadolint, an explicit `USER root` (or `0`, `root:root`, `0:0`) that stays the last USER of the final image is',
      'a warning, including when it comes from a stage the final stage is built `FROM`. Unlike hadolint, only the',
      'final image counts: a builder stage that ends as root is not shipped, so it is not reported.',
      'No USER at all is our addition, reported as `info`, because the base image may already switch user. It is only',
      'reported when the Dockerfile says what the container runs (a CMD or ENTRYPOINT other than a bare shell or',
      'interpreter, or EXPOSE); otherwise it is most likely a base image, and the image built on it picks the user. It stays',
      'quiet for images known to run unprivileged (distroless `:nonroot`, Chainguard, Bitnami, `*-unprivileged`, Jupyter)',
      'and for `scratch`, where no user can be created (a numeric `USER 65534:65534` still works there if you want one);',
      'it is a hint for database and web-server images',
      'whose own entrypoint drops to a service user (postgres, redis, nginx…), for servers that hand their work to an',
      'unprivileged user themselves (Apache, nginx, PHP-FPM), and when the Dockerfile uses gosu or su-exec; these get no',
      'fix, since switching user would break their start-up. Windows images are not checked. Raise the severity in `.layerwise.yaml` to make a missing USER',
      'a warning or an error in your project.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const final = model.finalStage ?? lintStages(model).at(-1);
    if (!final) return;
    const real = final.index >= 0;
    const facts = real ? baseImageFacts(final) : undefined;
    if (facts?.family === 'windows') return;
    const chain = ancestry(final);
    if (chain.some(s => s.instructions.some(x => x.keyword === 'SHELL' && /powershell|pwsh|cmd(\.exe)?["']?\s*[,\]]/i.test(x.node.getArgumentsContent() ?? '')))) return;

    const users = chain.flatMap(s => s.instructions.filter(x => x.keyword === 'USER'));
    const last = users.at(-1);
    if (last) {
      const raw = (last.node.getArgumentsContent() ?? '').trim();
      const vars = last.stage ? variablesAt(model, last.stage, last.index) : new Map<string, string | undefined>();
      const value = resolve(raw, vars);
      if (value === undefined || !isRoot(value)) return;
      const inherited = !final.instructions.includes(last);
      if (raw.includes('$')) {
        // The user comes from build arguments whose defaults mean root: the fix is a better default, not another USER.
        ctx.report({
          range: last.range,
          message: `\`USER ${raw}\` is \`${value}\`, root, with the default build arguments, so the container runs as root unless every build passes another value. Give the ARG an unprivileged default (for example 10001).`,
        });
        return;
      }
      ctx.report({
        range: last.range,
        message: inherited
          ? `\`USER ${raw}\` is the last USER of the final image (stage ${final.name ?? final.index + 1} is built on this one), so the container runs as root. Switch to an unprivileged user in the final stage.`
          : `\`USER ${raw}\` is the last USER, so the container runs as root. Switch back to an unprivileged user after the steps that need root.`,
        fixes: () => switchFixes(ctx, final, facts, last),
      });
      return;
    }

    if (facts?.nonRootByDefault) return;
    // Without CMD, ENTRYPOINT or EXPOSE the Dockerfile does not say what the container runs: most likely a
    // base or tooling image, whose user is chosen by the image built on it.
    // A bare shell or interpreter as the command (`CMD ["bash"]`, `CMD ["python3"]`) says the same.
    const start = real ? startCommands(model, final) : {};
    const argvs = startArgvs(start);
    const runsSomething = argvs.length > 0 && !argvs.every(isBareShellOrInterpreter);
    if (!runsSomething && !chain.some(s => s.instructions.some(x => x.keyword === 'EXPOSE'))) return;
    // scratch has no user database and no tool to create one: no finding there (see notes).
    if (facts?.family === 'scratch') return;
    let severity: Severity = 'info';
    let offerFix = true;
    const baseName = facts?.display ?? 'the base image';
    let message = `No USER in the final stage: the container runs as root unless \`${baseName}\` switches user itself. Create an unprivileged user and add \`USER\` before CMD.`;
    if (facts?.family === 'distroless') {
      message = `\`${baseName}\` runs as root; distroless images ship an unprivileged \`nonroot\` user (UID 65532): add \`USER nonroot\` or use the \`:nonroot\` tag.`;
    } else if (facts?.dropsPrivileges && !chain.some(s => s.instructions.some(x => x.keyword === 'ENTRYPOINT'))) {
      severity = 'hint';
      offerFix = false;
      message = `\`${baseName}\` starts as root and its entrypoint switches to a service user by itself, so no USER is needed as long as you keep its ENTRYPOINT.`;
    } else if (argvs.some(serverDropsPrivileges)) {
      severity = 'hint';
      offerFix = false;
      message = 'No USER in the final stage, but the server it starts (Apache, nginx, PHP-FPM) binds its ports as root and runs its workers as an unprivileged user of its configuration. Switching the whole container to another user would need a different server configuration.';
    } else if (mentionsPrivilegeDrop(model)) {
      // Switching user here would stop the entrypoint from doing the root-only setup it drops privileges after.
      severity = 'hint';
      offerFix = false;
      message = 'No USER in the final stage, but the Dockerfile uses a tool such as gosu or su-exec: if the entrypoint drops to an unprivileged user at start, this is fine. Otherwise add `USER`.';
    } else if (real && (!chain[0].image.resolved || chain[0].image.resolved.includes('$'))) {
      severity = 'hint';
      message = `No USER in the final stage, and the base image \`${chain[0].image.raw}\` depends on build arguments, so whether it switches user is unknown. If it does not, the container runs as root.`;
    }
    const anchor = final.instructions.find(x => x.keyword === 'ENTRYPOINT') ?? final.instructions.find(x => x.keyword === 'CMD') ?? final.instructions[0];
    ctx.report({
      range: anchor.keyword === 'FROM' ? (final.image.range ?? anchor.range) : anchor.range,
      severity,
      message,
      fixes: () => (offerFix ? switchFixes(ctx, final, facts, undefined) : []),
    });
  },
});

function resolve(raw: string, vars: ReadonlyMap<string, string | undefined>): string | undefined {
  const unquoted = raw.replace(/^"(.*)"$/, '$1');
  return unquoted.includes('$') ? DockerfileModel.substitute(unquoted, vars) : unquoted;
}

function isRoot(user: string): boolean {
  const name = user.replace(/^"|"$/g, '').split(':')[0].trim();
  return name === 'root' || name === '0';
}

function switchFixes(ctx: RuleContext, final: Stage, facts: BaseImageFacts | undefined, rootUser: InstructionInfo | undefined): Fix[] {
  if (final.index < 0 || !facts) return [];
  // ONBUILD steps run in images built from this one, under whatever user we switch to.
  if (final.instructions.some(x => x.keyword === 'ONBUILD')) return [];
  const model = ctx.model;
  const lines = model.lines;
  const list = final.instructions;
  let anchorIdx = 0;
  list.forEach((x, i) => { if (!TRAILING.has(x.keyword)) anchorIdx = i; });
  if (rootUser && rootUser.stage === final) anchorIdx = Math.max(anchorIdx, list.indexOf(rootUser));
  const anchor = list[anchorIdx];
  const indent = /^\s*/.exec(lines.lineText(anchor.range.start.line))![0];
  const eol = lines.eol;
  const endLine = anchor.range.end.line;
  const hasBreak = lines.nextLineStart(endLine) > lines.lineEnd(endLine);
  const at = lines.positionAt(lines.nextLineStart(endLine));
  const insert = (body: string[]) => {
    const text = body.map(l => indent + l).join(eol);
    return hasBreak ? text + eol : eol + text;
  };

  // A user the Dockerfile already has: an earlier non-root USER, or one created by useradd/adduser.
  const chain = ancestry(final);
  const earlier = chain.flatMap(s => s.instructions.filter(x => x.keyword === 'USER' && (!rootUser || x.index < rootUser.index)))
    .map(x => (x.node.getArgumentsContent() ?? '').trim())
    .filter(u => u && !isRoot(u) && !u.includes('$'));
  const created = createdUsers(final).filter(u => u.stage === final || !u.name.includes('$'));
  const known = earlier.at(-1) ?? created.at(-1)?.name ?? facts.builtInUser;
  const where = list[anchorIdx + 1] ? `before ${list[anchorIdx + 1].keyword}` : 'at the end of the final stage';
  if (known) {
    return [{ title: `Switch to user ${known} ${where}`, edits: [{ range: { start: at, end: at }, newText: insert([`USER ${known}`]) }], safe: false }];
  }
  if (facts.family === 'scratch') {
    return [{ title: `Run as nobody (USER 65534:65534) ${where}`, edits: [{ range: { start: at, end: at }, newText: insert(['USER 65534:65534']) }], safe: false }];
  }
  if (facts.family === 'distroless' || facts.family === 'windows') return [];
  const create = facts.family === 'alpine'
    ? `RUN adduser -D -u ${NEW_UID} ${NEW_USER}`
    : facts.family === 'debian' || facts.family === 'rhel'
      ? `RUN useradd --create-home --uid ${NEW_UID} --user-group ${NEW_USER}`
      // Unknown base: use whichever tool exists, without hiding a real useradd error behind a fallback.
      : `RUN if command -v useradd >/dev/null 2>&1; then useradd --create-home --uid ${NEW_UID} --user-group ${NEW_USER}; else adduser -D -u ${NEW_UID} ${NEW_USER}; fi`;
  return [{
    title: `Create user ${NEW_USER} (UID ${NEW_UID}) and switch to it ${where}`,
    edits: [{ range: { start: at, end: at }, newText: insert([create, `USER ${NEW_USER}`]) }],
    safe: false,
  }];
}
