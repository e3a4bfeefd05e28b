import type { ShellCommand } from '../shell/commands';
import { unwrapped } from './command-sites';

/**
 * Offline knowledge of well-known base images: what a family is, how its tags are built
 * (version, variant, OS release), which C library and roughly how big each variant is.
 * Versions and sizes are a snapshot (2025) chosen for guidance; nothing is ever fetched.
 * Sizes are compressed pull sizes for linux/amd64, rounded: orders of magnitude, not promises.
 */

export type Libc = 'glibc' | 'musl' | 'none' | 'windows';
export type Precision = 'none' | 'major' | 'minor' | 'patch';
export type FamilyKind = 'language' | 'os' | 'service' | 'gpu' | 'minimal' | 'tool';

export interface VariantFacts {
  /** Stable id: `full`, `slim`, `alpine`, `jre`, `cuda-devel`, ... */
  id: string;
  /** Short human description, e.g. `slim (Debian, minimal packages)`. */
  label: string;
  libc: Libc;
  /** Approximate compressed size, e.g. `~50 MB`. */
  size: string;
  /** Ships compilers, headers, an SDK or a toolchain: meant for building, not for running. */
  buildTools: boolean;
  /** No shell or package manager (distroless, chiseled, scratch-like). */
  shellless?: boolean;
}

export interface ImageFacts {
  /** Repository as written in FROM, without `docker.io/library/`; for prefix families, the prefix. */
  name: string;
  /** Tags to suggest when replacing `latest` or no tag, best first; empty when no tag can be recommended offline. */
  pins: string[];
  /** Display name, e.g. `Python`. */
  title: string;
  /** Who publishes it, e.g. `Docker Official Image`. */
  publisher: string;
  kind: FamilyKind;
  /** One sentence on what the image is. */
  about: string;
  /**
   * The precision of a release line: the version users depend on (Python `3.12`, Node `22`,
   * Debian `12`). Coarser tags jump to new, possibly incompatible releases.
   */
  linePrecision: Precision;
  /**
   * The precision at which the version part of a tag names one release. `digest-only`:
   * the publisher offers no versioned tags, so only a digest pins the image.
   */
  exactPrecision: Precision | 'digest-only';
  /** The family publishes tags naming the OS release underneath (`-bookworm`, `-alpine3.20`), so a fully versioned tag includes it. */
  releaseInTag: boolean;
  /** The distribution a tag without an OS release follows (default `Debian`). */
  baseOs?: string;
  /** Operating-system images: the version or codename *is* the release. */
  isOs?: boolean;
  /** The language or runtime it provides, for rules that care (Python on musl). */
  runtime?: 'python' | 'node' | 'go' | 'rust' | 'java' | 'ruby' | 'php' | 'dotnet';
  /** Publisher has deprecated it; says what to use instead. */
  deprecated?: string;
  /** Extra advice shown on the hover card. */
  notes?: string[];
  /** Majors (or releases) that are end of life upstream, as of the snapshot. */
  endOfLife?: (version: string) => boolean;
  /** Matches repositories by prefix (`gcr.io/distroless/`) instead of exact name. */
  prefix?: boolean;
  /** Other repository names for the same images (mirrors, other registries). */
  aliases?: string[];
  /** Turns the parsed tag into the variant. */
  variant(tag: TagParts, repo: string): VariantFacts;
}

/** The pieces of a tag, before family-specific interpretation. */
export interface TagParts {
  raw: string;
  /** Leading version number (`3.12.8`, `21.0.4_7`, `24.04`). */
  version?: string;
  precision: Precision;
  /** A moving name without a version (`lts`, `stable`, `slim`, `latest-gpu`). */
  alias?: string;
  /** Tokens after the version, lower-case, split on `-`. */
  tokens: string[];
  /** OS release named in the tag (`bookworm`, `alpine3.20`, `ubuntu22.04`, `ltsc2022`). */
  release?: Release;
  /** A dated snapshot (`jammy-20240808`). */
  snapshot?: string;
}

export interface Release {
  token: string;
  /** `Debian 12 (bookworm)`. */
  label: string;
  os: 'debian' | 'ubuntu' | 'alpine' | 'windows' | 'rhel' | 'amazon' | 'azure';
}

/** Everything Layerwise knows about one `image:tag` of a known family. */
export interface ImageInfo {
  family: ImageFacts;
  repo: string;
  tag?: string;
  digest?: string;
  parts: TagParts;
  variant: VariantFacts;
  /** The tag names no version at all but is not `latest` (`slim`, `lts`, `stable`). */
  versionless: boolean;
  /** The version part is coarser than the family's release line (`python:3`). */
  belowLine: boolean;
  /** What a tag would need to be fully versioned; empty when it is (or when only a digest can pin it). */
  missing: string[];
  /** End of life upstream (as of the snapshot). */
  endOfLife: boolean;
  /** The OS release the tag names, for display (`Debian 12 (bookworm)`); undefined when it follows upstream's default. */
  releaseLabel?: string;
}

// ---------------------------------------------------------------------------------------------
// Tag parsing

const DEBIAN: Record<string, string> = { jessie: '8', stretch: '9', buster: '10', bullseye: '11', bookworm: '12', trixie: '13', forky: '14' };
const UBUNTU: Record<string, string> = { xenial: '16.04', bionic: '18.04', focal: '20.04', jammy: '22.04', noble: '24.04', oracular: '24.10', plucky: '25.04', questing: '25.10' };
/** Names that move by design. `latest` is handled by its own rule. */
const MOVING = new Set(['latest', 'lts', 'current', 'stable', 'mainline', 'edge', 'rolling', 'devel', 'testing', 'unstable', 'sid', 'oldstable', 'nightly', 'debian', 'ubuntu']);

function releaseOf(token: string): Release | undefined {
  if (DEBIAN[token]) return { token, label: `Debian ${DEBIAN[token]} (${token})`, os: 'debian' };
  if (UBUNTU[token]) return { token, label: `Ubuntu ${UBUNTU[token]} (${token})`, os: 'ubuntu' };
  let m: RegExpExecArray | null;
  if ((m = /^alpine(\d+\.\d+)$/.exec(token))) return { token, label: `Alpine ${m[1]}`, os: 'alpine' };
  if ((m = /^ubuntu(\d+\.\d+)$/.exec(token))) {
    const code = Object.keys(UBUNTU).find(k => UBUNTU[k] === m![1]);
    return { token, label: `Ubuntu ${m[1]}${code ? ` (${code})` : ''}`, os: 'ubuntu' };
  }
  if ((m = /^debian(\d+)$/.exec(token))) {
    const code = Object.keys(DEBIAN).find(k => DEBIAN[k] === m![1]);
    return { token, label: `Debian ${m[1]}${code ? ` (${code})` : ''}`, os: 'debian' };
  }
  if ((m = /^(ubi|rockylinux|oraclelinux|centos|rhel|almalinux)(\d+)$/.exec(token))) return { token, label: `${m[1] === 'ubi' ? 'Red Hat UBI' : m[1]} ${m[2]}`, os: 'rhel' };
  if ((m = /^al(2|2023)$/.exec(token))) return { token, label: `Amazon Linux ${m[1]}`, os: 'amazon' };
  if ((m = /^ltsc(\d{4})$/.exec(token))) return { token, label: `Windows Server LTSC ${m[1]}`, os: 'windows' };
  if (/^(1809|20h2|2004|1903|1909)$/.test(token)) return { token, label: `Windows ${token}`, os: 'windows' };
  if ((m = /^(azurelinux|mariner)(\d+(\.\d+)?)$/.exec(token))) return { token, label: `Azure Linux ${m[2]}`, os: 'azure' };
  return undefined;
}

