import { defineRule } from '../rule';
import { describeImageRef, versionAt, type ImageInfo, type Precision } from '../knowledge/images';
import type { Severity } from '../types';

export default defineRule({
  id: 'base-image-floating-tag',
  aliases: [],
  category: 'base-image',
  severity: 'hint',
  fixable: false,
  docs: {
    summary: 'The base image tag is not fully versioned, so the same Dockerfile can build on a different image tomorrow.',
    why: [
      'A tag is a name the publisher moves. `python:3.12-slim` points at the newest 3.12.x release on whatever Debian',
      'release the Python images currently use: when 3.12.9 ships, or when the images move from Debian 12 to 13, the same',
      'line pulls a different image. That is a trade-off, not a mistake:',
      '',
      '- **Floating tags bring fixes.** Patch releases and security rebuilds reach you on the next build, with no edit.',
      '- **Exact references bring reproducibility.** The build you tested is the build you ship, and a change of base',
      '  image shows up as a reviewed commit instead of a surprise.',
      '',
      'A tag is *fully versioned* when nothing in it can move to a new release: the runtime at its most precise version',
      '(`3.12.8`, `22.11.0`, `1.23.4`) and the OS release underneath (`bookworm`, `noble`, `alpine3.20`), as in',
      '`python:3.12.8-slim-bookworm`. Even that tag is rebuilt for security updates, so only a digest',
      '(`python:3.12.8-slim-bookworm@sha256:…`) names exactly one image. The usual answer is to pin precisely *and* let',
      'Renovate or Dependabot open a pull request whenever upstream publishes something new.',
      '',
      'Tags with no version at all (`python:slim`, `node:lts`, `debian:stable`) are as loose as `latest` and are reported as',
      'warnings; tags coarser than a release line (`python:3`, `alpine:3`) as info; tags that pin a release line but not the',
      'patch or OS release (`python:3.12-slim`, `node:22`) only as hints.',
    ].join('\n'),
    bad: 'FROM python:3-slim\nCMD ["python", "--version"]',
    good: 'FROM python:3.12.8-slim-bookworm\nCMD ["python", "--version"]',
    notes: [
      'What "fully versioned" means per family: for language runtimes, web servers and tools (python, node, golang, rust, ruby,',
      'php, Java images, .NET, nginx, redis, busybox, uv, CUDA, PyTorch, TensorFlow) the version has three parts and, where the',
      'family publishes OS-specific tags, the OS release is named; PostgreSQL needs major.minor (`16.4`). For OS images',
      '(ubuntu, debian, alpine, the RPM distributions) the release is the version: `ubuntu:22.04`, `ubuntu:jammy`, `debian:12`,',
      '`debian:bookworm-slim` and `alpine:3.20` are fully versioned, `alpine:3`, `debian:stable` and `ubuntu:rolling` are not.',
      'Images pinned by digest are never reported. Distroless and Chainguard images have no version tags (only a digest can pin',
      'them) and unknown images have unknown tag schemes, so both are left alone; `latest` and missing tags are reported by',
      '`base-image-latest` and `base-image-untagged`.',
      'There is no quick fix: the current patch release, and the OS release a tag currently points at, cannot be known offline,',
      'and guessing would pin a version nobody tested.',
    ].join(' '),
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const image = stage.image;
      if (image.stage || image.isScratch || image.digest || !image.tag || image.resolved === undefined || !image.name) continue;
      if (image.tag.toLowerCase() === 'latest') continue;
      const info = describeImageRef(image, false);
      if (!info || !info.missing.length) continue;
      const severity: Severity | undefined = info.versionless ? 'warning' : info.belowLine ? 'info' : undefined;
      ctx.report({
        range: image.tagRange ?? image.range,
        message: messageFor(info, image.name, image.resolved),
        severity,
      });
    }
  },
});

function messageFor(info: ImageInfo, name: string, ref: string): string {
  const { family, parts } = info;
  const target = fullTemplate(info, name);
  const tail = `Pin ${target} or a digest, and let Renovate or Dependabot propose updates.`;
  if (info.versionless && family.isOs) {
    return `\`${ref}\` names a moving release rather than a fixed one, so a rebuild can start from a different ${family.title} release (rolling names such as \`sid\` and \`edge\` change constantly). Pin a release (${target}) or a digest.`;
  }
  if (info.versionless) {
    return `\`${ref}\` names no version, so like \`latest\` it moves to each new release upstream publishes, major ones included. ${tail}`;
  }
  if (family.isOs) {
    return `\`${ref}\` follows the newest ${family.title} ${parts.version}.x release, so a rebuild can bring a new release with different packages. Pin the release (${target}) or a digest.`;
  }
  if (info.belowLine && !parts.version) {
    return `\`${ref}\` pins no ${family.title} version: each build takes the newest one. ${tail}`;
  }
  if (info.belowLine) {
    const next = family.linePrecision === 'minor' ? 'minor' : 'major';
    return `\`${ref}\` follows the newest ${family.title} ${parts.version}.x, so a rebuild can bring a new ${next} release with breaking changes. ${tail}`;
  }
  const moves: string[] = [];
  if (info.missing.some(m => m.endsWith('version'))) moves.push(`each ${family.title} ${parts.version}.x release`);
  if (info.missing.includes('OS release')) moves.push(`a new ${osName(info)} release when upstream switches`);
  return `\`${ref}\` floats: it moves to ${moves.join(' and to ')}. Good for getting fixes, but not reproducible. ${tail}`;
}

function osName(info: ImageInfo): string {
  if (info.variant.libc === 'musl') return 'Alpine';
  if (info.variant.id === 'windows') return 'Windows';
  return info.family.baseOs ?? 'Debian';
}

const PLACEHOLDER: Record<Precision, string> = { none: '<major>', major: '<major>', minor: '<minor>', patch: '<patch>' };

/** A fully versioned tag shape for this reference, with placeholders for what cannot be known offline. */
function fullTemplate(info: ImageInfo, name: string): string {
  const { family, parts } = info;
  if (family.isOs) return `\`${name}:${family.pins[0] ?? '<release>'}\``;
  const want = family.exactPrecision === 'minor' ? 2 : 3;
  const have = parts.version ? versionAt(parts.version, 'patch').split('.') : [];
  const order: Precision[] = ['major', 'minor', 'patch'];
  const version = order.slice(0, want).map((p, i) => have[i] ?? PLACEHOLDER[p]).join('.');
  const pieces = info.tag!.split('-');
  if (parts.version || parts.alias) {
    if (info.missing.some(m => m.endsWith('version'))) pieces[0] = version;
  } else {
    pieces.unshift(version);
  }
  if (!parts.release && family.releaseInTag && info.variant.libc !== 'none') {
    const alpineAt = pieces.findIndex(p => p.toLowerCase() === 'alpine');
    const slimAt = pieces.findIndex(p => p.toLowerCase() === 'slim');
    if (alpineAt > 0) pieces[alpineAt] = 'alpine<version>';
    // Node writes the release before `slim` (`22.11.0-bookworm-slim`); the others after it.
    else if (family.name === 'node' && slimAt > 0) pieces.splice(slimAt, 0, '<release>');
    else pieces.push('<release>');
  }
  return `\`${name}:${pieces.join('-')}\``;
}
