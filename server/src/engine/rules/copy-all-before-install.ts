import type { Instruction } from 'dockerfile-ast';
import { flagsOf, flagValue, resolvePath, type InstructionInfo, type Stage } from '../model';
import { defineRule, type RuleContext } from '../rule';
import { runScript } from '../run';
import { commandName, type ShellCommand } from '../shell/commands';
import { describeInstallers, detectInstall, lockfileRewriteAdvice, toolCommand, type DependencyInstall, type ManifestFiles } from '../knowledge/installers';
import { wholeLines } from '../text';
import type { Fix, TextEdit } from '../types';

/** Sources that mean "the whole build context". */
const WHOLE_CONTEXT = new Set(['.', './', '*', './*']);

/** Instructions that may sit between the copy and the install without reading the copied source. */
const INERT_KEYWORDS = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'MAINTAINER', 'SHELL']);

/** Commands that cannot depend on the application's files. */
const SYSTEM_COMMANDS = new Set([
  'apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'tdnf', 'useradd', 'groupadd', 'adduser', 'addgroup', 'usermod',
  'true', ':', 'set', 'export', 'echo', 'printf', 'update-ca-certificates', 'ldconfig', 'curl', 'wget', 'corepack', 'rustup',
  'locale-gen', 'dpkg-reconfigure', 'update-alternatives', 'sleep', 'which', 'id', 'whoami', 'uname', 'nproc',
]);
/** File commands that are harmless when every path they touch is outside the copied folder. */
const FILE_COMMANDS = new Set(['rm', 'mkdir', 'chown', 'chmod', 'ln', 'touch', 'mv', 'cp', 'tar', 'unzip']);
/** Tool subcommands that configure the tool or clean its caches. */
const TOOL_HOUSEKEEPING: Record<string, RegExp> = {
  npm: /^(config|cache)$/, yarn: /^(config|cache)$/, pnpm: /^(config|store|setup)$/, pip: /^(config|cache)$/, uv: /^(cache|python|venv|tool)$/,
  poetry: /^(config|self)$/, conda: /^(config|clean|init)$/, bundle: /^config$/, gem: /^(install|update|sources)$/,
  composer: /^(config|clear-cache|global|self-update)$/, go: /^env$/, cargo: /^(install)$/,
};

export default defineRule({
  id: 'copy-all-before-install',
  aliases: [],
  category: 'caching',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'The whole build context is copied before dependencies are installed, so every code change reinstalls them.',
    why: [
      'Docker reuses a cached layer only while everything that layer was built from is unchanged. `COPY . .` builds its layer',
      'from every file in the context, so editing any source file makes it new, and every instruction after it runs again,',
      'including the slow dependency install.',
      '',
      'Copy only the dependency manifests (and lockfiles) first and install from them. That layer then depends on the manifests',
      'alone: it stays cached until the dependencies themselves change, and a code edit rebuilds only what follows `COPY . .`.',
      '',
      'Some installs also build the project itself (`pip install .`, `poetry install`, `uv sync`, `go build`). Split them in',
      'two: install the dependencies alone from the manifests, then copy the source and run the original command, which',
      'then only has the project left to do.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    fix: [
      'When the install reads only manifests: copies exactly the manifests it reads that exist in the build context (with the',
      'same flags and destination), keeps the install as written, and moves the full copy after it. This fix is safe.',
      'When the install also needs the source and a dependencies-only form exists (`uv sync --no-install-project`,',
      '`poetry install --no-root`, `go mod download`, …): copies the manifests, adds that dependencies-only step, then the',
      'full copy and the original command. This one is offered but never applied automatically.',
    ].join(' '),
    context: { 'requirements.txt': 'flask==3.0.0\n', 'main.py': 'print("hi")\n' },
    notes: [
      'The fix copies only manifests that exist in the build context and are not excluded by `.dockerignore`. Without a build',
      'context (an unsaved file, a piped Dockerfile, `ONBUILD`), it is offered only for manifests named in the command itself',
      '(`-r requirements.txt`, `-f environment.yml`), and not applied automatically; for tools whose lockfiles are implied',
      '(npm, Go, Cargo, …) no fix is offered, because copying a lockfile that does not exist would break the build.',
      '',
      'No fix is offered when something between the copy and the install, or in the same RUN, may need the source',
      '(a script, a COPY or ADD into the copied folder, a relative WORKDIR, VOLUME). If the install creates a folder that',
      'also exists in the context and is not in `.dockerignore` (`node_modules`, `.venv`, `vendor`), the moved `COPY . .`',
      'would land on top of it, so the fix is offered but not applied automatically: add that folder to `.dockerignore`.',
      '',
      'Not reported: manifests provided by a `RUN --mount=type=bind` (nothing is copied), a project install after an',
      'earlier dependencies-only install of the same ecosystem in the stage (the recommended two-step layout), `cargo chef',
      'prepare` (a planner stage reads everything on purpose), vendored Go modules, and `go build` / `cargo build` whose',
      'RUN mounts a cache over the module or registry cache.',
      '',
      'Ecosystems:',
      '',
      describeInstallers(),
    ].join('\n'),
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const list = stage.instructions.map(unwrap);
      for (let i = 0; i < list.length; i++) {
        const copy = list[i];
        if (!isWholeContextCopy(copy)) continue;
        for (let j = i + 1; j < list.length; j++) {
          const step = list[j];
          if (step.onbuild !== copy.onbuild) continue;
          if (isWholeContextCopy(step)) break; // a later full copy is the one to move
          if (step.keyword !== 'RUN') continue;
          const found = analyseRun(ctx, stage, list, i, j);
          if (!found) continue;
          ctx.report({ range: copy.info.range, message: found.message, fixes: found.fixes });
          break;
        }
      }
    }
  },
});

