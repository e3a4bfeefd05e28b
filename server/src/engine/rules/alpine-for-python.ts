import { flagValue, resolvePath, type DockerfileModel, type InstructionInfo, type Stage } from '../model';
import { defineRule, type RuleContext } from '../rule';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { descendantStages } from '../knowledge/base-image-card';
import { runsPython, startArgvs, startCommands } from '../knowledge/runtime';
import {
  describeImageRef, NATIVE_WHEELS, NO_MUSL_WHEELS, pyprojectNames, pythonInstallOf, requirementsFileNames, slimTagFor,
  type ImageInfo,
} from '../knowledge/images';
import type { Fix } from '../types';

/** Commands whose Alpine (BusyBox) syntax breaks on Debian: switching the base needs a person. */
const ALPINE_ONLY = new Set(['apk', 'adduser', 'addgroup', 'rc-update', 'setup-apkrepos']);

interface PackageHit { name: string; line: number }

export default defineRule({
  id: 'alpine-for-python',
  aliases: [],
  category: 'base-image',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A Python image is built on Alpine (musl libc), where most prebuilt Python wheels do not apply.',
    why: [
      'Alpine is tiny because it uses **musl** instead of **glibc** as its C library. Python packages with compiled code',
      'are published on PyPI as wheels, and the common ones are built for glibc (`manylinux`). Some projects also publish',
      '`musllinux` wheels, but only for some versions and CPUs; whenever pip finds none it downloads the source and',
      'compiles it, which needs gcc and headers, takes minutes (or hours for big packages) and can fail. A few, such as',
      'PyTorch and TensorFlow, publish no musl wheels at all, so they cannot be installed on Alpine.',
      '',
      'The size win is also smaller than it looks: `python:3.12-slim` is about 50 MB compressed against about 20 MB for',
      'Alpine, and the compilers you add to Alpine to build wheels usually erase the difference. Slim (Debian, glibc) installs',
      'wheels as they are, builds faster and behaves like the machines the packages were tested on.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-alpine',
      'WORKDIR /app',
      'RUN pip install --no-cache-dir numpy pandas',
      'COPY . .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'RUN pip install --no-cache-dir numpy pandas',
      'COPY . .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    fix: 'Switches the tag to the matching `-slim` variant (`python:3.12-alpine3.20` → `python:3.12-slim`). Offered, never applied automatically, and not offered when the stage (or a stage built on it) runs `apk`, `adduser` or `addgroup`: those commands have different names or options on Debian and need rewriting by hand.',
    notes: [
      'Fires on Python images with musl variants (`python:*-alpine*`, `ghcr.io/astral-sh/uv:python*-alpine`), and on other musl',
      'images (`alpine:*`) that install Python with `apk` and then install packages with pip, uv, poetry or pipenv or start a',
      'Python program. A Node or Go image that adds `python3` only for build scripts (node-gyp) is left alone.',
      'The message names the packages it found with compiled code, from the RUN lines and from requirements files or',
      '`pyproject.toml` in the build context. The finding becomes an error for packages that publish no musl wheels at all',
      '(PyTorch, TensorFlow, JAX, ONNX Runtime, ...). Installing distribution packages such as `apk add py3-numpy` sidesteps',
      'wheels entirely; if that is your approach, or your dependencies are pure Python, silence the rule for the line.',
    ].join(' '),
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const image = stage.image;
      if (image.stage || image.isScratch || image.resolved === undefined || !image.name) continue;
      const info = describeImageRef(image);
      if (!info || info.variant.libc !== 'musl') continue;
      const chain = [stage, ...descendantStages(stage, ctx.model)];
      const pythonImage = isPythonImage(info);
      const apkPython = pythonImage ? undefined : findApkPython(chain);
      const packages = installedPackages(ctx, chain);
      if (!pythonImage) {
        if (!apkPython) continue;
        // Python as a build helper (node-gyp, configure scripts) is not a Python service.
        if (!packages.installs && !startsPython(ctx.model, chain)) continue;
      }
      const missing = packages.hits.filter(p => NO_MUSL_WHEELS.has(p.name));
      const native = packages.hits.filter(p => NATIVE_WHEELS.has(p.name));
      const alpineOnly = findAlpineOnly(chain);
      const ref = image.resolved;
      const slim = slimFor(info);
      const suggestion = slim ? `\`${image.name}:${slim}\`` : 'a slim Debian-based Python image such as `python:3.12-slim`';
      const subject = pythonImage ? `\`${ref}\` runs Python on musl libc` : `\`${ref}\` uses musl libc and installs Python with apk (line ${apkPython! + 1})`;
      let message: string;
      if (missing.length) {
        message = `${subject}, but ${list(missing)} ${missing.length === 1 ? 'publishes' : 'publish'} no musl wheels at all, so pip cannot install ${missing.length === 1 ? 'it' : 'them'} here. Use ${suggestion} (glibc).`;
      } else if (native.length) {
        message = `${subject}, and this stage installs ${list(native)}: without a matching musl wheel pip compiles ${native.length === 1 ? 'it' : 'them'} from source (slow, needs gcc and headers) or fails. Use ${suggestion}, which installs the glibc wheels as they are.`;
      } else {
        message = `${subject}: many PyPI wheels are built for glibc only, so compiled packages get built from source here. Use ${suggestion} (Debian, glibc).`;
      }
      if (slim && alpineOnly !== undefined) message += ` Switching also means rewriting the Alpine-specific commands (line ${alpineOnly + 1}) for Debian.`;
      ctx.report({
        range: image.tagRange ?? image.range,
        message,
        severity: missing.length ? 'error' : undefined,
        fixes: () => slimFix(info, image.name!, slim, image.tagRange, alpineOnly),
      });
    }
  },
});