const VERSION = /^v?(\d+)((?:\.\d+)*)(?:[._+]\d+)*(?:(?:a|b|rc)\d+)?$/;

function precisionOf(version: string): Precision {
  const dots = version.replace(/^v/, '').split(/[_+]/)[0].split('.').length;
  return dots >= 3 ? 'patch' : dots === 2 ? 'minor' : 'major';
}

/** Splits a tag into version, moving alias, OS release and the remaining variant tokens. */
export function splitTag(tag: string): TagParts {
  const raw = tag;
  const tokens = tag.toLowerCase().split('-').filter(Boolean);
  const parts: TagParts = { raw, precision: 'none', tokens: [] };
  let i = 0;
  if (tokens[0] && VERSION.test(tokens[0])) {
    parts.version = tokens[0];
    parts.precision = precisionOf(tokens[0]);
    i = 1;
  } else if (tokens[0] && MOVING.has(tokens[0])) {
    parts.alias = tokens[0];
    i = 1;
  }
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    const release = releaseOf(t);
    if (release && !parts.release) { parts.release = release; continue; }
    if (/^\d{8}$/.test(t)) { parts.snapshot = t; continue; }
    parts.tokens.push(t);
  }
  return parts;
}

const has = (p: TagParts, ...names: string[]) => p.tokens.some(t => names.includes(t));
const hasPrefix = (p: TagParts, prefix: string) => p.tokens.some(t => t.startsWith(prefix));
const isAlpine = (p: TagParts) => has(p, 'alpine') || p.release?.os === 'alpine';
const isWindows = (p: TagParts) => has(p, 'windowsservercore', 'nanoserver') || p.release?.os === 'windows';

function v(id: string, label: string, libc: Libc, size: string, buildTools = false, shellless = false): VariantFacts {
  return { id, label, libc, size, buildTools, ...(shellless ? { shellless } : {}) };
}

const WINDOWS_CORE = v('windows', 'Windows Server Core', 'windows', '~2 GB or more');
const WINDOWS_NANO = v('windows', 'Windows Nano Server', 'windows', '~150 MB');
const windowsVariant = (p: TagParts) => (has(p, 'nanoserver') ? WINDOWS_NANO : WINDOWS_CORE);

/** Language images built the Docker Official Image way: full (buildpack-deps), slim, alpine, windows. */
function debianLanguage(sizes: { full: string; slim?: string; alpine: string }) {
  return (p: TagParts): VariantFacts => {
    if (isWindows(p)) return windowsVariant(p);
    if (isAlpine(p)) return v('alpine', 'alpine (Alpine Linux, musl)', 'musl', sizes.alpine);
    if (sizes.slim && has(p, 'slim')) return v('slim', 'slim (Debian, minimal packages)', 'glibc', sizes.slim);
    return v('full', 'full (Debian with compilers, headers and common libraries)', 'glibc', sizes.full, true);
  };
}

const majorBelow = (limit: number) => (version: string) => Number(version.split('.')[0]) < limit;
const minorBelow = (major: number, minor: number) => (version: string) => {
  const [a, b] = version.split('.').map(Number);
  return a < major || (a === major && (b ?? 99) < minor);
};

// ---------------------------------------------------------------------------------------------
// The table

