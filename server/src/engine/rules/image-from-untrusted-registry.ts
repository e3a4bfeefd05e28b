import { defineRule } from '../rule';
import { DockerfileModel, flagsOf, parseImageReference, type Stage } from '../model';
import { parseMount } from '../run';
import type { Range } from '../types';

const DOCKER_HUB = 'docker.io';
/** Other names of Docker Hub: images without a registry come from there too. */
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/** The registry host of an image reference; `docker.io` when it names none (`python`, `library/python`, `org/app`). */
export function registryOf(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return DOCKER_HUB;
  const first = image.slice(0, slash);
  // Docker's rule: the first component is a registry when it has a `.` or `:`, or is `localhost`.
  if (!/[.:]/.test(first) && first !== 'localhost') return DOCKER_HUB;
  const host = first.toLowerCase();
  return DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}

/** hadolint's registry patterns: `*` alone, a leading `*` (suffix match) or a trailing `*` (prefix match). */
export function registryMatches(pattern: string, registry: string): boolean {
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*')) return registry.endsWith(p.slice(1));
  if (p.endsWith('*')) return registry.startsWith(p.slice(0, -1));
  return registry === (DOCKER_HUB_ALIASES.has(p) ? DOCKER_HUB : p);
}

export default defineRule({
  id: 'image-from-untrusted-registry',
  aliases: ['DL3026'],
  category: 'security',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'An image comes from a registry that is not in the team\'s list of trusted registries.',
    why: [
      'Everything in a base image runs inside yours: whoever controls the registry it comes from controls part of',
      'your build. Teams that mirror or vet images (an internal registry, a pull-through cache, a vendor registry',
      'under contract) list those registries as trusted, and every `FROM`, `COPY --from=<image>` and',
      '`RUN --mount=from=<image>` should pull from one of them.',
      '',
      'Use the mirrored image (`registry.corp.example/library/python:3.12-slim`), or add the registry to',
      '`trustedRegistries` if it has been approved.',
    ].join('\n'),
    bad: 'FROM quay.io/example/python:3.12-slim\nCOPY --from=ghcr.io/example/tools:1.4 /bin/tool /usr/local/bin/tool',
    good: 'FROM registry.corp.example/library/python:3.12-slim\nCOPY --from=registry.corp.example/example/tools:1.4 /bin/tool /usr/local/bin/tool',
    config: 'trustedRegistries:\n  - registry.corp.example\n',
    notes: [
      'Active only when `trustedRegistries` is set, in `.layerwise.yaml` or an existing `.hadolint.yaml`. Patterns may start',
      'or end with `*` (`*.corp.example`, `registry.corp.*`), and `*` alone trusts every registry. Images without a',
      'registry (`python:3.12`, `org/app`) come from Docker Hub, which `docker.io` (or `hub.docker.com`) trusts;',
      '`index.docker.io` and `registry-1.docker.io` count as Docker Hub too.',
      '',
      'Default severity is `warning`: once a team lists its registries, an image from elsewhere is a supply-chain',
      'question worth answering (hadolint uses `error`). Earlier stages, `scratch`, and references whose registry is',
      'only known at build time (`FROM $BASE` without a default) are not reported.',
    ].join('\n'),
  },
  check(ctx) {
    const trusted = ctx.options.trustedRegistries;
    if (!trusted.length) return;
    const model = ctx.model;
    const check = (image: string | undefined, range: Range, where: string) => {
      if (!image || image.toLowerCase() === 'scratch') return;
      const registry = registryOf(parseImageReference(image).name);
      if (trusted.some(p => registryMatches(p, registry))) return;
      ctx.report({
        range,
        message: `${where} \`${image}\` comes from \`${registry}\`${registry === DOCKER_HUB && !image.toLowerCase().startsWith('docker.io/') ? ' (Docker Hub)' : ''}, which is not a trusted registry (${trusted.map(t => `\`${t}\``).join(', ')}); use a mirrored image or add the registry to \`trustedRegistries\`.`,
      });
    };

    for (const stage of model.stages) {
      const image = stage.image;
      if (image.stage || image.isScratch || image.resolved === undefined) continue;
      check(image.resolved, image.range, 'The base image');
    }
    for (const instruction of model.instructions) {
      const before = instruction.stage ? model.stages.slice(0, instruction.stage.index) : [];
      for (const flag of flagsOf(instruction.node)) {
        const name = flag.getName().toLowerCase();
        const value = flag.getValue() ?? '';
        const range = flag.getValueRange() ?? flag.getRange();
        if (name === 'from' && (instruction.keyword === 'COPY' || instruction.keyword === 'ADD')) {
          const image = imageOrUndefined(model, value, before);
          if (image) check(image, range, 'The image');
        } else if (name === 'mount' && instruction.keyword === 'RUN') {
          const from = parseMount(value).options.get('from');
          const image = from === undefined ? undefined : imageOrUndefined(model, from, before);
          if (image) check(image, range, 'The mounted image');
        }
      }
    }
  },
});

/** `ref` as an image reference, or undefined when it names an earlier stage or is only known at build time. */
function imageOrUndefined(model: DockerfileModel, ref: string, earlier: Stage[]): string | undefined {
  const resolved = DockerfileModel.substitute(ref, model.globalArgs);
  if (!resolved) return undefined;
  if (/^\d+$/.test(resolved)) return undefined;
  if (earlier.some(s => s.name === resolved.toLowerCase())) return undefined;
  return resolved;
}
