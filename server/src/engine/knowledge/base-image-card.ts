/**
 * The hover card for a FROM line: what the base image is (family, variant, libc, size),
 * how firmly the reference pins it, what that means for this stage, and which later
 * stages build on or copy from it. Markdown, written for people learning Dockerfiles.
 */
import { flagValue, type DockerfileModel, type ImageRef, type InstructionInfo, type Stage } from '../model';
import { runScript } from '../run';
import { ancestry, finalImageStages } from './stages';
import {
  describeImage, jreTagFor, precisionWords, runtimeTagFor, slimTagFor, versionAt,
  type ImageInfo,
} from './images';

// ---------------------------------------------------------------------------------------------
// Stage graph helpers (shared with the base-image rules)

/** The stage whose FROM names a real image, following `FROM <stage>` links back. */
export function rootStage(stage: Stage): Stage {
  return ancestry(stage)[0];
}

/** The final stage and every stage it is built on (`FROM <stage>` chain): their files ship. */
export function shippedStages(model: DockerfileModel): Set<Stage> {
  return finalImageStages(model);
}

/** Stages built on `stage`, directly or through other stages. */
export function descendantStages(stage: Stage, model: DockerfileModel): Stage[] {
  const out: Stage[] = [];
  for (const s of model.stages) {
    if (s.index <= stage.index) continue;
    let p = s.image.stage;
    while (p && p !== stage && p.index > stage.index) p = p.image.stage;
    if (p === stage) out.push(s);
  }
  return out;
}

export interface StageUse {
  kind: 'from' | 'copy' | 'mount';
  /** The later stage that uses it. */
  by: Stage;
  instruction: InstructionInfo;
}

/** Whether a `--from` value (name or index) refers to `stage`. */
function refersTo(value: string | undefined, stage: Stage): boolean {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  return (stage.name !== undefined && v === stage.name) || v === String(stage.index);
}

/** Later stages that use `stage`: `FROM stage`, `COPY --from=stage`, `RUN --mount=from=stage`. */
export function stageUses(stage: Stage, model: DockerfileModel): StageUse[] {
  const uses: StageUse[] = [];
  for (const s of model.stages) {
    if (s.index <= stage.index) continue;
    if (s.image.stage === stage) uses.push({ kind: 'from', by: s, instruction: s.instructions[0] });
    for (const ins of s.instructions) {
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && refersTo(flagValue(ins.node, 'from'), stage)) {
        uses.push({ kind: 'copy', by: s, instruction: ins });
      } else if (ins.keyword === 'RUN' && runScript(ins.node).mounts.some(m => refersTo(m.options.get('from'), stage))) {
        uses.push({ kind: 'mount', by: s, instruction: ins });
      }
    }
  }
  return uses;
}

// ---------------------------------------------------------------------------------------------
// The card

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const lineOf = (ins: InstructionInfo) => ins.range.start.line + 1;

function stageLabel(stage: Stage): string {
  return stage.name ? `stage ${code(stage.name)}` : `stage ${stage.index}`;
}

/** Markdown describing the image a FROM line starts from, for the hover. */
export function describeBaseImage(image: ImageRef, stage: Stage, model: DockerfileModel): string {
  const sections: string[] = [];
  const shipped = shippedStages(model);

  if (image.stage) {
    sections.push(...builtOnStageSection(image.stage, shipped));
  } else if (image.isScratch) {
    sections.push(
      `**${code('scratch')}**: the empty image`,
      '',
      'No files at all: no shell, no C library, no CA certificates. It suits fully static binaries (Go with `CGO_ENABLED=0`, Rust built for musl) copied in with `COPY --from=<build stage>`. Add CA certificates and a non-root user yourself if the program needs them.',
    );
  } else if (image.resolved === undefined) {
    sections.push(...unresolvedSection(image, model));
  } else {
    const info = describeImage(image.name!, image.tag, image.digest);
    sections.push(...(info ? knownImageSection(image, info, stage, shipped) : unknownImageSection(image)));
  }

  sections.push('', ...stageSection(stage, model, shipped));
  return sections.join('\n');
}