const IMAGES: ImageFacts[] = [
  {
    name: 'python', pins: ['3.13-slim', '3.12-slim'], title: 'Python', publisher: 'Docker Official Image', kind: 'language', runtime: 'python',
    about: 'CPython on Debian (full or slim), Alpine or Windows.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: true,
    endOfLife: minorBelow(3, 10),
    variant: debianLanguage({ full: '~400 MB', slim: '~50 MB', alpine: '~20 MB' }),
  },
  {
    name: 'node', pins: ['22-slim', '24-slim'], title: 'Node.js', publisher: 'Docker Official Image', kind: 'language', runtime: 'node',
    about: 'Node.js with npm and yarn on Debian (full or slim) or Alpine.',
    linePrecision: 'major', exactPrecision: 'patch', releaseInTag: true,
    endOfLife: majorBelow(20),
    notes: ['Even-numbered majors become LTS releases; odd ones are short-lived.'],
    variant: debianLanguage({ full: '~400 MB', slim: '~70 MB', alpine: '~45 MB' }),
  },
  {
    name: 'golang', pins: ['1.25', '1.24'], title: 'Go', publisher: 'Docker Official Image', kind: 'language', runtime: 'go',
    about: 'The Go toolchain on Debian or Alpine: a build image.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: true,
    variant: p => {
      if (isWindows(p)) return windowsVariant(p);
      if (isAlpine(p)) return v('alpine', 'alpine (Alpine Linux, musl; still the full Go toolchain)', 'musl', '~80 MB', true);
      return v('full', 'full (Debian with the Go toolchain, compilers and headers)', 'glibc', '~300 MB', true);
    },
  },
  {
    name: 'rust', pins: ['1-slim'], title: 'Rust', publisher: 'Docker Official Image', kind: 'language', runtime: 'rust',
    about: 'The Rust toolchain (rustup, cargo) on Debian or Alpine: a build image.',
    linePrecision: 'major', exactPrecision: 'patch', releaseInTag: true,
    variant: p => {
      if (isAlpine(p)) return v('alpine', 'alpine (Alpine Linux, musl; full Rust toolchain)', 'musl', '~300 MB', true);
      if (has(p, 'slim')) return v('slim', 'slim (Debian, minimal packages; full Rust toolchain)', 'glibc', '~250 MB', true);
      return v('full', 'full (Debian with the Rust toolchain, compilers and headers)', 'glibc', '~550 MB', true);
    },
  },
  {
    name: 'ruby', pins: ['3.4-slim'], title: 'Ruby', publisher: 'Docker Official Image', kind: 'language', runtime: 'ruby',
    about: 'Ruby with Bundler on Debian (full or slim) or Alpine.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: true,
    endOfLife: minorBelow(3, 2),
    variant: debianLanguage({ full: '~350 MB', slim: '~70 MB', alpine: '~35 MB' }),
  },
  {
    name: 'php', pins: ['8.4-fpm'], title: 'PHP', publisher: 'Docker Official Image', kind: 'language', runtime: 'php',
    about: 'PHP as CLI, FPM, Apache module or ZTS, on Debian or Alpine.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: true,
    endOfLife: minorBelow(8, 1),
    variant: p => {
      const flavour = ['fpm', 'apache', 'zts', 'cli'].find(f => has(p, f)) ?? 'cli';
      if (isWindows(p)) return windowsVariant(p);
      if (isAlpine(p)) return v(`alpine`, `${flavour} on Alpine Linux (musl)`, 'musl', '~35 MB');
      return v(flavour, `${flavour} on Debian`, 'glibc', '~170 MB');
    },
  },
  {
    name: 'openjdk', pins: [], title: 'OpenJDK', publisher: 'Docker Official Image (deprecated)', kind: 'language', runtime: 'java', baseOs: 'Oracle Linux or Debian',
    about: 'Early-access and historic OpenJDK builds.',
    deprecated: 'The `openjdk` images are deprecated and no longer receive updates for released Java versions; use `eclipse-temurin` or `amazoncorretto`.',
    linePrecision: 'major', exactPrecision: 'patch', releaseInTag: true,
    variant: p => {
      if (isWindows(p)) return windowsVariant(p);
      if (has(p, 'jre')) return v('jre', has(p, 'slim') ? 'JRE, slim Debian' : 'JRE on Debian', 'glibc', has(p, 'slim') ? '~75 MB' : '~110 MB');
      if (isAlpine(p)) return v('jdk', 'JDK on Alpine (musl)', 'musl', '~200 MB', true);
      return v('jdk', has(p, 'slim') ? 'JDK, slim Debian' : 'JDK (Oracle Linux or Debian)', 'glibc', '~200 MB', true);
    },
  },
  {
    name: 'eclipse-temurin', pins: ['21-jre', '21-jdk'], title: 'Eclipse Temurin', publisher: 'Docker Official Image', kind: 'language', runtime: 'java', baseOs: 'Ubuntu',
    about: 'Adoptium builds of OpenJDK (Java), as JDK or JRE, on Ubuntu, UBI, Alpine or Windows.',
    linePrecision: 'major', exactPrecision: 'patch', releaseInTag: true,
    variant: p => {
      if (isWindows(p)) return windowsVariant(p);
      const jre = has(p, 'jre');
      if (isAlpine(p)) return jre ? v('jre', 'JRE on Alpine (musl)', 'musl', '~60 MB') : v('jdk', 'JDK on Alpine (musl)', 'musl', '~170 MB', true);
      return jre ? v('jre', 'JRE on Ubuntu', 'glibc', '~90 MB') : v('jdk', 'JDK on Ubuntu (compiler, jlink, tools)', 'glibc', '~200 MB', true);
    },
  },
  {
    name: 'amazoncorretto', pins: ['21-al2023'], title: 'Amazon Corretto', publisher: 'Docker Official Image', kind: 'language', runtime: 'java', baseOs: 'Amazon Linux',
    about: "Amazon's OpenJDK (Java) distribution on Amazon Linux or Alpine.",
    linePrecision: 'major', exactPrecision: 'patch', releaseInTag: true,
    variant: p => {
      if (isAlpine(p)) return v('jdk', 'JDK on Alpine (musl)', 'musl', '~150 MB', true);
      if (has(p, 'headless')) return v('headless', 'headless JDK on Amazon Linux', 'glibc', '~150 MB', true);
      return v('jdk', 'JDK on Amazon Linux', 'glibc', '~200 MB', true);
    },
  },
  {
    name: 'mcr.microsoft.com/dotnet/', prefix: true, pins: [], title: '.NET', publisher: 'Microsoft', kind: 'language', runtime: 'dotnet',
    about: 'The .NET SDK (build) or runtimes (`runtime-deps`, `runtime`, `aspnet`) on Debian, Ubuntu, Alpine, Azure Linux or Windows.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: true,
    notes: ['Build with `dotnet/sdk`, then run on `dotnet/aspnet` (web apps), `dotnet/runtime` or, for self-contained apps, `dotnet/runtime-deps`. The `-chiseled` Ubuntu variants have no shell and run as non-root.'],
    variant: (p, repo) => {
      const kind = repo.slice(repo.lastIndexOf('/') + 1);
      if (isWindows(p)) return windowsVariant(p);
      const musl = isAlpine(p);
      const chiseled = has(p, 'chiseled', 'distroless');
      if (kind === 'sdk') return v('sdk', `SDK (compilers and build tools)${musl ? ' on Alpine' : ''}`, musl ? 'musl' : 'glibc', musl ? '~220 MB' : '~300 MB', true);
      if (chiseled) return v('chiseled', `${kind}, chiseled or distroless (no shell, non-root)`, 'glibc', '~45 MB', false, true);
      const size = kind === 'runtime-deps' ? (musl ? '~10 MB' : '~45 MB') : kind === 'runtime' ? (musl ? '~35 MB' : '~80 MB') : (musl ? '~45 MB' : '~90 MB');
      return v(kind, `${kind}${musl ? ' on Alpine (musl)' : ''}`, musl ? 'musl' : 'glibc', size);
    },
  },
  {
    name: 'ghcr.io/astral-sh/uv', aliases: ['astral/uv'], pins: [], title: 'uv', publisher: 'Astral', kind: 'tool',
    about: "Astral's Python package manager: the bare binaries, or uv on top of a Python or OS image.",
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: true,
    notes: ['The bare image is meant for `COPY --from=ghcr.io/astral-sh/uv:<version> /uv /uvx /bin/`; pin the version there too.'],
    variant: p => {
      const py = p.tokens.find(t => /^python\d/.test(t));
      const what = py ? `uv with ${py.replace('python', 'Python ')}` : 'uv';
      if (isAlpine(p)) return v('alpine', `${what} on Alpine (musl)`, 'musl', py ? '~30 MB' : '~20 MB');
      if (p.release?.os === 'debian' || has(p, 'debian')) {
        return has(p, 'slim') ? v('slim', `${what} on slim Debian`, 'glibc', py ? '~70 MB' : '~50 MB') : v('full', `${what} on full Debian (buildpack-deps)`, 'glibc', '~350 MB', true);
      }
      return v('distroless', 'just the uv and uvx binaries (no shell, no OS)', 'none', '~20 MB', false, true);
    },
  },
  {
    name: 'ubuntu', pins: ['24.04', '22.04'], title: 'Ubuntu', publisher: 'Docker Official Image', kind: 'os', isOs: true,
    about: 'A minimal Ubuntu userland with apt.',
    linePrecision: 'minor', exactPrecision: 'minor', releaseInTag: false,
    endOfLife: version => ['14.04', '16.04', '18.04', '20.04'].includes(version) || ['trusty', 'xenial', 'bionic', 'focal'].includes(version),
    notes: ['Codenames and version numbers are the same tags (`jammy` = `22.04`); dated tags (`jammy-20240808`) name one build.'],
    variant: () => v('os', 'minimal Ubuntu', 'glibc', '~30 MB'),
  },
  {
    name: 'debian', pins: ['bookworm-slim', 'trixie-slim'], title: 'Debian', publisher: 'Docker Official Image', kind: 'os', isOs: true,
    about: 'A Debian userland with apt; `-slim` drops documentation and rarely needed files.',
    linePrecision: 'major', exactPrecision: 'major', releaseInTag: false,
    endOfLife: version => ['8', '9', '10', 'jessie', 'stretch', 'buster'].includes(version.split('.')[0]),
    notes: ['`stable`, `testing` and `sid` move to a new release every couple of years; codenames (`bookworm`) and numbers (`12`) stay on one release.'],
    variant: p => (has(p, 'slim') ? v('slim', 'slim Debian', 'glibc', '~30 MB') : v('os', 'Debian', 'glibc', '~50 MB')),
  },
  {
    name: 'alpine', pins: ['3.22', '3.21'], title: 'Alpine Linux', publisher: 'Docker Official Image', kind: 'os', isOs: true,
    about: 'A tiny distribution built on musl libc and BusyBox, with apk.',
    linePrecision: 'minor', exactPrecision: 'minor', releaseInTag: false,
    notes: ['musl is not glibc: prebuilt binaries and Python wheels made for glibc do not run here, and DNS and threading behave differently in edge cases.'],
    variant: () => v('alpine', 'Alpine Linux (musl, BusyBox)', 'musl', '~4 MB'),
  },
  {
    name: 'busybox', pins: ['1.37'], title: 'BusyBox', publisher: 'Docker Official Image', kind: 'minimal',
    about: 'A single BusyBox binary providing a shell and core utilities, nothing else.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: false,
    variant: p => v('busybox', `BusyBox${has(p, 'musl') ? ' (musl)' : has(p, 'uclibc') ? ' (uClibc)' : ' (glibc)'}`, has(p, 'musl') ? 'musl' : has(p, 'uclibc') ? 'none' : 'glibc', '~2 MB'),
  },
  {
    name: 'nginx', pins: ['1.28', '1.28-alpine'], title: 'NGINX', publisher: 'Docker Official Image', kind: 'service',
    about: 'The NGINX web server and reverse proxy.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: true,
    notes: ['Odd minor versions are the mainline branch, even ones the stable branch.'],
    variant: p => {
      if (isAlpine(p)) return has(p, 'slim') ? v('alpine-slim', 'alpine-slim (Alpine, no extra modules)', 'musl', '~5 MB') : v('alpine', 'alpine (Alpine Linux, musl)', 'musl', '~20 MB');
      return v('full', 'Debian', 'glibc', '~70 MB');
    },
  },
  {
    name: 'postgres', pins: ['17', '16'], title: 'PostgreSQL', publisher: 'Docker Official Image', kind: 'service',
    about: 'The PostgreSQL database server.',
    linePrecision: 'major', exactPrecision: 'minor', releaseInTag: true,
    notes: ['A new major version changes the on-disk format: upgrading needs `pg_upgrade` or a dump and restore, not just a new tag.'],
    variant: p => (isAlpine(p) ? v('alpine', 'Alpine Linux (musl)', 'musl', '~100 MB') : v('full', 'Debian', 'glibc', '~150 MB')),
  },
  {
    name: 'redis', pins: ['7.4'], title: 'Redis', publisher: 'Docker Official Image', kind: 'service',
    about: 'The Redis in-memory data store.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: true,
    variant: p => (isAlpine(p) ? v('alpine', 'Alpine Linux (musl)', 'musl', '~15 MB') : v('full', 'Debian', 'glibc', '~45 MB')),
  },
  {
    name: 'nvidia/cuda', aliases: ['nvcr.io/nvidia/cuda'], pins: [], title: 'NVIDIA CUDA', publisher: 'NVIDIA', kind: 'gpu',
    about: 'CUDA libraries on Ubuntu, Rocky Linux or UBI, in three layers: `base`, `runtime` (adds the CUDA math libraries) and `devel` (adds nvcc, headers and static libraries); `cudnn` tags add cuDNN.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: true,
    notes: [
      'There is no `latest` tag: every tag spells the full CUDA version, flavour and OS.',
      'The host needs an NVIDIA driver new enough for this CUDA version and the NVIDIA Container Toolkit; the driver itself is never in the image.',
    ],
    variant: p => {
      const cudnn = hasPrefix(p, 'cudnn');
      if (has(p, 'devel')) return cudnn ? v('cudnn-devel', 'cudnn-devel (toolkit with nvcc, headers, static libraries, plus cuDNN)', 'glibc', '~4–5 GB', true) : v('cuda-devel', 'devel (full toolkit: nvcc, headers, static libraries)', 'glibc', '~3–4 GB', true);
      if (has(p, 'runtime')) return cudnn ? v('cudnn-runtime', 'cudnn-runtime (CUDA runtime libraries plus cuDNN)', 'glibc', '~2–3 GB') : v('cuda-runtime', 'runtime (CUDA runtime and math libraries)', 'glibc', '~1–2 GB');
      return v('cuda-base', 'base (just the CUDA runtime library)', 'glibc', '~100 MB');
    },
  },
  {
    name: 'pytorch/pytorch', pins: [], title: 'PyTorch', publisher: 'PyTorch', kind: 'gpu', runtime: 'python',
    about: 'PyTorch with CUDA and cuDNN on Ubuntu, as `runtime` or `devel` (adds the CUDA toolkit for building extensions).',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: false,
    notes: ['The tag names the CUDA and cuDNN versions PyTorch was built against (`2.5.1-cuda12.4-cudnn9-runtime`): the host driver must support that CUDA version.'],
    variant: p => (has(p, 'devel')
      ? v('devel', 'devel (PyTorch plus the CUDA toolkit: nvcc, headers)', 'glibc', '~6 GB or more', true)
      : v('runtime', 'runtime (PyTorch with CUDA runtime libraries)', 'glibc', '~3 GB')),
  },
  {
    name: 'tensorflow/tensorflow', pins: [], title: 'TensorFlow', publisher: 'TensorFlow', kind: 'gpu', runtime: 'python',
    about: 'TensorFlow on Ubuntu, CPU-only by default; `-gpu` adds CUDA, `-jupyter` adds a notebook server.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: false,
    variant: p => {
      if (has(p, 'devel')) return v('devel', 'devel (build environment for TensorFlow itself)', 'glibc', '~4 GB or more', true);
      if (has(p, 'gpu')) return v('gpu', `GPU (CUDA libraries)${has(p, 'jupyter') ? ' with Jupyter' : ''}`, 'glibc', '~3–4 GB');
      return v('cpu', `CPU only${has(p, 'jupyter') ? ' with Jupyter' : ''}`, 'glibc', '~600 MB');
    },
  },
  {
    name: 'gcr.io/distroless/', prefix: true, pins: [], title: 'Distroless', publisher: 'Google', kind: 'minimal',
    about: 'Runtime-only images from Google: the language runtime, CA certificates and time zone data on a stripped Debian, with no shell or package manager.',
    linePrecision: 'none', exactPrecision: 'digest-only', releaseInTag: false,
    notes: ['Tags: `latest`, `nonroot` (runs as an unprivileged user), and `debug` / `debug-nonroot`, which add a BusyBox shell for troubleshooting. The Debian release is part of the image name (`-debian12`).'],
    variant: (p, repo) => {
      const name = repo.slice(repo.lastIndexOf('/') + 1).replace(/-debian\d+$/, '');
      const debug = has(p, 'debug');
      const sizes: Record<string, string> = { static: '~2 MB', base: '~20 MB', 'base-nossl': '~15 MB', cc: '~25 MB', python3: '~50 MB', nodejs: '~60 MB' };
      const size = sizes[name] ?? (name.startsWith('java') ? '~100 MB' : name.startsWith('nodejs') ? '~60 MB' : '~20–100 MB');
      const libc: Libc = name === 'static' ? 'none' : 'glibc';
      return v('distroless', `distroless ${name}${debug ? ' (debug: adds a BusyBox shell)' : ''}`, libc, size, false, !debug);
    },
  },
  {
    name: 'cgr.dev/chainguard/', prefix: true, pins: [], title: 'Chainguard Images', publisher: 'Chainguard', kind: 'minimal',
    about: 'Minimal images built on Wolfi (glibc), rebuilt daily; `latest` has no shell, `latest-dev` adds a shell and apk.',
    linePrecision: 'none', exactPrecision: 'digest-only', releaseInTag: false,
    notes: ['The free tier publishes only `latest` and `latest-dev`: pin a digest and let a bot update it.'],
    variant: p => (has(p, 'dev') || p.raw.toLowerCase().endsWith('-dev')
      ? v('wolfi-dev', 'dev (Wolfi with a shell and apk)', 'glibc', '~30–150 MB')
      : v('wolfi', 'runtime only (Wolfi, no shell)', 'glibc', '~10–100 MB', false, true)),
  },
  {
    name: 'mcr.microsoft.com/windows/', prefix: true, aliases: ['microsoft/windowsservercore', 'microsoft/nanoserver'], pins: ['ltsc2022'], title: 'Windows', publisher: 'Microsoft', kind: 'os', isOs: true,
    about: 'Windows base images; containers from them run only on Windows hosts with a compatible kernel version.',
    linePrecision: 'none', exactPrecision: 'none', releaseInTag: false,
    notes: ['Process-isolated Windows containers need the host and image to share the Windows version: match `ltsc2022` to your hosts.'],
    variant: (_p, repo) => (repo.endsWith('nanoserver') ? WINDOWS_NANO : WINDOWS_CORE),
  },
  {
    name: 'continuumio/miniconda3', pins: [], title: 'Miniconda', publisher: 'Anaconda', kind: 'language', runtime: 'python',
    about: 'conda with a base Python environment on Debian.',
    linePrecision: 'minor', exactPrecision: 'patch', releaseInTag: false,
    variant: () => v('full', 'Debian with conda', 'glibc', '~150 MB'),
  },
  ...['almalinux', 'rockylinux', 'fedora', 'amazonlinux', 'oraclelinux'].map((name): ImageFacts => ({
    name, pins: [], title: name, publisher: 'Docker Official Image', kind: 'os', isOs: true,
    about: 'An RPM-based distribution (dnf or yum).',
    linePrecision: 'major', exactPrecision: 'major', releaseInTag: false,
    variant: p => (has(p, 'minimal') ? v('minimal', 'minimal', 'glibc', '~35 MB') : v('os', name, 'glibc', '~60–80 MB')),
  })),
];