function isPythonImage(info: ImageInfo): boolean {
  if (info.family.runtime === 'python') return true;
  return info.family.name === 'ghcr.io/astral-sh/uv' && info.parts.tokens.some(t => t.startsWith('python'));
}

/** The slim twin of a musl Python tag, for the python and uv families. */
function slimFor(info: ImageInfo): string | undefined {
  if (info.family.name === 'python') return slimTagFor(info);
  if (info.family.name === 'ghcr.io/astral-sh/uv' && info.tag) {
    const parts = info.tag.split('-');
    const i = parts.findIndex(p => /^alpine(\d+\.\d+)?$/i.test(p));
    if (i < 0 || !parts.some(p => p.toLowerCase().startsWith('python'))) return undefined;
    parts.splice(i, 1, 'bookworm', 'slim');
    return parts.join('-');
  }
  return undefined;
}

function slimFix(info: ImageInfo, name: string, slim: string | undefined, tagRange: import('../types').Range | undefined, alpineOnly: number | undefined): Fix[] {
  if (!slim || !tagRange || alpineOnly !== undefined || !info.tag) return [];
  return [{ title: `Switch to ${name}:${slim} (Debian, glibc)`, edits: [{ range: tagRange, newText: slim }], safe: false }];
}

function list(hits: PackageHit[]): string {
  const names = [...new Set(hits.map(h => h.name))];
  const shown = names.slice(0, 4).join(', ') + (names.length > 4 ? ` and ${names.length - 4} more` : '');
  const lines = [...new Set(hits.map(h => h.line + 1))];
  return `${shown} (line ${lines.slice(0, 3).join(', ')})`;
}

function* runCommands(chain: Stage[]) {
  for (const stage of chain) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const cmd of runScript(ins.node).commands) yield { ins, cmd };
    }
  }
}

/** Line of an `apk add` that installs Python, if any. */
function findApkPython(chain: Stage[]): number | undefined {
  for (const { ins, cmd } of runCommands(chain)) {
    if (commandName(cmd) !== 'apk' || !cmd.argv.includes('add')) continue;
    if (cmd.argv.some(a => /^(python3?|python3-dev|py3-[a-z0-9-]+)(=.*)?$/.test(a))) return ins.range.start.line;
  }
  return undefined;
}

