import { defineRule } from '../rule';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { shippedStages } from '../knowledge/base-image-card';
import { jreTagFor, slimTagFor, type ImageInfo } from '../knowledge/images';
import { shippedBaseImage } from '../knowledge/shipped-image';
import type { Fix, Range } from '../types';

/** Words in a final stage's name that mark a development, test or CI target, where a full image is deliberate. */
/** Build commands that need a JDK, so a JRE cannot replace it. */
const JDK_TOOLS = new Set(['javac', 'jar', 'jlink', 'jpackage', 'mvn', 'mvnw', 'gradle', 'gradlew', 'sbt', 'lein']);

export default defineRule({
  id: 'full-base-image-in-final-stage',
  aliases: [],
  category: 'base-image',
  severity: 'info',
  fixable: true,
  docs: {
    summary: 'The final stage runs on a full build image (compilers, headers, SDK) that the application does not need at run time.',
    why: [
      'The default tags of the language images are *build* images. `python:3.12`, `node:22` and `ruby:3.4` sit on a full',
      'Debian with gcc, make, headers and hundreds of libraries (about 350–400 MB compressed); `golang` and `rust` images',
      'are whole compiler toolchains in every variant; `-jdk` Java images and the .NET SDK carry compilers too. Everything in',
      'the final stage ships: every pull downloads it, and every tool in it is one more thing for a scanner to flag and for an',
      'attacker to use.',
      '',
      'Two ways out:',
      '',
      '- **A slim variant** (`python:3.12-slim`, `node:22-slim`, `eclipse-temurin:21-jre`): the same runtime without the build',
      '  tools, often a tenth of the size. Enough when your dependencies install from prebuilt wheels or packages.',
      '- **A multi-stage build**: keep the full image in a builder stage (`FROM python:3.12 AS build`), compile or install',
      '  there, and `COPY --from=build` only the results (a virtualenv, `node_modules`, a binary) into a slim, distroless or',
      '  `scratch` final stage.',
    ].join('\n'),
    bad: [
      'FROM python:3.12',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    good: [
      'FROM python:3.12 AS build',
      'RUN python -m venv /venv',
      'COPY requirements.txt .',
      'RUN /venv/bin/pip install --no-cache-dir -r requirements.txt',
      '',
      'FROM python:3.12-slim',
      'COPY --from=build /venv /venv',
      'WORKDIR /app',
      'COPY . .',
      'CMD ["/venv/bin/python", "main.py"]',
    ].join('\n'),
    fix: 'Switches to the slim twin of the tag (`python:3.12` → `python:3.12-slim`, `node:22-bookworm` → `node:22-bookworm-slim`) or, for Eclipse Temurin, from the JDK to the JRE. Offered, never applied automatically: anything the final stage compiles needs the build tools, so it may have to move into a builder stage first.',
    context: { 'requirements.txt': 'flask==3.0.0\n', 'main.py': 'print("hi")\n' },
    notes: [
      'Only the final stage and the stages it is built on (`FROM <stage>`) are checked: a full image in a builder stage is',
      'exactly right. Final stages whose names mark development, test or CI targets (`dev`, `integration-test`, `ci`,',
      '`lint`, `validate`, ...) are skipped.',
      'Covered: python, node, ruby (full Debian variants), golang and rust (any variant), openjdk, eclipse-temurin and',
      'amazoncorretto JDKs, the .NET SDK and the full uv image. CUDA `devel` images have their own rule,',
      '`cuda-devel-in-final-stage`. Go, Rust and .NET have no slim twin to switch to, so there the advice is a multi-stage',
      'build and there is no quick fix. `latest` and untagged references are left to `base-image-latest` and',
      '`base-image-untagged`, whose suggested pins are slim variants already.',
    ].join(' '),
  },
  check(ctx) {
    const shipped = shippedBaseImage(ctx.model);
    if (!shipped) return;
    const { image, info, via } = shipped;
    // `latest` and missing tags are base-image-latest's and base-image-untagged's: their pins are slim variants already.
    if (!image.tag || image.tag.toLowerCase() === 'latest') return;
    if (!info.variant.buildTools) return;
    if (info.family.kind !== 'language' && info.family.kind !== 'tool') return;
    const jdkUse = info.family.runtime === 'java' ? jdkToolLine([...shippedStages(ctx.model)]) : undefined;
    ctx.report({
      range: image.tagRange ?? image.range,
      message: messageFor(info, image.name, image.resolved).replace('{via}', via),
      fixes: () => switchFix(info, image.name, image.tagRange, jdkUse),
    });
  },
});

function messageFor(info: ImageInfo, name: string, ref: string): string {
  const { family, variant } = info;
  const head = `\`${ref}\`{via} is a build image (${variant.size} compressed, approximate) and everything in it ships`;
  switch (family.runtime) {
    case 'go':
      return `${head}: the whole Go toolchain. Build in it as a builder stage and copy the binary into \`gcr.io/distroless/static-debian12\` or \`scratch\` (with \`CGO_ENABLED=0\`).`;
    case 'rust':
      return `${head}: the whole Rust toolchain. Build in it as a builder stage and copy the binary into \`debian:bookworm-slim\` or \`gcr.io/distroless/cc-debian12\`.`;
    case 'java': {
      const jre = jreTagFor(info);
      return `${head}: a full JDK, while running needs only a JRE. ${jre ? `Use \`${name}:${jre}\`` : 'Use a JRE image such as `eclipse-temurin:21-jre`'}, or build a trimmed runtime with \`jlink\` in a builder stage.`;
    }
    case 'dotnet':
      return `${head}: the .NET SDK. Publish in an SDK builder stage, then run on \`mcr.microsoft.com/dotnet/aspnet\` or \`mcr.microsoft.com/dotnet/runtime\`.`;
    default: {
      const slim = slimTagFor(info);
      return `${head}: compilers, headers and hundreds of libraries. ${slim ? `Use \`${name}:${slim}\`` : 'Use a slim variant'}, or keep this image for a builder stage and copy only the results into a slim final stage.`;
    }
  }
}

function switchFix(info: ImageInfo, name: string, tagRange: Range | undefined, jdkUse: number | undefined): Fix[] {
  // `latest` needs a version first; base-image-latest offers those pins (already slim ones).
  if (!tagRange || info.parts.alias === 'latest') return [];
  if (info.family.runtime === 'java') {
    const jre = jdkUse === undefined ? jreTagFor(info) : undefined;
    return jre ? [{ title: `Switch to ${name}:${jre} (runtime only, no javac)`, edits: [{ range: tagRange, newText: jre }], safe: false }] : [];
  }
  const slim = slimTagFor(info);
  return slim ? [{ title: `Switch to ${name}:${slim} (no compilers: native builds need a builder stage)`, edits: [{ range: tagRange, newText: slim }], safe: false }] : [];
}

/** Line of a RUN in the shipped stages that needs a JDK (javac, maven, gradle, ...). */
function jdkToolLine(stages: import('../model').Stage[]): number | undefined {
  for (const stage of stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'RUN') continue;
      if (runScript(ins.node).commands.some(c => JDK_TOOLS.has(commandName(c)))) return ins.range.start.line;
    }
  }
  return undefined;
}
