import { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { argumentWords } from '../knowledge/instruction-args';
import { ancestry, lintStages, variablesAt } from '../knowledge/stages';
import { knownUid } from '../knowledge/users';
import type { Fix } from '../types';

export default defineRule({
  id: 'user-not-numeric',
  aliases: ['DL3066'],
  category: 'security',
  severity: 'hint',
  fixable: true,
  docs: {
    summary: 'The image runs as a user given by name; Kubernetes cannot verify that a named user is not root.',
    why: [
      '`USER app` works in Docker, which looks the name up in the image\'s `/etc/passwd`. Kubernetes does not: with',
      '`runAsNonRoot: true` (required by the "restricted" Pod Security Standard and by many clusters) it refuses to start',
      'a container whose image user is a name, because it cannot tell whether that name means UID 0. Writing the UID',
      '(`USER 10001`, or `USER 10001:10001`) removes the doubt and works the same in Docker.',
      '',
      'Hint by default, since it only matters where such a policy applies; raise it in `.layerwise.yaml` for',
      'Kubernetes projects.',
    ].join('\n'),
    bad: [
      'FROM debian:12-slim',
      'RUN useradd --uid 10001 --create-home app',
      'USER app',
    ].join('\n'),
    good: [
      'FROM debian:12-slim',
      'RUN useradd --uid 10001 --create-home app',
      'USER 10001',
    ].join('\n'),
    fix: [
      'Replaces the name with the UID the Dockerfile gives it (`useradd -u`/`--uid`, `adduser -u`), or the fixed UID',
      'of a well-known user (`nobody` 65534, distroless `nonroot` 65532, `node` on Node.js images 1000). Offered only',
      'when that UID is known, and not applied automatically.',
    ].join(' '),
    notes: [
      'Hadolint\'s DL3066 reports every USER with a name; we report only the USER the image finally runs as (the last one',
      'of the final stage, or of the stage it is built on), since earlier switches do not reach Kubernetes. `USER root` is',
      'left to `runs-as-root`. A user given by a variable is checked with the variable\'s value, and skipped when the',
      'Dockerfile does not give it one.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const final = model.finalStage ?? lintStages(model).at(-1);
    if (!final) return;
    const chain = final.index >= 0 ? ancestry(final) : [final];
    const last = chain.flatMap(s => s.instructions.filter(i => i.keyword === 'USER')).at(-1);
    if (!last) return;
    const [word] = argumentWords(model, last.node);
    if (!word) return;
    let value: string | undefined = word.text;
    if (value.includes('$')) value = last.stage ? DockerfileModel.substitute(value, variablesAt(model, last.stage, last.index)) : undefined;
    if (value === undefined) return;
    const user = value.split(':')[0];
    if (!user || /^\d+$/.test(user) || user === 'root') return;
    const uid = word.text.includes('$') ? undefined : knownUid(chain, user) ?? wellKnownUid(chain[0], user);
    ctx.report({
      range: last.range,
      message: `\`USER ${word.text}\` names the user; Kubernetes with \`runAsNonRoot\` cannot check a name and refuses to start the container. Use the numeric UID${uid ? ` (\`USER ${uid}${value.slice(user.length)}\`)` : ''}.`,
      fixes: (): Fix[] => uid ? [{
        title: `Use the numeric UID: USER ${uid}${value!.slice(user.length)}`,
        edits: [{ range: { start: model.lines.positionAt(word.start), end: model.lines.positionAt(word.start + word.raw.indexOf(user) + user.length) }, newText: word.raw.slice(0, word.raw.indexOf(user)) + uid }],
        safe: false,
      }] : [],
    });
  },
});

/** Users whose UID is fixed by the base image: `nobody` (65534), distroless and Chainguard `nonroot` (65532), `node` on Node.js images (1000). */
function wellKnownUid(root: import('../model').Stage, user: string): string | undefined {
  const image = root.index >= 0 ? (root.image.name ?? '') : '';
  if (user === 'nobody') return '65534';
  if (user === 'nonroot' && /(^|\/)(distroless|chainguard)\//.test(image)) return '65532';
  if (user === 'node' && /(^|\/)node$/.test(image)) return '1000';
  return undefined;
}
