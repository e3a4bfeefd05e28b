import type { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { imageFacts } from '../knowledge/images';
import { copyArgs, fromReference } from '../knowledge/instruction-args';
import { lintStages } from '../knowledge/stages';

export default defineRule({
  id: 'copy-whole-filesystem',
  aliases: ['DL3067'],
  category: 'size',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: '`COPY --from=<stage> / /` copies another stage\'s entire filesystem over this one.',
    why: [
      'Copying `/` brings everything the other stage has: its package manager, caches, compilers, `/etc/passwd`,',
      '`/etc/hosts`-style files and whatever its base image shipped. It overwrites this stage\'s own system files with',
      'those of another image, and stores a complete second operating system in one layer. Multi-stage builds are',
      'worth it because the final stage takes only what it needs: copy the build output (`/app`, a binary, `/venv`).',
    ].join('\n'),
    bad: [
      'FROM node:20 AS build',
      'WORKDIR /app',
      'RUN npm --version > /app/version.txt',
      '',
      'FROM node:20-slim',
      'COPY --from=build / /',
    ].join('\n'),
    good: [
      'FROM node:20 AS build',
      'WORKDIR /app',
      'RUN npm --version > /app/version.txt',
      '',
      'FROM node:20-slim',
      'COPY --from=build /app /app',
    ].join('\n'),
    notes: [
      'As hadolint\'s DL3067: a source of `/` copied to `/` from another stage or image. Copying `/` into a subfolder',
      '(to inspect it) and copying `/` from the build context are not reported. A stage that is empty apart from the',
      'files it produced (`FROM scratch AS export`) is exempt, and so is an image we do not know as an operating system',
      'or language image, referenced directly or through a stage that only names it (`FROM tonistiigi/xx AS xx`): such',
      'tool images are built from scratch to be copied whole.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      for (const info of stage.instructions) {
        const ref = fromReference(model, info);
        if (!ref) continue;
        const args = copyArgs(model, info.node);
        if (!args || !args.sources.includes('/') || args.dest.text !== '/') continue;
        if (ref.value === undefined || madeToBeCopied(model, ref.value)) continue;
        ctx.report({
          range: info.range,
          message: `\`COPY --from=${ref.raw} / /\` copies the whole filesystem of \`${ref.raw}\` over this stage, system files and caches included; copy only the folders the image needs (for example \`/app\`).`,
        });
      }
    }
  },
});

/**
 * Images built from `scratch` to be copied whole: a `scratch` stage, or an unknown external image
 * (not an OS or language image we know) used directly or through a stage that only names it.
 */
function madeToBeCopied(model: DockerfileModel, ref: string): boolean {
  const stage = model.stages.find(s => s.name === ref.toLowerCase() || String(s.index) === ref);
  if (stage) {
    if (stage.image.isScratch) return true;
    if (stage.image.stage) return false;
    const aliasOnly = stage.instructions.every(i => i.keyword === 'FROM' || i.keyword === 'ARG' || i.keyword === 'LABEL');
    return aliasOnly && !!stage.image.name && !imageFacts(stage.image.name);
  }
  // An external reference: only images with a registry path or tag are clearly images (a bare word may be a missing stage).
  return /[/:@]/.test(ref) && !imageFacts(ref.replace(/[:@].*$/, ''));
}