function findAlpineOnly(chain: Stage[]): number | undefined {
  for (const { ins, cmd } of runCommands(chain)) if (ALPINE_ONLY.has(commandName(cmd))) return ins.range.start.line;
  return undefined;
}

function startsPython(model: DockerfileModel, chain: Stage[]): boolean {
  return chain.some(s => startArgvs(startCommands(model, s)).some(runsPython));
}

/** Python packages installed in these stages, from RUN lines and the manifests they read. */
function installedPackages(ctx: RuleContext, chain: Stage[]): { installs: boolean; hits: PackageHit[] } {
  const hits: PackageHit[] = [];
  let installs = false;
  for (const { ins, cmd } of runCommands(chain)) {
    const install = pythonInstallOf(cmd);
    if (!install) continue;
    installs = true;
    const line = ins.range.start.line;
    for (const p of install.packages) hits.push({ name: p, line });
    for (const file of install.requirementFiles) {
      const text = readFromContext(ctx, chain, ins, file);
      if (text) for (const p of requirementsFileNames(text)) hits.push({ name: p, line });
    }
    if (install.project) {
      const text = readFromContext(ctx, chain, ins, 'pyproject.toml');
      if (text) for (const p of pyprojectNames(text)) hits.push({ name: p, line });
    }
  }
  return { installs, hits };
}

/**
 * Reads a file a RUN refers to from the build context: through the COPY or bind mount that put
 * it at that path when there is one, else by the path as written, else by its base name.
 */
function readFromContext(ctx: RuleContext, chain: Stage[], run: InstructionInfo, file: string): string | undefined {
  const context = ctx.buildContext;
  if (!context) return undefined;
  const target = resolvePath(run.workdir, file);
  const candidates: string[] = [];
  for (const m of runScript(run.node).mounts) {
    const mountTarget = m.options.get('target') ?? m.options.get('dst') ?? m.options.get('destination');
    if (m.type !== 'bind' || m.options.has('from') || !mountTarget) continue;
    const abs = resolvePath(run.workdir, mountTarget);
    const source = m.options.get('source') ?? m.options.get('src') ?? '.';
    if (abs === target) candidates.push(source);
    else if (target.startsWith(abs + '/')) candidates.push(joinRel(source, target.slice(abs.length + 1)));
  }
  for (const stage of chain) {
    for (const ins of stage.instructions) {
      if (ins.index >= run.index) break;
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || flagValue(ins.node, 'from') !== undefined) continue;
      const args = ins.node.getArguments().map(a => a.getValue());
      if (args.length < 2 || args[0].startsWith('[')) continue;
      const sources = args.slice(0, -1);
      const destRaw = args[args.length - 1];
      const dest = resolvePath(ins.workdir, destRaw);
      const destIsDir = destRaw.endsWith('/') || destRaw === '.' || sources.length > 1;
      for (const src of sources) {
        const base = src.replace(/\/+$/, '').split('/').pop()!;
        if (!destIsDir && dest === target) candidates.push(src);
        else if (target === `${dest === '/' ? '' : dest}/${base}`) candidates.push(src);
        else if (target.startsWith(dest === '/' ? '/' : dest + '/') && (src === '.' || src === './')) candidates.push(target.slice(dest === '/' ? 1 : dest.length + 1));
      }
    }
  }
  candidates.push(file.replace(/^\.\//, ''), file.split('/').pop()!);
  for (const c of candidates) {
    const text = context.readText(c.replace(/^\.\//, ''));
    if (text !== undefined) return text;
  }
  return undefined;
}

function joinRel(a: string, b: string): string {
  const base = a.replace(/^\.\/?/, '').replace(/\/+$/, '');
  return base ? `${base}/${b}` : b;
}