/** `docker.io/library/python`, `library/python` and common mirrors of Docker Hub are `python`. */
export function canonicalImageName(name: string): string {
  return name.toLowerCase()
    .replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io|mirror\.gcr\.io|public\.ecr\.aws\/docker)\//, '')
    .replace(/^library\//, '');
}

export function imageFacts(name: string): ImageFacts | undefined {
  const canonical = canonicalImageName(name);
  // The first entry of IMAGES that matches, found through an index of the table.
  const index = imageIndex();
  let best = index.exact.get(canonical) ?? IMAGES.length;
  for (const p of index.prefixed) {
    if (p.at >= best) break;
    if (p.names.some(n => canonical.startsWith(n))) { best = p.at; break; }
  }
  return IMAGES[best];
}

let IMAGE_INDEX: { exact: Map<string, number>; prefixed: { at: number; names: string[] }[] } | undefined;

function imageIndex(): NonNullable<typeof IMAGE_INDEX> {
  if (!IMAGE_INDEX) {
    const exact = new Map<string, number>();
    const prefixed: { at: number; names: string[] }[] = [];
    IMAGES.forEach((i, at) => {
      const names = [i.name, ...(i.aliases ?? [])];
      if (i.prefix) prefixed.push({ at, names });
      else for (const n of names) if (!exact.has(n)) exact.set(n, at);
    });
    IMAGE_INDEX = { exact, prefixed };
  }
  return IMAGE_INDEX;
}