function refText(image: ImageRef): string {
  return image.resolved ?? image.raw;
}

function argNote(image: ImageRef): string | undefined {
  return image.resolved !== undefined && image.raw !== image.resolved
    ? `Written as ${code(image.raw)}; with the ARG defaults of this file that is ${code(image.resolved)} (\`--build-arg\` can change it).`
    : undefined;
}

function builtOnStageSection(parent: Stage, shipped: Set<Stage>): string[] {
  const root = rootStage(parent);
  const line = parent.from.getRange().start.line + 1;
  const out = [`**Builds on ${stageLabel(parent)}** (line ${line})`, ''];
  out.push(`This stage starts with everything ${stageLabel(parent)} produced: its files, ENV, WORKDIR and USER carry over, and its layers are shared, not copied.`);
  const rootImage = root.image;
  if (rootImage.isScratch) out.push('', `The chain starts from ${code('scratch')} (line ${root.from.getRange().start.line + 1}).`);
  else if (rootImage.resolved !== undefined && !rootImage.stage) {
    const info = describeImage(rootImage.name!, rootImage.tag, rootImage.digest);
    const what = info ? `: ${info.family.title}, ${info.variant.label}, ${info.variant.libc} libc, ${info.variant.size} compressed (approximate)` : '';
    out.push('', `The chain starts from ${code(rootImage.resolved)} on line ${root.from.getRange().start.line + 1}${what}.`);
    if (info && shipped.has(parent) && info.variant.buildTools) {
      out.push('', `That image ships build tools and it ends up in the final image through this chain; consider copying only the results into a smaller runtime image instead of building on it.`);
    }
  }
  return out;
}

