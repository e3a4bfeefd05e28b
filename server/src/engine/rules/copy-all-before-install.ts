import { flagValue, resolvePath, type InstructionInfo } from '../model';
import { defineRule, type RuleContext } from '../rule';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { detectInstall, requirementsIncludes, type DependencyInstall } from '../knowledge/installers';
import { wholeLines } from '../text';
import type { Fix, TextEdit } from '../types';

/** Sources that mean "the whole build context". */
const WHOLE_CONTEXT = new Set(['.', './', '*', './*']);

/** Instructions that may sit between the copy and the install without reading the copied source. */
const INERT_KEYWORDS = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'MAINTAINER', 'SHELL']);

/** System-level commands that cannot depend on the application's files. */
const SYSTEM_COMMANDS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'useradd', 'groupadd', 'adduser', 'addgroup', 'true', 'set', 'echo', 'update-ca-certificates', 'ldconfig']);

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
      'Copy only the dependency manifest first and install from it. That layer then depends on the manifest alone: it stays',
      'cached until the dependencies themselves change, and a code edit rebuilds only the final `COPY . .`.',
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
    fix: 'Copies just the manifests the install reads (with the same flags and destination), keeps the install as written, and moves the full copy after it.',
    context: { 'requirements.txt': 'flask==3.0.0\n', 'main.py': 'print("hi")\n' },
    notes: [
      'The fix is offered only when nothing between the copy and the install could need the copied source',
      '(other RUN steps that are not system package commands, COPY, ADD, WORKDIR with a relative destination, VOLUME).',
      'When the install builds the project itself (`pip install .`), the rule still fires but the fix is left to you:',
      'install the dependencies first, then copy the source and install the project.',
    ].join(' '),
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const list = stage.instructions;
      for (let i = 0; i < list.length; i++) {
        const copy = list[i];
        if (!isWholeContextCopy(copy)) continue;
        for (let j = i + 1; j < list.length; j++) {
          const run = list[j];
          if (run.keyword === 'FROM') break;
          if (run.keyword !== 'RUN') continue;
          const hit = installReadingCopiedManifests(ctx, copy, run);
          if (!hit) continue;
          const { install, manifests } = hit;
          const names = manifests.length ? manifests.map(m => `\`${m}\``).join(', ') : 'the dependency manifest';
          ctx.report({
            range: copy.range,
            message: `\`${copy.keyword} ${copyArgs(copy)}\` comes before \`${install.display}\` (line ${run.range.start.line + 1}): every source change reruns the install. Copy ${names} first, install, then copy the rest.`,
            fixes: () => reorderFix(ctx, list, i, j, install, manifests),
          });
          break;
        }
      }
    }
  },
});

function copyArgs(copy: InstructionInfo): string {
  return copy.node.getArguments().map(a => a.getValue()).join(' ');
}

function isWholeContextCopy(info: InstructionInfo): boolean {
  if (info.keyword !== 'COPY' && info.keyword !== 'ADD') return false;
  if (flagValue(info.node, 'from') !== undefined) return false;
  const args = info.node.getArguments().map(a => a.getValue());
  if (args.length < 2 || args[0].startsWith('[')) return false;
  return args.slice(0, -1).some(s => WHOLE_CONTEXT.has(s));
}

/** The install in `run` whose manifests come from the whole-context copy, with their context paths. */
function installReadingCopiedManifests(ctx: RuleContext, copy: InstructionInfo, run: InstructionInfo) {
  const args = copy.node.getArguments().map(a => a.getValue());
  const dest = resolvePath(copy.workdir, args[args.length - 1]);
  let cwd = run.workdir;
  for (const cmd of runScript(run.node).commands) {
    if (commandName(cmd) === 'cd' && cmd.argv[1]) { cwd = resolvePath(cwd, cmd.argv[1]); continue; }
    const install = detectInstall(cmd);
    if (!install) continue;
    const manifests: string[] = [];
    let fromCopy = install.needsSource;
    for (const m of install.manifests) {
      const abs = resolvePath(cwd, m);
      if (abs !== dest && !abs.startsWith(dest === '/' ? '/' : dest + '/')) continue;
      fromCopy = true;
      manifests.push(abs.slice(dest === '/' ? 1 : dest.length + 1));
    }
    if (!fromCopy) continue;
    // Requirements files may include others; the fix must copy those too.
    let needsSource = install.needsSource;
    for (const m of [...manifests]) {
      const text = ctx.buildContext?.readText(m);
      if (!text) continue;
      const inc = requirementsIncludes(text);
      if (inc.needsSource) needsSource = true;
      const base = m.includes('/') ? m.slice(0, m.lastIndexOf('/') + 1) : '';
      for (const f of inc.files) if (!manifests.includes(base + f)) manifests.push(base + f);
    }
    return { install: { ...install, needsSource }, manifests };
  }
  return undefined;
}