const refInfoCache = new WeakMap<object, { full?: ImageInfo | null; noDigest?: ImageInfo | null }>();

/**
 * `describeImage` of a FROM line's parsed image (`Stage.image`), computed once per parse;
 * `withDigest: false` leaves the digest out. Shared: callers must not change the result.
 */
export function describeImageRef(image: { name?: string; tag?: string; digest?: string }, withDigest = true): ImageInfo | undefined {
  if (image.name === undefined) return undefined;
  let entry = refInfoCache.get(image);
  if (!entry) refInfoCache.set(image, (entry = {}));
  const key = withDigest ? 'full' : 'noDigest';
  let info = entry[key];
  if (info === undefined) {
    info = (withDigest ? describeImage(image.name, image.tag, image.digest) : describeImage(image.name, image.tag)) ?? null;
    entry[key] = info;
  }
  return info ?? undefined;
}

const RANK: Record<Precision, number> = { none: 0, major: 1, minor: 2, patch: 3 };

export function atLeast(p: Precision, wanted: Precision): boolean {
  return RANK[p] >= RANK[wanted];
}

/**
 * Reads an image reference of a known family: variant, libc, size, and how precisely the tag
 * pins it. Undefined for images outside the table.
 */
export function describeImage(name: string, tag?: string, digest?: string): ImageInfo | undefined {
  const family = imageFacts(name);
  if (!family) return undefined;
  const repo = canonicalImageName(name);
  // Quotes survive in FROM lines such as `servercore:"${WINDOWS_VERSION}"`; they are not part of the tag.
  tag = tag?.replace(/["']/g, '');
  const parts = splitTag(tag ?? 'latest');
  const variant = family.variant(parts, repo);
  const missing: string[] = [];
  const digestOnly = family.exactPrecision === 'digest-only';
  // A tag with no number in it at all (`slim`, `lts`, `stable`) floats like `latest`; `python3.12-slim` of uv pins something.
  const numbered = !!parts.version || parts.tokens.some(t => /\d/.test(t));
  const versionless = !!tag && !digestOnly && tag.toLowerCase() !== 'latest' && !numbered && !(family.isOs && parts.release);
  let belowLine = false;
  if (tag && !digestOnly && !family.isOs) {
    const exact = family.exactPrecision as Precision;
    if (!parts.version || !atLeast(parts.precision, exact)) missing.push(`${exact} version`);
    // Without an OS release in the tag, the image moves when upstream switches its default release.
    if (family.releaseInTag && !parts.release && variant.id !== 'distroless' && variant.libc !== 'none') missing.push('OS release');
    belowLine = parts.version ? !atLeast(parts.precision, family.linePrecision) : numbered;
  } else if (tag && family.isOs && family.exactPrecision !== 'none') {
    // For OS images the release is the version: a codename, or a number at the release's precision.
    const named = !!parts.release || (!!parts.version && atLeast(parts.precision, family.exactPrecision as Precision));
    if (!named) missing.push('release');
    belowLine = !!parts.version && !atLeast(parts.precision, family.linePrecision);
  }
  const versionForEol = parts.version ?? parts.release?.token ?? (parts.tokens[0] ?? '');
  return {
    family, repo, tag, digest, parts, variant,
    versionless, belowLine, missing,
    endOfLife: !!family.endOfLife && !!versionForEol && family.endOfLife(versionForEol),
    releaseLabel: parts.release?.label ?? osReleaseLabel(family, parts),
  };
}

/** `ubuntu:22.04` is Ubuntu 22.04 (jammy), `debian:12` is Debian 12 (bookworm), `alpine:3.20` is Alpine 3.20. */
function osReleaseLabel(family: ImageFacts, parts: TagParts): string | undefined {
  if (!family.isOs || !parts.version) return undefined;
  if (family.name === 'ubuntu') {
    const minor = versionAt(parts.version, 'minor');
    const release = Object.keys(UBUNTU).find(k => UBUNTU[k] === minor);
    return `Ubuntu ${parts.version}${release ? ` (${release})` : ''}`;
  }
  if (family.name === 'debian') {
    const major = versionAt(parts.version, 'major');
    const release = Object.keys(DEBIAN).find(k => DEBIAN[k] === major);
    return `Debian ${parts.version}${release ? ` (${release})` : ''}`;
  }
  return `${family.title} ${parts.version}`;
}

/** `3.12` of `3.12.8`, `22` of `22.11.0`: the version cut to a precision. */
export function versionAt(version: string, precision: Precision): string {
  const n = RANK[precision];
  return version.split(/[_+]/)[0].split('.').slice(0, Math.max(1, n)).join('.');
}

/** Human word for what a tag's version part pins. */
export function precisionWords(p: Precision): string {
  return p === 'patch' ? 'patch release' : p === 'minor' ? 'minor version' : p === 'major' ? 'major version only' : 'no version';
}

/** Replaces one `-`-separated token of a tag, keeping the rest as written. */
function replaceToken(tag: string, from: string, to: string): string | undefined {
  const parts = tag.split('-');
  const i = parts.findIndex(p => p.toLowerCase() === from);
  if (i < 0) return undefined;
  parts[i] = to;
  return parts.join('-');
}

/**
 * The slim variant of a full or alpine language tag, following each family's naming
 * (`python:3.12-slim-bookworm`, `node:22-bookworm-slim`); undefined when there is none.
 */
export function slimTagFor(info: ImageInfo): string | undefined {
  const { family, parts } = info;
  if (!['python', 'node', 'ruby', 'rust'].includes(family.name) || !info.tag) return undefined;
  if (info.variant.id !== 'full' && info.variant.id !== 'alpine') return undefined;
  // Anything besides version, variant and release (e.g. `windowsservercore`) has no slim twin.
  if (parts.tokens.some(t => t !== 'alpine')) return undefined;
  const release = parts.release?.os === 'debian' ? parts.release.token : undefined;
  // `python:latest` → `python:slim`: the other moving names keep their word (`lts-slim`).
  const head = parts.version ?? (parts.alias === 'latest' ? undefined : parts.alias);
  const pieces = head ? [head] : [];
  if (family.name === 'node') pieces.push(...(release ? [release] : []), 'slim');
  else pieces.push('slim', ...(release ? [release] : []));
  return pieces.join('-');
}

/** The CUDA `runtime` twin of a `devel` tag (`12.4.1-cudnn-devel-ubuntu22.04` → `12.4.1-cudnn-runtime-ubuntu22.04`). */
export function runtimeTagFor(info: ImageInfo): string | undefined {
  if (!info.tag || !info.variant.buildTools) return undefined;
  if (info.family.name !== 'nvidia/cuda' && info.family.name !== 'pytorch/pytorch') return undefined;
  return replaceToken(info.tag, 'devel', 'runtime');
}

/** The JRE twin of an Eclipse Temurin JDK tag (`21-jdk-noble` → `21-jre-noble`, `21` → `21-jre`). */
export function jreTagFor(info: ImageInfo): string | undefined {
  if (info.family.name !== 'eclipse-temurin' || info.variant.id !== 'jdk' || !info.tag) return undefined;
  if (info.parts.tokens.includes('jdk')) return replaceToken(info.tag, 'jdk', 'jre');
  if (!info.parts.version) return undefined;
  const [version, ...rest] = info.tag.split('-');
  return [version, 'jre', ...rest].join('-');
}

// ---------------------------------------------------------------------------------------------
// Python packages and the C library. PyPI wheels are tagged manylinux (glibc) or musllinux (musl).

/** Publish no musllinux wheels at all: on Alpine pip finds nothing it can install. */
export const NO_MUSL_WHEELS = new Set([
  'torch', 'torchvision', 'torchaudio', 'tensorflow', 'tensorflow-cpu', 'tensorflow-gpu', 'tf-nightly',
  'jax', 'jaxlib', 'onnxruntime', 'onnxruntime-gpu', 'triton', 'xformers', 'vllm',
]);

/**
 * Ship compiled code. Their wheels target glibc first; musllinux wheels exist only for some
 * versions and CPUs, and without one pip compiles from source (compilers, headers, minutes to hours).
 */
export const NATIVE_WHEELS = new Set([
  'numpy', 'pandas', 'scipy', 'scikit-learn', 'scikit-image', 'statsmodels', 'pyarrow',
  'opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless',
  'lxml', 'cryptography', 'grpcio', 'grpcio-tools', 'pillow', 'matplotlib', 'h5py', 'numba', 'llvmlite',
  'xgboost', 'lightgbm', 'psycopg2', 'psycopg2-binary', 'tokenizers', 'sentencepiece', 'shapely', 'gevent', 'pyzmq',
]);

/** PEP 503 normalisation: `Scikit_Learn` is `scikit-learn`. */
export function normalisePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The distribution name of a requirement (`numpy>=1.26`, `uvicorn[standard]`), or undefined for paths, URLs and options. */
export function requirementName(spec: string): string | undefined {
  const s = spec.trim();
  if (!s || s.startsWith('-') || s.startsWith('$') || /^[./]|:\/\/|\.(whl|tar\.gz|zip)$/i.test(s)) return undefined;
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:$|[[<>=!~;@\s(,])/.exec(s);
  return m ? normalisePackageName(m[1]) : undefined;
}

/** Names required by a requirements file (comments, options and includes skipped). */
export function requirementsFileNames(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const name = requirementName(line);
    if (name) names.push(name);
  }
  return names;
}

/** Dependency names declared in a pyproject.toml (PEP 621 lists and Poetry tables), read loosely. */
export function pyprojectNames(text: string): string[] {
  const names: string[] = [];
  let section = '';
  let inList = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const header = /^\[+([^\]]+)\]+$/.exec(line);
    if (header) { section = header[1].trim(); inList = false; continue; }
    if (/^(dependencies|requires|[A-Za-z0-9_-]+)\s*=\s*\[/.test(line) && (section === 'project' || section === 'project.optional-dependencies' || section === 'dependency-groups' || section === 'build-system')) {
      inList = section !== 'build-system';
    }
    if (inList) {
      for (const m of line.matchAll(/["']([^"']+)["']/g)) { const n = requirementName(m[1]); if (n) names.push(n); }
      // Brackets inside strings are extras (`uvicorn[standard]`); one outside closes the list.
      if (line.replace(/"[^"]*"|'[^']*'/g, '').includes(']')) inList = false;
      continue;
    }
    if (/^tool\.poetry\.(dependencies|group\.[^.]+\.dependencies|dev-dependencies)$/.test(section)) {
      const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*=/.exec(line);
      if (m && m[1].toLowerCase() !== 'python') names.push(normalisePackageName(m[1]));
    }
  }
  return names;
}

/** What one shell command installs into a Python environment. */
export interface PythonInstall {
  tool: string;
  /** Distribution names given on the command line. */
  packages: string[];
  /** Requirements files it reads, as written (relative to the command's directory, or absolute). */
  requirementFiles: string[];
  /** Installs the project in the working directory (`pip install .`, `uv sync`, `poetry install`): its pyproject.toml decides. */
  project: boolean;
}

const PIP_VALUE_OPTIONS = new Set([
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--platform',
  '--python-version', '--implementation', '--abi', '--only-binary', '--no-binary', '--upgrade-strategy', '--cache-dir',
  '--src', '--trusted-host', '--progress-bar', '--log', '--timeout', '--retries', '--proxy', '-C', '--config-settings',
  '--global-option', '--report', '--python', '-p', '--exists-action', '--cert', '--client-cert', '--keyring-provider',
  '--index-strategy', '--extra', '--group', '--index', '--default-index', '--resolution', '--prerelease', '--only-group',
]);

/** Recognises pip, `python -m pip`, uv, poetry and pipenv installs and what they install. */
export function pythonInstallOf(cmd: ShellCommand): PythonInstall | undefined {
  // `sudo pip`, `env X=1 pip`: look at the command they run.
  const argv = unwrapped(cmd).argv;
  const name = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
  let tool: string;
  let args: string[];
  let filesArePositional = false;
  const pipAt = /^pip(\d+(\.\d+)*)?$/.test(name) ? 1
    : /^python(\d+(\.\d+)*)?$/.test(name) && /^pip\d*$/.test(argv[argv.indexOf('-m') + 1] ?? '') ? argv.indexOf('-m') + 2 : -1;
  if (pipAt > 0) {
    // General options may come before the subcommand (`pip --no-cache-dir install`).
    let i = pipAt;
    while (i < argv.length && argv[i].startsWith('-')) i += PIP_VALUE_OPTIONS.has(argv[i]) ? 2 : 1;
    if (argv[i] !== 'install') return undefined;
    tool = 'pip';
    args = argv.slice(i + 1);
  } else if (name === 'uv' && argv[1] === 'pip' && (argv[2] === 'install' || argv[2] === 'sync')) { tool = 'uv pip'; args = argv.slice(3); filesArePositional = argv[2] === 'sync'; }
  else if (name === 'uv' && argv[1] === 'add') { tool = 'uv'; args = argv.slice(2); }
  else if (name === 'uv' && argv[1] === 'sync') return { tool: 'uv', packages: [], requirementFiles: [], project: true };
  else if (name === 'poetry' && argv[1] === 'add') { tool = 'poetry'; args = argv.slice(2); }
  else if (name === 'poetry' && argv[1] === 'install') return { tool: 'poetry', packages: [], requirementFiles: [], project: true };
  else if (name === 'pipenv' && argv[1] === 'install') { tool = 'pipenv'; args = argv.slice(2); }
  else if (name === 'pip-sync') { tool = 'pip-sync'; args = argv.slice(1); filesArePositional = true; }
  else return undefined;

  const result: PythonInstall = { tool, packages: [], requirementFiles: [], project: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (short: string, long: string): string | undefined => {
      if (a === short || a === long) return args[++i];
      if (a.startsWith(long + '=')) return a.slice(long.length + 1);
      if (short && a.startsWith(short) && a.length > short.length && !a.startsWith('--')) return a.slice(short.length);
      return undefined;
    };
    const req = value('-r', '--requirement') ?? value('-c', '--constraint');
    if (req !== undefined) { result.requirementFiles.push(req); continue; }
    const editable = value('-e', '--editable');
    if (editable !== undefined) { if (/^\.{1,2}(\/|$|\[)/.test(editable)) result.project = true; continue; }
    if (a.startsWith('-')) { if (PIP_VALUE_OPTIONS.has(a)) i++; continue; }
    if (filesArePositional) { result.requirementFiles.push(a); continue; }
    if (/^\.{1,2}(\/|$|\[)/.test(a)) { result.project = true; continue; }
    const pkg = requirementName(a);
    if (pkg) result.packages.push(pkg);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Tag patterns, for completion

/** The families of the table, in table order (prefix families end with `/`). */
export function knownImageFamilies(): readonly ImageFacts[] {
  return IMAGES;
}

/**
 * How the tags of a family are built, with current examples, best first (snapshot 2025, like
 * the rest of this table). Completion offers these after `image:`; nothing is fetched.
 */
export interface TagPattern {
  /** The shape, e.g. `<major>.<minor>-slim-<debian>`. */
  pattern: string;
  examples: string[];
}

export const TAG_PATTERNS: Readonly<Record<string, TagPattern[]>> = {
  python: [
    { pattern: '<major>.<minor>-slim-<debian>', examples: ['3.13-slim-bookworm', '3.12-slim-bookworm', '3.13-slim-trixie'] },
    { pattern: '<major>.<minor>-slim', examples: ['3.13-slim', '3.12-slim', '3.11-slim'] },
    { pattern: '<major>.<minor>.<patch>-slim-<debian>', examples: ['3.13.7-slim-bookworm', '3.12.11-slim-bookworm'] },
    { pattern: '<major>.<minor>-alpine<release>', examples: ['3.13-alpine3.22', '3.12-alpine'] },
    { pattern: '<major>.<minor>-<debian>', examples: ['3.13-bookworm', '3.12-bookworm'] },
  ],
  node: [
    { pattern: '<major>-<debian>-slim', examples: ['22-bookworm-slim', '24-bookworm-slim', '20-bookworm-slim'] },
    { pattern: '<major>-slim', examples: ['22-slim', '24-slim'] },
    { pattern: '<major>.<minor>.<patch>-<debian>-slim', examples: ['22.19.0-bookworm-slim'] },
    { pattern: '<major>-alpine<release>', examples: ['22-alpine3.22', '22-alpine'] },
  ],
  golang: [
    { pattern: '<major>.<minor>-<debian>', examples: ['1.25-bookworm', '1.24-bookworm'] },
    { pattern: '<major>.<minor>-alpine<release>', examples: ['1.25-alpine3.22', '1.25-alpine'] },
    { pattern: '<major>.<minor>.<patch>', examples: ['1.25.1', '1.24.7'] },
  ],
  rust: [
    { pattern: '<major>.<minor>-slim-<debian>', examples: ['1.89-slim-bookworm', '1-slim-bookworm'] },
    { pattern: '<major>-alpine<release>', examples: ['1-alpine3.22', '1.89-alpine'] },
  ],
  ruby: [
    { pattern: '<major>.<minor>-slim-<debian>', examples: ['3.4-slim-bookworm', '3.3-slim-bookworm'] },
    { pattern: '<major>.<minor>-alpine<release>', examples: ['3.4-alpine3.22'] },
  ],
  php: [
    { pattern: '<major>.<minor>-<fpm|apache|cli>-<debian>', examples: ['8.4-fpm-bookworm', '8.4-apache-bookworm', '8.3-cli-bookworm'] },
    { pattern: '<major>.<minor>-fpm-alpine<release>', examples: ['8.4-fpm-alpine3.22'] },
  ],
  'eclipse-temurin': [
    { pattern: '<major>-<jre|jdk>-<ubuntu>', examples: ['21-jre-noble', '21-jdk-noble', '17-jre-jammy'] },
    { pattern: '<major>-<jre|jdk>-alpine', examples: ['21-jre-alpine', '21-jdk-alpine'] },
  ],
  amazoncorretto: [
    { pattern: '<major>-al2023', examples: ['21-al2023', '17-al2023'] },
    { pattern: '<major>-alpine<release>', examples: ['21-alpine3.22'] },
  ],
  ubuntu: [
    { pattern: '<version>', examples: ['24.04', '22.04'] },
    { pattern: '<codename>-<date>', examples: ['noble-20250805', 'jammy-20250819'] },
  ],
  debian: [
    { pattern: '<codename>-slim', examples: ['bookworm-slim', 'trixie-slim'] },
    { pattern: '<major>.<minor>-slim', examples: ['12.11-slim', '13.1-slim'] },
  ],
  alpine: [{ pattern: '<major>.<minor>[.<patch>]', examples: ['3.22', '3.21', '3.22.1'] }],
  busybox: [{ pattern: '<version>-<libc>', examples: ['1.37', '1.37-musl', '1.37-glibc'] }],
  nginx: [
    { pattern: '<major>.<minor>[-alpine]', examples: ['1.28', '1.28-alpine', '1.29-alpine-slim'] },
    { pattern: '<major>.<minor>-<debian>', examples: ['1.28-bookworm'] },
  ],
  postgres: [{ pattern: '<major>[-<debian>|-alpine]', examples: ['17-bookworm', '17-alpine', '16-alpine3.22'] }],
  redis: [{ pattern: '<major>.<minor>[-alpine]', examples: ['7.4-alpine', '8.2-alpine', '7.4-bookworm'] }],
  'nvidia/cuda': [{ pattern: '<version>-<base|runtime|devel>-<os>', examples: ['12.6.3-runtime-ubuntu24.04', '12.6.3-cudnn-devel-ubuntu24.04', '12.4.1-base-ubuntu22.04'] }],
  'ghcr.io/astral-sh/uv': [{ pattern: '<version>[-python<version>-<os>]', examples: ['0.8', '0.8-python3.13-bookworm-slim'] }],
  'continuumio/miniconda3': [{ pattern: '<conda version>', examples: ['25.1.1-2'] }],
  fedora: [{ pattern: '<release>', examples: ['42', '41'] }],
  rockylinux: [{ pattern: '<major>[.<minor>][-minimal]', examples: ['9', '9-minimal'] }],
  almalinux: [{ pattern: '<major>[.<minor>][-minimal]', examples: ['9', '9-minimal'] }],
  amazonlinux: [{ pattern: '<release>', examples: ['2023'] }],
  'gcr.io/distroless/': [{ pattern: '<image>-<debian release>[:nonroot]', examples: ['nonroot', 'latest', 'debug-nonroot'] }],
  'mcr.microsoft.com/dotnet/': [{ pattern: '<major>.<minor>[-<os>]', examples: ['8.0', '9.0', '8.0-alpine', '9.0-noble-chiseled'] }],
};

/** Repositories under prefix families worth offering by name. */
export const PREFIX_FAMILY_REPOSITORIES: readonly string[] = [
  'gcr.io/distroless/static-debian12', 'gcr.io/distroless/base-debian12', 'gcr.io/distroless/cc-debian12',
  'gcr.io/distroless/python3-debian12', 'gcr.io/distroless/java21-debian12', 'gcr.io/distroless/nodejs22-debian12',
  'mcr.microsoft.com/dotnet/sdk', 'mcr.microsoft.com/dotnet/aspnet', 'mcr.microsoft.com/dotnet/runtime', 'mcr.microsoft.com/dotnet/runtime-deps',
  'cgr.dev/chainguard/static', 'cgr.dev/chainguard/python', 'cgr.dev/chainguard/node',
];