function unresolvedSection(image: ImageRef, model: DockerfileModel): string[] {
  const vars = [...image.raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map(m => m[1]);
  const missing = vars.filter(v => model.globalArgs.get(v) === undefined);
  return [
    `**${code(image.raw)}**: chosen at build time`,
    '',
    `The image depends on ${missing.map(v => code(v)).join(', ') || 'build arguments'} with no default before the first FROM, so Layerwise cannot tell which image this is. ` +
      `Give the ARG a default (${code(`ARG ${missing[0] ?? vars[0] ?? 'BASE_IMAGE'}=<image>:<tag>`)}) so readers, linters and this hover can see the usual choice; \`--build-arg\` can still override it.`,
  ];
}

function unknownImageSection(image: ImageRef): string[] {
  const out = [
    `**${code(refText(image))}**`,
    '',
    "This image is not in Layerwise's offline table of well-known base images, so its variant, C library and size are unknown here. Check its documentation for the tags it publishes.",
  ];
  const note = argNote(image);
  if (note) out.push('', note);
  out.push('', '**Pinning**', '', ...genericPinAdvice(image));
  return out;
}

function genericPinAdvice(image: ImageRef): string[] {
  const name = image.name ?? image.raw;
  if (image.digest) return [`- Pinned by digest: every build starts from exactly the same bytes, whatever happens to the tag. Let Renovate or Dependabot propose digest updates so security fixes still reach you.`];
  if (!image.tag) return [`- No tag, so Docker uses ${code('latest')}: whatever was pushed most recently. Pin the version you tested (${code(`${name}:<version>`)}), or a digest (${code(`${name}@sha256:…`)}) for byte-for-byte repeatable builds.`];
  if (image.tag.toLowerCase() === 'latest') return [`- ${code('latest')} moves every time the publisher pushes. Pin the version you tested, or a digest for repeatable builds.`];
  return [`- Tag ${code(image.tag)}: tags are names the publisher can move; a digest (${code(`${name}:${image.tag}@sha256:…`)}) pins the exact image. Renovate or Dependabot can keep either up to date.`];
}

function knownImageSection(image: ImageRef, info: ImageInfo, stage: Stage, shipped: Set<Stage>): string[] {
  const { family, variant } = info;
  const out = [`**${code(refText(image))}**: ${family.title} · ${family.publisher}`, '', family.about, ''];
  const note = argNote(image);
  if (note) out.push(note, '');
  out.push(
    `- **Variant:** ${variant.label}`,
    `- **OS release:** ${info.releaseLabel ?? osReleaseText(info)}`,
    `- **C library:** ${libcText(info)}`,
    `- **Pinned:** ${pinnedText(info)}`,
    `- **Size:** ${variant.size} compressed (approximate, ${variant.libc === 'windows' ? 'windows' : 'linux'}/amd64)`,
  );
  const advice = adviceFor(image, info, stage, shipped);
  if (advice.length) out.push('', '**Advice**', '', ...advice.map(a => `- ${a}`));
  return out;
}

function osReleaseText(info: ImageInfo): string {
  const { family, variant } = info;
  if (variant.id === 'distroless' && family.name.startsWith('gcr.io/distroless')) return 'named in the image itself (for example `-debian12`)';
  if (variant.libc === 'none') return 'none (no operating system files)';
  if (variant.id === 'windows') return 'not in the tag: follows the Windows version upstream defaults to';
  if (family.exactPrecision === 'digest-only') return 'rolling (rebuilt continuously)';
  if (!family.releaseInTag) return 'fixed by the image version (not part of the tag)';
  const os = variant.libc === 'musl' ? 'Alpine' : family.baseOs ?? 'Debian';
  return `not in the tag: follows whichever ${os} release upstream currently builds on, and changes when they switch`;
}

function libcText(info: ImageInfo): string {
  switch (info.variant.libc) {
    case 'glibc': return 'glibc (what most prebuilt binaries and Python wheels expect)';
    case 'musl': return 'musl (Alpine): binaries and wheels built for glibc do not run here';
    case 'none': return 'none: only static binaries run';
    case 'windows': return 'Windows (no Linux C library; needs a Windows host)';
  }
}

function pinnedText(info: ImageInfo): string {
  const { family, parts } = info;
  const bits: string[] = [];
  if (!info.tag) bits.push('no tag, so `latest`: floating');
  else if (parts.alias === 'latest') bits.push(`${code(info.tag)}: floating`);
  else if (family.exactPrecision === 'digest-only') bits.push(`${code(info.tag)}: the publisher has no version tags, so this floats`);
  else if (family.isOs) bits.push(info.missing.length ? `${code(info.tag)}: floating across releases` : `release ${info.releaseLabel ?? info.tag} (rebuilt with security updates)`);
  else if (info.versionless) bits.push(`${code(info.tag)} names no version: floating`);
  else if (parts.version) {
    bits.push(`${family.title} ${parts.version} (${precisionWords(parts.precision)})`);
    bits.push(info.missing.length ? `floating: ${info.missing.join(' and ')} not pinned` : 'fully versioned tag');
  } else bits.push(`${code(info.tag)}: floating, ${info.missing.join(' and ')} not pinned`);
  bits.push(info.digest ? `digest ${code(shortDigest(info.digest))} (exact image)` : 'no digest');
  return bits.join(' · ');
}

function shortDigest(d: string): string {
  return d.length > 19 ? `${d.slice(0, 19)}…` : d;
}

/** The advice that follows from this image, in this stage. */
function adviceFor(image: ImageRef, info: ImageInfo, stage: Stage, shipped: Set<Stage>): string[] {
  const { family, variant, parts } = info;
  const advice: string[] = [];
  const ships = shipped.has(stage);
  const name = image.name!;

  if (family.deprecated) advice.push(family.deprecated);
  if (info.endOfLife) advice.push('This version is past the end of its upstream support (as of Layerwise\'s 2025 snapshot): it no longer gets security fixes. Plan the upgrade.');

  // Variant and stage role.
  if (family.runtime === 'python' && variant.libc === 'musl') {
    const slim = slimTagFor(info);
    advice.push(`Python on musl: PyPI wheels are mostly built for glibc (manylinux). Where a package has no musllinux wheel, pip compiles it from source (needs gcc and headers, slow) or fails; numpy, pandas and torch are common examples. ${slim ? `Prefer ${code(`${name}:${slim}`)}` : 'Prefer a slim Debian variant'}; it is a little larger but installs wheels as-is.`);
  } else if (variant.libc === 'musl' && ['node', 'ruby', 'java', 'dotnet'].includes(family.runtime ?? '')) {
    advice.push('musl libc: prebuilt binaries and native modules built for glibc will not load here; use packages built for Alpine or compile them in the image.');
  }
  if (family.name === 'nvidia/cuda' || family.name === 'pytorch/pytorch') {
    if (variant.buildTools && ships) {
      const runtime = runtimeTagFor(info);
      advice.push(`The ${variant.id} flavour carries the whole CUDA toolkit (nvcc, headers, static libraries: several GB) into the image you ship. Running a model only needs the runtime libraries: ${runtime ? `use ${code(`${name}:${runtime}`)}` : 'use the `-runtime` tag of the same version'} for the final stage and compile CUDA extensions in a devel builder stage.`);
    } else if (variant.buildTools) {
      advice.push(`A devel image is the right tool for compiling CUDA code in a builder stage; copy only the results into a ${code('-runtime')} final stage.`);
    } else if (variant.id === 'cuda-base') {
      advice.push('`base` holds only the CUDA runtime library (`libcudart`); frameworks that need cuBLAS, cuFFT or cuDNN need `runtime` or `cudnn-runtime` (or bring those libraries as wheels, as PyTorch does).');
    }
  } else if (variant.buildTools && ships) {
    advice.push(...shippedBuildImageAdvice(info, name));
  } else if (variant.buildTools && !ships) {
    advice.push(`A build image fits a builder stage: only what later stages copy out of it ends up in the final image.`);
  } else if (variant.id === 'slim' && family.kind === 'language') {
    advice.push('Slim has no compilers: packages that build native code need `apt-get install build-essential` in a builder stage (then copy the results over).');
  }
  if (variant.shellless) advice.push('No shell: `RUN` lines in shell form fail, and `CMD`/`ENTRYPOINT` must use the exec (JSON) form. Do the work in a builder stage and `COPY --from` it.');
  if (variant.id === 'windows') advice.push('Windows images run only on Windows hosts and are large; keep them for software that needs Windows.');

  // Pinning.
  advice.push(...pinAdvice(info, name));
  for (const n of family.notes ?? []) advice.push(n);
  return advice;
}

function shippedBuildImageAdvice(info: ImageInfo, name: string): string[] {
  const { family, variant } = info;
  const slim = slimTagFor(info);
  switch (family.runtime) {
    case 'go':
      return [`The Go toolchain (${variant.size}) ships in the final image. Build in this image, then copy the binary into ${code('gcr.io/distroless/static-debian12')} or ${code('scratch')} (build with \`CGO_ENABLED=0\`).`];
    case 'rust':
      return [`The Rust toolchain (${variant.size}) ships in the final image. Build in this image, then copy the binary into ${code('debian:bookworm-slim')} or ${code('gcr.io/distroless/cc-debian12')}.`];
    case 'java': {
      const jre = jreTagFor(info);
      return [`A full JDK ships in the final image; running needs only a JRE. ${jre ? `Use ${code(`${name}:${jre}`)}` : 'Use a JRE image'}, or build a trimmed runtime with \`jlink\` in a builder stage.`];
    }
    case 'dotnet':
      return ['The .NET SDK ships in the final image. Publish in an SDK stage, then run on `mcr.microsoft.com/dotnet/aspnet` (web) or `mcr.microsoft.com/dotnet/runtime`.'];
    default:
      return [`This is the full image (${variant.size}, with compilers and headers) and it ships in the final image. ${slim ? `Use ${code(`${name}:${slim}`)}` : 'Use the slim variant'}, or keep the full image for a builder stage and copy only what you built into a slim final stage.`];
  }
}

function pinAdvice(info: ImageInfo, name: string): string[] {
  const { family, parts } = info;
  if (info.digest) {
    return ['Pinned by digest: every build starts from exactly these bytes. Let Renovate or Dependabot propose new digests so upstream security fixes still reach you.'];
  }
  if (family.exactPrecision === 'digest-only') {
    return [`This publisher offers no versioned tags, so pin a digest (${code(`${name}:${info.tag ?? 'latest'}@sha256:…`)}) and let Renovate or Dependabot refresh it.`];
  }
  const example = family.pins[0] ? code(`${name}:${family.pins[0]}`) : undefined;
  if (!info.tag || parts.alias === 'latest' && parts.tokens.length === 0) {
    return [`${code('latest')} is whatever the publisher pushed last: a rebuild can bring a new major version. Pin a release line and variant${example ? ` such as ${example}` : ''}.`];
  }
  if (info.versionless) {
    return [`${code(info.tag)} names no version, so just like ${code('latest')} it moves to each new release, major ones included. Pin at least the release line${example ? ` (for example ${example})` : ''}.`];
  }
  if (info.belowLine) {
    return [`${code(info.tag)} follows the newest release of a broader line: a rebuild can bring a new ${family.linePrecision === 'minor' ? 'minor' : 'major'} version with breaking changes. Pin the ${family.linePrecision} version${parts.version ? ` (${code(`${versionAt(parts.version, family.linePrecision)}.x`)})` : ''} you tested.`];
  }
  if (info.missing.length) {
    const what = info.missing.join(' and ');
    return [`Floating tag (missing ${what}): patch releases and security rebuilds arrive automatically, and the image changes under the same name. That is how fixes reach you, but two builds of the same commit can differ. For reproducible builds add the ${what} or, better, a digest (${code(`${name}:${info.tag}@sha256:…`)}), and let Renovate or Dependabot propose updates.`];
  }
  return ['Fully versioned tag. Publishers still rebuild tags for security fixes, so add a digest (`@sha256:…`) if you need byte-for-byte repeatable builds.'];
}

function stageSection(stage: Stage, model: DockerfileModel, shipped: Set<Stage>): string[] {
  const out: string[] = [];
  const label = stage.name ? `Stage ${code(stage.name)}` : `Stage ${stage.index}`;
  const multi = model.stages.length > 1;
  if (stage.isFinal) out.push(multi ? `**${label}: final stage.** Everything in it ends up in the image you ship (unless you build another stage with \`--target\`).` : `**Single-stage build.** Everything in this stage ends up in the image you ship.`);
  else if (shipped.has(stage)) out.push(`**${label}.** The final stage builds on it, so its contents ship too.`);
  else out.push(`**${label}: builder stage.** Only what later stages copy out of it ends up in the final image.`);

  if (!stage.isFinal) {
    const uses = stageUses(stage, model);
    const ref = stage.name ?? String(stage.index);
    if (uses.length) {
      out.push('', 'Used by:');
      for (const u of uses) {
        const what = u.kind === 'from' ? `FROM ${ref}` : u.kind === 'copy' ? `${u.instruction.keyword} --from=${ref}` : `RUN --mount=from=${ref}`;
        out.push(`- ${code(what)} in ${stageLabel(u.by)} (line ${lineOf(u.instruction)})`);
      }
    } else {
      out.push('', `No later stage uses it: BuildKit skips it unless you build it with \`--target ${stage.name ?? '<name>'}\`.${stage.name ? '' : ' Name it with `AS <name>` so other stages can refer to it.'}`);
    }
  }
  return out;
}
