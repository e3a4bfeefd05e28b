import { defineRule } from '../rule';
import { unquote } from '../knowledge/instruction-args';

export default defineRule({
  id: 'from-platform-constant',
  aliases: ['DL3029', 'FromPlatformFlagConstDisallowed'],
  category: 'base-image',
  severity: 'info',
  fixable: false,
  docs: {
    summary: '`FROM --platform=` names a fixed platform, so the stage ignores the platform the image is built for.',
    why: [
      'Without `--platform`, each stage uses the platform the build targets: the machine\'s own, or the ones passed to',
      '`docker build --platform` or `docker buildx build --platform linux/amd64,linux/arm64`. A fixed',
      '`FROM --platform=linux/amd64` overrides that: on an ARM laptop or server the image is amd64 and runs under',
      'emulation (slowly) or not at all, and a multi-platform build quietly produces the same amd64 stage for every',
      'platform.',
      '',
      'When the platform really matters, say so at build time (`docker build --platform linux/amd64`), or use the',
      'predefined variables: `FROM --platform=$BUILDPLATFORM` for a stage that cross-compiles, then copy its output into',
      'a stage for the target platform. Some images genuinely exist for one platform only; then the flag is a',
      'deliberate choice and this info can be ignored.',
    ].join('\n'),
    bad: [
      'FROM --platform=linux/amd64 python:3.12-slim',
      'CMD ["python", "-V"]',
    ].join('\n'),
    good: [
      'FROM --platform=$BUILDPLATFORM golang:1.24 AS build',
      'ARG TARGETOS TARGETARCH',
      'RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go version',
      '',
      'FROM --platform=linux/amd64 debian:12-slim AS amd64-tools',
    ].join('\n'),
    notes: [
      'Agrees with BuildKit\'s FromPlatformFlagConstDisallowed: a platform given by any variable is fine, and a stage',
      'whose name contains the platform\'s OS or architecture (`AS build_amd64`) is taken as platform-specific on purpose.',
      'Hadolint\'s DL3029 also reports variables other than `$BUILDPLATFORM` and `$TARGETPLATFORM`, and stages named after',
      'their platform; we do not. Info by default: a fixed platform is often a deliberate choice.',
    ].join(' '),
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const flag = stage.from.getPlatformFlag();
      if (!flag) continue;
      const value = unquote(flag.getValue() ?? '');
      if (!value || value.includes('$')) continue;
      const [os, arch] = value.toLowerCase().split('/');
      const name = stage.name ?? '';
      if (name && ((os && name.includes(os)) || (arch && name.includes(arch)))) continue;
      ctx.report({
        range: flag.getRange(),
        message: `\`--platform=${value}\` fixes this stage to one platform whatever the build targets; pass the platform to \`docker build --platform\` instead, or use \`$BUILDPLATFORM\`/\`$TARGETPLATFORM\`.`,
      });
    }
  },
});