/** An instruction, or the instruction an ONBUILD wraps. */
interface Step {
  info: InstructionInfo;
  keyword: string;
  node: Instruction;
  onbuild: boolean;
}

function unwrap(info: InstructionInfo): Step {
  if (info.keyword === 'ONBUILD') {
    const trigger = (info.node as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
    if (trigger) return { info, keyword: trigger.getKeyword().toUpperCase(), node: trigger, onbuild: true };
  }
  return { info, keyword: info.keyword, node: info.node, onbuild: false };
}

function argsOf(step: Step): string[] {
  return step.node.getArguments().map(a => a.getValue());
}

function isWholeContextCopy(step: Step): boolean {
  if (step.keyword !== 'COPY' && step.keyword !== 'ADD') return false;
  if (flagValue(step.node, 'from') !== undefined) return false;
  const args = argsOf(step);
  if (args.length < 2 || args[0].startsWith('[') || args[0].startsWith('<<')) return false;
  return args.slice(0, -1).some(s => WHOLE_CONTEXT.has(s));
}

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : dir + '/');
}

/** Top-level folders of a Linux image: a context copied to `/` is not where they come from. */
const SYSTEM_DIRS = new Set(['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib32', 'lib64', 'libx32', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']);

/** Whether a command touching `abs` may be touching what the full copy brought in. */
function inCopiedTree(abs: string, dest: string): boolean {
  if (!isUnder(abs, dest)) return false;
  return dest !== '/' || !SYSTEM_DIRS.has(abs.split('/')[1] ?? '');
}

interface Found { message: string; fixes: () => Fix[] }

interface InstallAt {
  install: DependencyInstall;
  shell: ShellCommand;
  /** Working directory of the shell when the command runs. */
  cwd: string;
  /** Directory the tool works in (cwd plus `--prefix`/`-C`). */
  toolDir: string;
  /** Context paths of the manifests to copy, or why they cannot be listed. */
  toCopy: { files: string[]; dirs: string[]; blocked?: string };
  /** Context folders the install creates that the moved copy would overwrite. */
  clobbered: string[];
}

/** The finding for the installs in `list[j]` that read what the full copy at `list[i]` brought in. */
function analyseRun(ctx: RuleContext, stage: Stage, list: Step[], i: number, j: number): Found | undefined {
  const copy = list[i];
  const run = list[j];
  const copyArgs = argsOf(copy);
  const destRaw = copyArgs[copyArgs.length - 1];
  const dest = resolvePath(copy.info.workdir, destRaw);
  const script = runScript(run.node);
  const bindTargets = script.mounts
    .filter(m => m.type === 'bind')
    .map(m => resolvePath(run.info.workdir, m.options.get('target') ?? m.options.get('dst') ?? m.options.get('destination') ?? '/'));
  // The child image's context is unknown to ONBUILD instructions.
  const context = copy.onbuild ? undefined : ctx.buildContext;
  const ignored = (p: string) => !!context?.isIgnored(p);

  /** Context path of an absolute path that the full copy brought in; undefined when it came from elsewhere. */
  const fromCopy = (abs: string): string | undefined => {
    if (!isUnder(abs, dest) || bindTargets.some(t => isUnder(abs, t))) return undefined;
    return abs === dest ? '.' : abs.slice(dest === '/' ? 1 : dest.length + 1);
  };

  const installs: InstallAt[] = [];
  const others: { cmd: ShellCommand; cwd: string }[] = [];
  let cwd = run.info.workdir;
  for (const cmd of script.commands) {
    if (commandName(cmd) === 'cd') {
      others.push({ cmd, cwd });
      cwd = resolvePath(cwd, cmd.argv[1] ?? '/root');
      continue;
    }
    const detected = detectInstall(cmd);
    if (!detected) { others.push({ cmd, cwd }); continue; }
    const toolDir = resolvePath(cwd, detected.dir);
    const files: ManifestFiles = {
      read: p => { const c = fromCopy(resolvePath(toolDir, p)); return c === undefined || !context || ignored(c) ? undefined : context.readText(c); },
      exists: p => { const c = fromCopy(resolvePath(toolDir, p)); return c !== undefined && !!context && !ignored(c) && context.exists(c); },
    };
    const install = context && detected.detector.inspect ? detected.detector.inspect(detected, files) : detected;
    if (!install) continue;
    const at = placeInstall(install, cmd, cwd, toolDir, fromCopy, context, ignored);
    if (at) installs.push(at);
    else others.push({ cmd, cwd });
  }
  if (!installs.length) return undefined;

  const needsSource = installs.filter(a => a.install.needsSource);
  // The recommended layout: dependencies installed earlier in the stage, then the project after the full copy.
  if (needsSource.length && needsSource.every(a => earlierDependencyInstall(stage, list, i, a.install.detector.ecosystem, copy.onbuild))) return undefined;
  // A compile whose RUN caches the module downloads loses little by running after the copy.
  if (needsSource.length && needsSource.every(a => cachesDownloads(a.install, script.mounts))) return undefined;

  const primary = needsSource[0] ?? installs[0];
  const where = `\`${copy.keyword} ${copyArgs.join(' ')}\` comes before \`${primary.install.display}\` (line ${run.info.range.start.line + 1})`;
  const manifestsText = describeToCopy(installs);

  if (!needsSource.length) {
    const blocked = copyBlocker(list, i, installs) ?? betweenBlocker(list, i, j, dest, destRaw) ?? sameRunBlocker(installs, others, dest);
    const message = `${where}: every source change reruns the install. Copy ${manifestsText} first, install, then copy the rest.${blocked ? ` (No automatic fix: ${blocked}.)` : ''}`;
    return { message, fixes: () => blocked ? [] : reorderFix(ctx, list, i, j, installs, !!context) };
  }

  const reason = primary.install.sourceReason ?? 'it needs the project\'s source';
  const plan = depsOnlyPlan(run, script.commands, installs);
  if ('none' in plan) {
    const advice = primary.install.detector.advice;
    const why = plan.none && plan.none !== reason ? plan.none : undefined;
    const text = `${where}, and ${reason}: every source change reinstalls all dependencies.${advice ? ` To cache them, ${advice}.` : ` Install the dependencies from ${manifestsText} first, then copy the rest.`}${why ? ` (No automatic fix: ${why}.)` : ''}`;
    return { message: text, fixes: () => [] };
  }
  const blocked = plan.blocked ?? copyBlocker(list, i, installs) ?? betweenBlocker(list, i, j, dest, destRaw)
    ?? (plan.needsCd && list.slice(0, j).some(s => s.keyword === 'SHELL') ? 'the stage uses a custom SHELL' : undefined);
  const message = `${where}, and ${reason}: every source change reinstalls all dependencies. First copy ${manifestsText} and run \`${plan.display}\`; then copy the rest and run the original command.${blocked ? ` (No automatic fix: ${blocked}.)` : ''}`;
  return { message, fixes: () => blocked || !plan.text ? [] : twoStepFix(ctx, list, i, j, installs, plan.text) };
}

/** Where an install's manifests come from; undefined when it does not read what the copy brought in. */
function placeInstall(
  install: DependencyInstall, shell: ShellCommand, cwd: string, toolDir: string,
  fromCopy: (abs: string) => string | undefined,
  context: RuleContext['buildContext'], ignored: (p: string) => boolean,
): InstallAt | undefined {
  const files: string[] = [];
  const dirs: string[] = [];
  let blocked: string | undefined;
  let reads = install.needsSource && fromCopy(toolDir) !== undefined;
  for (const ref of install.manifests) {
    const paths = ref.names.map(n => ({ name: n, ctxPath: fromCopy(resolvePath(toolDir, n)) }));
    const copied = paths.filter(p => p.ctxPath !== undefined);
    if (!copied.length) continue;
    if (!context) {
      // Without the context only what the command names itself can be copied.
      if (ref.explicit) { files.push(...copied.map(p => p.ctxPath!)); reads = true; }
      else if (ref.required) { reads = true; blocked ??= 'the build context is not known, so which lockfiles exist is not either'; }
      continue;
    }
    const present = copied.filter(p => context.exists(p.ctxPath!) && !ignored(p.ctxPath!));
    if (ref.required && !present.length) {
      // An implied manifest missing from the context: this install does not read it from the copy.
      if (!ref.explicit) return undefined;
      reads = true;
      blocked ??= `\`${copied[0].ctxPath}\` is not in the build context`;
      continue;
    }
    if (ref.required) reads = true;
    for (const p of present) (ref.dir ? dirs : files).push(p.ctxPath!);
  }
  if (!reads) return undefined;
  const clobbered = context ? install.outputs.map(o => fromCopy(resolvePath(toolDir, o))).filter((p): p is string => p !== undefined && context.exists(p) && !ignored(p)) : [];
  return { install, shell, cwd, toolDir, toCopy: { files: unique(files), dirs: unique(dirs), blocked }, clobbered };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function describeToCopy(installs: InstallAt[]): string {
  const listed = unique(installs.flatMap(a => [...a.toCopy.files, ...a.toCopy.dirs]));
  if (listed.length && installs.every(a => !a.toCopy.blocked)) return listed.map(f => `\`${f}\``).join(', ');
  // Without the context: the manifests by name, lockfiles as "when present".
  const required = unique(installs.flatMap(a => a.install.manifests.filter(m => m.required).map(m => m.names.map(n => `\`${n}\``).join(' or '))));
  const optional = unique(installs.flatMap(a => a.install.manifests.filter(m => !m.required).flatMap(m => m.names.map(n => `\`${n}\``))));
  return `${required.join(', ') || 'the dependency manifests'}${optional.length ? ` (and ${optional.join(', ')} if you have them)` : ''}`;
}

/**
 * An install of the same ecosystem before the copy (here or in a parent stage). Whatever it was
 * (`gradle downloadRepos`, `uv sync --no-install-project`), it ran without the source, so it is
 * the dependency step the recommended layout asks for.
 */
function earlierDependencyInstall(stage: Stage, list: Step[], copyIndex: number, ecosystem: string, onbuild: boolean): boolean {
  const earlier: Step[] = list.slice(0, copyIndex).filter(s => s.onbuild === onbuild);
  for (let parent = stage.image.stage; parent && !onbuild; parent = parent.image.stage) earlier.push(...parent.instructions.map(unwrap));
  return earlier.some(s => s.keyword === 'RUN' && runScript(s.node).commands.some(c => detectInstall(c)?.detector.ecosystem === ecosystem));
}

function cachesDownloads(install: DependencyInstall, mounts: ReturnType<typeof runScript>['mounts']): boolean {
  const eco = install.detector.ecosystem;
  if (eco !== 'go' && eco !== 'rust') return false;
  return mounts.some(m => m.type === 'cache' && (eco === 'go'
    ? /(^|\/)pkg\/mod\/?$|^\/(root\/)?go\/?$/.test(m.options.get('target') ?? m.options.get('dst') ?? '')
    : /cargo\/(registry|git)\/?$|\/\.?cargo\/?$/.test(m.options.get('target') ?? m.options.get('dst') ?? '')));
}

// ---------------------------------------------------------------------------
// What may stay where it is when the copy moves

/** A command that neither reads the copied source nor writes into the copied folder. */
function isInertCommand(cmd: ShellCommand, cwd: string, dest: string): boolean {
  const name = commandName(cmd);
  if (!name) return true;
  if (SYSTEM_COMMANDS.has(name)) return true;
  if (FILE_COMMANDS.has(name)) {
    return cmd.argv.slice(1).filter(a => !a.startsWith('-')).every(a => /^(~|\$HOME|\$\{HOME\})(\/|$)/.test(a) || !inCopiedTree(resolvePath(cwd, a), dest));
  }
  // `curl … | sh -s --`, `| python3 -`: a script read from a download.
  if (/^(sh|bash|dash|ash|python\d*(\.\d+)?)$/.test(name) && cmd.argv.slice(1).every(a => a === '-' || a === '-s' || a === '--' || a.startsWith('-'))) return true;
  const tool = toolCommand(cmd);
  if (!tool) return true;
  const sub = tool.args[0] ?? '';
  if (TOOL_HOUSEKEEPING[tool.name]?.test(sub)) {
    if (tool.name === 'cargo') return !tool.args.includes('--path');
    return true;
  }
  // Global tool installs (`npm install -g pnpm`, `yarn global add`, `pip install --upgrade pip`).
  if ((tool.name === 'npm' || tool.name === 'pnpm') && (tool.args.includes('-g') || tool.args.includes('--global'))) return tool.args.slice(1).some(a => !a.startsWith('-'));
  if (tool.name === 'yarn' && sub === 'global') return true;
  if (tool.name === 'go' && sub === 'install') return tool.args.slice(1).some(a => a.includes('@'));
  if (tool.name === 'pip' || (tool.name === 'uv' && sub === 'pip')) return !detectInstall(cmd) && !tool.args.some(a => /^(-r|-c|-e|--requirement|--constraint|--editable)/.test(a));
  if (/^python\d*(\.\d+)?$/.test(tool.name) && tool.args[0] === '-m' && tool.args[1] === 'venv') {
    const target = tool.args.slice(2).filter(a => !a.startsWith('-'))[0];
    return target !== undefined && !inCopiedTree(resolvePath(cwd, target), dest);
  }
  return false;
}

/** An instruction between the copy and the install that does not care whether the source is there yet. */
function isInertStep(step: Step, copy: Step, dest: string, destRaw: string): boolean {
  if (step.onbuild !== copy.onbuild) return true; // runs in another build
  if (INERT_KEYWORDS.has(step.keyword)) return true;
  if (step.keyword === 'WORKDIR') return destRaw.startsWith('/');
  if (step.keyword === 'COPY' || step.keyword === 'ADD') {
    // Files from another stage or a URL, into a folder the full copy does not touch.
    const args = argsOf(step);
    const fromElsewhere = flagValue(step.node, 'from') !== undefined || args.slice(0, -1).every(a => /^[a-z]+:\/\//i.test(a));
    return fromElsewhere && !inCopiedTree(resolvePath(step.info.workdir, args[args.length - 1] ?? '.'), dest);
  }
  if (step.keyword !== 'RUN') return false;
  let cwd = step.info.workdir;
  return runScript(step.node).commands.every(c => {
    if (commandName(c) === 'cd') { cwd = resolvePath(cwd, c.argv[1] ?? '/root'); return true; }
    return isInertCommand(c, cwd, dest);
  });
}

function betweenBlocker(list: Step[], i: number, j: number, dest: string, destRaw: string): string | undefined {
  for (const between of list.slice(i + 1, j)) {
    if (!isInertStep(between, list[i], dest, destRaw)) return `line ${between.info.range.start.line + 1} (\`${between.keyword}\`) may need the copied files`;
  }
  return undefined;
}

function copyBlocker(list: Step[], i: number, installs: InstallAt[]): string | undefined {
  const copy = list[i];
  if (flagsOf(copy.node).some(f => f.getName().toLowerCase() === 'parents')) return '`--parents` changes where the files land';
  const blocked = installs.find(a => a.toCopy.blocked);
  if (blocked) return blocked.toCopy.blocked;
  if (installs.some(a => [...a.toCopy.files, ...a.toCopy.dirs].some(f => /\s/.test(f)))) return 'a manifest path has spaces';
  return undefined;
}

/** Commands in the same RUN also run before the source arrives once the copy moves after it. */
function sameRunBlocker(installs: InstallAt[], others: { cmd: ShellCommand; cwd: string }[], dest: string): string | undefined {
  const dirs = installs.flatMap(a => [a.toolDir, ...a.toCopy.files.map(f => resolvePath(dest, f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '.'))]);
  for (const o of others) {
    if (commandName(o.cmd) === 'cd') {
      const target = resolvePath(o.cwd, o.cmd.argv[1] ?? '/root');
      if (!isUnder(target, dest) || dirs.some(d => isUnder(d, target))) continue;
      return `\`cd ${o.cmd.argv[1]}\` needs a folder that only the full copy creates`;
    }
    if (!isInertCommand(o.cmd, o.cwd, dest)) return `\`${o.cmd.argv.join(' ')}\` in the same RUN may need the source`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Fixes

/**
 * A word as shell text, or undefined when it cannot be written back without possibly changing
 * its meaning: with `$` we cannot know whether the original was quoted (word splitting differs).
 */
function shellWord(w: string): string | undefined {
  if (/^[A-Za-z0-9_@%+=:,./~^-]+$/.test(w)) return w;
  if (/^[^'`\\$]*$/.test(w)) return `'${w}'`;
  return undefined;
}

/** Simple commands that may run again, before the copy, as part of the dependencies-only RUN. */
function isRepeatableSetup(cmd: ShellCommand): boolean {
  const name = commandName(cmd);
  if (['export', 'corepack', 'apt-get', 'apk', 'yum', 'dnf', 'microdnf', 'zypper'].includes(name)) return true;
  const tool = toolCommand(cmd);
  if (!tool) return false;
  const sub = tool.args[0] ?? '';
  if (tool.name === 'pip' || (tool.name === 'uv' && sub === 'pip')) return !detectInstall(cmd) && !tool.args.some(a => /^(-r|-c|-e|--requirement|--constraint|--editable)/.test(a));
  if (tool.name === 'npm' || tool.name === 'pnpm') return (tool.args.includes('-g') || tool.args.includes('--global')) && tool.args.slice(1).some(a => !a.startsWith('-'));
  if (tool.name === 'gem') return sub === 'install';
  if (tool.name === 'go') return sub === 'install' && tool.args.slice(1).some(a => a.includes('@'));
  if (tool.name === 'cargo') return sub === 'install' && !tool.args.includes('--path');
  return false;
}

type Plan = { none: string | undefined } | { display: string; text?: string; blocked?: string; needsCd: boolean };

/**
 * The dependencies-only RUN for the installs of a RUN: the commands before the last install that may safely
 * run twice, each install that needs the source replaced by its dependencies-only form, in order.
 */
function depsOnlyPlan(run: Step, commands: ShellCommand[], installs: InstallAt[]): Plan {
  const byShell = new Map(installs.map(a => [a.shell, a]));
  const lastInstall = Math.max(...installs.map(a => commands.indexOf(a.shell)));
  const parts: { words: string[]; cwd: string }[] = [];
  let blocked: string | undefined;
  let cwd = run.info.workdir;
  for (let k = 0; k <= lastInstall; k++) {
    const cmd = commands[k];
    const name = commandName(cmd);
    if (name === 'cd') { cwd = resolvePath(cwd, cmd.argv[1] ?? '/root'); continue; }
    if (name === 'set') continue;
    const a = byShell.get(cmd);
    if (!a) {
      if (isRepeatableSetup(cmd)) parts.push({ words: [...cmd.assignments, ...cmd.argv], cwd });
      else blocked ??= `\`${cmd.argv.join(' ')}\` in the same RUN would have to run first too`;
      continue;
    }
    if (!a.install.needsSource) { parts.push({ words: [...cmd.assignments, ...cmd.argv], cwd }); continue; }
    if (!a.install.depsOnlyArgs) {
      // `pip install -r requirements.txt && pip install -e .`: the first command already is the dependency step.
      if (installs.some(b => b !== a && !b.install.needsSource && b.install.detector.ecosystem === a.install.detector.ecosystem)) continue;
      return { none: a.install.noDepsOnlyReason };
    }
    const c = a.install.command;
    parts.push({ words: [...c.assignments, ...c.head, ...a.install.depsOnlyArgs], cwd });
  }
  const texts: string[] = [];
  let at = run.info.workdir;
  let needsCd = false;
  for (const p of parts) {
    const words = p.words.map(shellWord);
    if (words.some(w => w === undefined)) { blocked ??= 'the command has quoting this fix cannot reproduce exactly'; }
    if (p.cwd !== at) {
      const rel = isUnder(p.cwd, run.info.workdir) && p.cwd !== run.info.workdir ? p.cwd.slice(run.info.workdir === '/' ? 1 : run.info.workdir.length + 1) : p.cwd;
      texts.push(`cd ${shellWord(rel) ?? rel}`);
      at = p.cwd;
      needsCd = true;
    }
    const text = words.map((w, k) => w ?? p.words[k]).join(' ');
    if (!texts.includes(text)) texts.push(text);
  }
  const display = texts.join(' && ');
  const single = parts.length === 1 && !needsCd && parts[0].words.every(w => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  const text = runScript(run.node).form === 'exec' && single ? JSON.stringify(parts[0].words).replace(/","/g, '", "') : display;
  return { display, text: blocked ? undefined : text, blocked, needsCd };
}

interface Layout {
  indent: string;
  eol: string;
  prefix: string;
  /** First line of the copy, including the comments directly above it that move with it. */
  copyFirst: number;
  moved: string;
  manifestCopies: string;
}

function layout(ctx: RuleContext, list: Step[], i: number, installs: InstallAt[]): Layout {
  const copy = list[i];
  const lines = ctx.model.lines;
  const eol = lines.eol;
  const args = argsOf(copy);
  const destRaw = args[args.length - 1];
  const indent = /^\s*/.exec(lines.lineText(copy.info.range.start.line))![0];
  const prefix = copy.onbuild ? `${copy.info.node.getInstruction()} ` : '';
  const flagList = flagsOf(copy.node);
  const flags = flagList.map(f => f.toString());
  // Manifests are plain files: `ADD` does nothing more than `COPY` for them, so write the clearer one.
  const written = copy.node.getInstruction();
  const addOnly = flagList.some(f => ['checksum', 'keep-git-dir', 'unpack'].includes(f.getName().toLowerCase()));
  const keywordText = copy.keyword === 'ADD' && !addOnly ? (written === written.toLowerCase() ? 'copy' : 'COPY') : written;

  // Manifests already copied on their own earlier in the stage are not copied twice.
  const already = new Set(list.slice(0, i).filter(s => (s.keyword === 'COPY' || s.keyword === 'ADD') && flagValue(s.node, 'from') === undefined && s.onbuild === copy.onbuild)
    .flatMap(s => argsOf(s).slice(0, -1).map(a => a.replace(/^\.\//, ''))));
  const files = unique(installs.flatMap(a => a.toCopy.files)).filter(f => !already.has(f));
  const dirs = unique(installs.flatMap(a => a.toCopy.dirs)).filter(f => !already.has(f));

  const destFor = (sub: string): string => {
    if (!sub) return destRaw === '.' || destRaw.endsWith('/') ? destRaw : destRaw + '/';
    const base = destRaw === '.' ? '' : destRaw.endsWith('/') ? destRaw : destRaw + '/';
    return `${base}${sub}/`;
  };
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const d = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    byDir.set(d, [...(byDir.get(d) ?? []), f]);
  }
  // Several sources need a destination ending in `/`: BuildKit accepts `.`, the classic builder does not.
  const lineFor = (sources: string[], target: string) => `${indent}${prefix}${[keywordText, ...flags, ...sources, sources.length > 1 && target === '.' ? './' : target].join(' ')}${eol}`;
  const manifestCopies = [...byDir].map(([d, fs]) => lineFor(fs, destFor(d))).join('') + dirs.map(d => lineFor([d], destFor(d))).join('');
  
  // Comments directly above the full copy describe it, so they move with it.
  let copyFirst = copy.info.range.start.line;
  const previousEnd = i > 0 ? list[i - 1].info.range.end.line : -1;
  while (copyFirst > 0 && copyFirst - 1 > previousEnd && /^\s*#/.test(lines.lineText(copyFirst - 1))) copyFirst--;
  const moved = lines.textOf(wholeLines(lines, copyFirst, copy.info.range.end.line));
  return { indent, eol, prefix, copyFirst, moved, manifestCopies };
}

function reorderFix(ctx: RuleContext, list: Step[], i: number, j: number, installs: InstallAt[], contextKnown: boolean): Fix[] {
  const copy = list[i];
  const run = list[j];
  const lines = ctx.model.lines;
  const l = layout(ctx, list, i, installs);
  const runEnd = run.info.range.end.line;
  const runHasBreak = lines.nextLineStart(runEnd) > lines.lineEnd(runEnd);
  const insertAt = lines.positionAt(lines.nextLineStart(runEnd));
  const edits: TextEdit[] = [
    { range: wholeLines(lines, l.copyFirst, copy.info.range.end.line), newText: l.manifestCopies },
    { range: { start: insertAt, end: insertAt }, newText: runHasBreak ? l.moved : l.eol + l.moved.replace(/\r?\n$/, '') },
  ];
  const listed = unique(installs.flatMap(a => [...a.toCopy.files, ...a.toCopy.dirs]));
  const clobbered = unique(installs.flatMap(a => a.clobbered));
  const what = listed.length ? listed.join(', ') : 'the manifests';
  // An install that may rewrite its lockfile would see that rewrite undone by the moved copy.
  const rewrites = installs.map(a => lockfileRewriteAdvice(a.install.command)).filter((x): x is string => !!x);
  const caveats = [
    clobbered.length ? `add ${clobbered.join(', ')} to .dockerignore` : '',
    rewrites.length ? `the install may rewrite its lockfile: prefer ${rewrites[0]}` : '',
  ].filter(Boolean);
  const title = `Copy ${what} first and move \`${copy.keyword} ${argsOf(copy).join(' ')}\` after the install${caveats.length ? ` (${caveats.join('; ')})` : ''}`;
  return [{ title, edits, safe: contextKnown && !copy.onbuild && !clobbered.length && !rewrites.length }];
}

function twoStepFix(ctx: RuleContext, list: Step[], i: number, j: number, installs: InstallAt[], depsText: string): Fix[] {
  const copy = list[i];
  const run = list[j];
  const lines = ctx.model.lines;
  const l = layout(ctx, list, i, installs);
  const runFlags = flagsOf(run.node).map(f => f.toString());
  const runKeyword = run.node.getInstruction();
  const depsRun = `${l.indent}${l.prefix}${[runKeyword, ...runFlags, depsText].join(' ')}${l.eol}`;
  const moved = l.moved.endsWith('\n') ? l.moved : l.moved + l.eol;
  // Before the RUN, and before the comments that describe it.
  let runFirst = run.info.range.start.line;
  const previousEnd = list[j - 1].info.range.end.line;
  while (runFirst - 1 > previousEnd && /^\s*#/.test(lines.lineText(runFirst - 1))) runFirst--;
  const insertAt = { line: runFirst, character: 0 };
  const edits: TextEdit[] = [
    { range: wholeLines(lines, l.copyFirst, copy.info.range.end.line), newText: l.manifestCopies },
    { range: { start: insertAt, end: insertAt }, newText: depsRun + moved },
  ];
  const listed = unique(installs.flatMap(a => [...a.toCopy.files, ...a.toCopy.dirs]));
  return [{ title: `Install dependencies first: copy ${listed.join(', ')}, run \`${depsText}\`, then copy the rest`, edits, safe: false }];
}