function reorderFix(ctx: RuleContext, list: InstructionInfo[], copyIndex: number, runIndex: number, install: DependencyInstall, manifests: string[]): Fix[] {
  if (install.needsSource || !manifests.length) return [];
  const copy = list[copyIndex];
  const run = list[runIndex];
  const args = copy.node.getArguments().map(a => a.getValue());
  const destRaw = args[args.length - 1];
  for (const between of list.slice(copyIndex + 1, runIndex)) {
    if (!isInert(between, destRaw)) return [];
  }
  // Only copy manifests that exist in the context (when we can see it), and not twice.
  const alreadyCopied = new Set(list.slice(0, copyIndex).flatMap(c => (c.keyword === 'COPY' || c.keyword === 'ADD') ? c.node.getArguments().slice(0, -1).map(a => a.getValue().replace(/^\.\//, '')) : []));
  const toCopy = manifests.filter(m => !alreadyCopied.has(m) && (ctx.buildContext?.exists(m) ?? true));
  if (manifests.some(m => ctx.buildContext && !ctx.buildContext.exists(m) && !alreadyCopied.has(m))) return [];

  const lines = ctx.model.lines;
  const eol = lines.eol;
  const indent = /^\s*/.exec(lines.lineText(copy.range.start.line))![0];
  const keywordText = copy.node.getKeyword();
  const flags = (copy.node as unknown as { getFlags(): { toString(): string }[] }).getFlags().map(f => f.toString());
  const dest = destRaw === '.' || destRaw.endsWith('/') ? destRaw : destRaw + '/';
  const manifestCopy = toCopy.length ? `${indent}${[keywordText, ...flags, ...toCopy, dest].join(' ')}${eol}` : '';

  // Comments directly above the full copy describe it, so they move with it.
  let first = copy.range.start.line;
  while (first > 0 && /^\s*#/.test(lines.lineText(first - 1)) && (copyIndex === 0 || first - 1 > list[copyIndex - 1].range.end.line)) first--;
  const moved = lines.textOf(wholeLines(lines, first, copy.range.end.line));
  const runEnd = run.range.end.line;
  const runHasBreak = lines.nextLineStart(runEnd) > lines.lineEnd(runEnd);
  const insertAt = lines.positionAt(lines.nextLineStart(runEnd));
  const edits: TextEdit[] = [
    { range: wholeLines(lines, first, copy.range.end.line), newText: manifestCopy },
    { range: { start: insertAt, end: insertAt }, newText: runHasBreak ? moved : eol + moved.replace(/\r?\n$/, '') },
  ];
  const what = toCopy.length ? toCopy.join(', ') : 'the manifests';
  return [{ title: `Copy ${what} first and move \`${keywordText} ${copyArgs(copy)}\` after the install`, edits, safe: true }];
}

function isInert(info: InstructionInfo, copyDest: string): boolean {
  if (INERT_KEYWORDS.has(info.keyword)) return true;
  if (info.keyword === 'WORKDIR') return copyDest.startsWith('/');
  if (info.keyword !== 'RUN') return false;
  return runScript(info.node).commands.every(c => {
    const name = commandName(c);
    if (SYSTEM_COMMANDS.has(name)) return true;
    // Removing or creating absolute paths (apt lists, app folders) does not read the source.
    if ((name === 'rm' || name === 'mkdir' || name === 'chown' || name === 'chmod') && c.argv.slice(1).every(a => a.startsWith('-') || a.startsWith('/'))) return true;
    return false;
  });
}
