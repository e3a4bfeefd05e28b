import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from '../model';
import { DockerfileModel as Model } from '../model';
import { runScript, type RunScript } from '../run';
import { commandName, parseShellCommands, type ShellCommand } from '../shell/commands';
import { parseShell } from '../shell/parse';
import { PerCommand } from '../shell/per-command';
import { rangeOf } from '../text';
import type { RuleContext } from '../rule';
import type { Fix, Range, TextEdit } from '../types';
import { execForm, sourceScript, unwrapCommand, type SourceCommand, type SourceScript } from './shell-source';
import { ancestry, baseStages, lintStages, runSites, variablesAt, type RunSite } from './stages';

/**
 * Every simple command of every RUN (ONBUILD RUN triggers included), with what the rules
 * about package managers and downloads need around it: the stage and whether it ships, the
 * source position of each word (for ranges and flag insertions), and the pipeline it is in.
 * Built once per model and shared by those rules.
 */
export interface CommandSite {
  stage: Stage;
  site: RunSite;
  /** The stage ends up in the final image (final stage, or a stage another is built `FROM`). */
  shipped: boolean;
  script: RunScript;
  /** Index of the command in `script.commands`. */
  index: number;
  cmd: ShellCommand;
  /** Document offsets of each `argv` word, when they could be located. */
  words?: { start: number; end: number }[];
  /** Offset of the command's first token (an assignment or the name), when known. */
  start?: number;
  /** How a new argument is written into this RUN: `shell` words or `exec` JSON strings. */
  form?: 'shell' | 'exec';
}

interface SiteData { commands: CommandSite[]; source?: SourceScript }

const cache = new WeakMap<DockerfileModel, CommandSite[]>();
const sourceCache = new WeakMap<Instruction, SourceScript | null>();

/**
 * `sourceScript` of an instruction (positions checked against `runScript`), computed once per
 * parse: several rules and `commandSites` ask for the same RUN. Shared: callers must not change it.
 */
export function sourceOf(model: DockerfileModel, node: Instruction): SourceScript | undefined {
  let src = sourceCache.get(node);
  if (src === undefined) {
    src = sourceScript(model, node) ?? null;
    sourceCache.set(node, src);
  }
  return src ?? undefined;
}

const unverifiedCache = new WeakMap<Instruction, SourceScript | null>();

/** `sourceScript(model, node, false)` (positions not checked against `runScript`), computed once per parse. */
export function sourceOfUnverified(model: DockerfileModel, node: Instruction): SourceScript | undefined {
  // A checked script is the unchecked one that passed the check.
  const checked = sourceCache.get(node);
  if (checked) return checked;
  let src = unverifiedCache.get(node);
  if (src === undefined) {
    src = sourceScript(model, node, false) ?? null;
    unverifiedCache.set(node, src);
  }
  return src ?? undefined;
}

export function commandSites(model: DockerfileModel): CommandSite[] {
  let all = cache.get(model);
  if (!all) {
    all = [];
    const bases = baseStages(model);
    for (const stage of lintStages(model)) {
      const shipped = stage.isFinal || bases.has(stage);
      for (const site of runSites(stage)) all.push(...siteCommands(model, stage, site, shipped).commands);
    }
    cache.set(model, all);
  }
  return all;
}

/** The command sites of one RUN (or ONBUILD RUN). */
export function commandsOfSite(model: DockerfileModel, site: RunSite): CommandSite[] {
  return commandSites(model).filter(c => c.site.node === site.node);
}

function siteCommands(model: DockerfileModel, stage: Stage, site: RunSite, shipped: boolean): SiteData {
  const script = runScript(site.node);
  const src = script.form === 'shell' ? sourceOf(model, site.node) : undefined;
  const exec = script.form === 'exec' ? execForm(model, site.node) : undefined;
  const commands = script.commands.map((cmd, index): CommandSite => {
    const c: CommandSite = { stage, site, shipped, script, index, cmd };
    const words: SourceCommand | undefined = src?.commands[index];
    if (words) {
      c.words = words.argv.map(w => ({ start: w.start, end: w.end }));
      let start = Infinity;
      for (const w of words.assignments) if (w.start < start) start = w.start;
      for (const w of words.argv) if (w.start < start) start = w.start;
      c.start = start;
      c.form = 'shell';
    } else if (exec && script.commands.length === 1 && exec.spans.length === exec.argv.length && exec.argv.join('\0') === cmd.argv.join('\0')) {
      c.words = exec.spans;
      c.start = exec.spans[0]?.start;
      c.form = 'exec';
    }
    return c;
  });
  return { commands, source: src };
}

/** The range of words `from`..`to` of a command, or the whole instruction when positions are unknown. */
export function wordsRange(model: DockerfileModel, c: CommandSite, from = 0, to = from): Range {
  const w = c.words;
  if (!w || !w.length) return c.site.info.range;
  const a = w[Math.max(0, Math.min(from, w.length - 1))];
  const b = w[Math.max(0, Math.min(Math.max(from, to), w.length - 1))];
  return rangeOf(model.lines, a.start, b.end);
}

/** Inserts an argument right after word `index` (`apt-get install -y`, `["apt-get", "install", "-y"]`). */
export function insertAfterWord(model: DockerfileModel, c: CommandSite, index: number, arg: string): TextEdit | undefined {
  const w = c.words?.[index];
  if (!w || !c.form) return undefined;
  const at = model.lines.positionAt(w.end);
  return { range: { start: at, end: at }, newText: c.form === 'exec' ? `, ${JSON.stringify(arg)}` : ` ${arg}` };
}

/** Replaces word `index` when it is written plainly (no quotes or escapes), as in `apt` → `apt-get`. */
export function replacePlainWord(model: DockerfileModel, c: CommandSite, index: number, text: string): TextEdit | undefined {
  const w = c.words?.[index];
  if (!w || !c.form) return undefined;
  const written = model.text.slice(w.start, w.end);
  if (c.form === 'exec') {
    if (written !== JSON.stringify(c.cmd.argv[index])) return undefined;
    return { range: rangeOf(model.lines, w.start, w.end), newText: JSON.stringify(text) };
  }
  if (written !== c.cmd.argv[index]) return undefined;
  return { range: rangeOf(model.lines, w.start, w.end), newText: text };
}

/** Removes word `index` (shell form, written plainly) together with the blank before it. */
export function removePlainWord(model: DockerfileModel, c: CommandSite, index: number): TextEdit | undefined {
  const w = c.words?.[index];
  if (!w || c.form !== 'shell' || index === 0) return undefined;
  if (model.text.slice(w.start, w.end) !== c.cmd.argv[index]) return undefined;
  let start = w.start;
  while (start > 0 && (model.text[start - 1] === ' ' || model.text[start - 1] === '\t')) start--;
  if (start === w.start) return undefined;
  return { range: rangeOf(model.lines, start, w.end), newText: '' };
}

/**
 * Appends a command at the end of a shell-form RUN (`&& yum clean all`), or as the last line
 * of a `RUN <<EOF` script. Undefined when that cannot be done without risk: exec form, a
 * trailing comment, an unfinished operator, a script that does not parse, or a heredoc fed to
 * another program.
 */
export function appendToRun(model: DockerfileModel, site: RunSite, command: string): TextEdit | undefined {
  const script = runScript(site.node);
  if (script.form !== 'shell') return undefined;
  // Text appended to a script the shell cannot parse (an unterminated quote or here-document)
  // lands inside it, and the finding comes back after every fix.
  if (script.script?.errors.length) return undefined;
  const src = sourceOf(model, site.node);
  if (!src) return undefined;
  if (src.heredoc) {
    const heredocs = (site.node as unknown as { getHeredocs?: () => { getDelimiterRange(): unknown }[] }).getHeredocs?.() ?? [];
    if (heredocs.some(h => !h.getDelimiterRange())) return undefined;
    // A here-document inside the script may still be open at its end and swallow the new line.
    if (script.source?.text.includes('<<')) return undefined;
    const firstLine = (site.node.getArgumentsContent() ?? '').split('\n', 1)[0];
    if ((firstLine.match(/<</g) ?? []).length !== 1) return undefined;
    if (!/^\s*<<-?\s*["']?\w+["']?\s*$/.test(firstLine)) return undefined;
    if (!appendedAsCommand(script, `\n${command}`, command)) return undefined;
    const end = model.lines.positionAt(src.end);
    return { range: { start: end, end }, newText: `${model.lines.eol}${command}` };
  }
  if (src.endsInComment) return undefined;
  const last = model.text[src.end - 1];
  if (last === '&' || last === '|' || last === '\\') return undefined;
  const newText = last === ';' ? ` ${command}` : ` && ${command}`;
  if (!appendedAsCommand(script, newText, command)) return undefined;
  const end = model.lines.positionAt(src.end);
  return { range: { start: end, end }, newText };
}

/**
 * Does the shell read `command`, when the script ends with `appended`, as the script's last
 * command? Not when something is left open at the end (`${`, a quote the parser tolerates):
 * the fix would land inside it and its finding would come back after every fix.
 */
function appendedAsCommand(script: RunScript, appended: string, command: string): boolean {
  if (script.source === undefined) return false;
  const after = parseShell(script.source.text + appended);
  return !after.errors.length && after.commands.at(-1)?.argv.join(' ') === command;
}

/**
 * The commands whose output flows into `c` through pipes, nearest first
 * (`curl … | tee x | sh` → `tee`, then `curl`). Reads the operator between two commands in
 * the source; without positions (exec-form `sh -c`), adjacent commands count when the script
 * has a pipe at all.
 */
export function pipedFrom(model: DockerfileModel, c: CommandSite): CommandSite[] {
  const siblings = commandSites(model).filter(x => x.site.node === c.site.node);
  const out: CommandSite[] = [];
  for (let i = c.index; i > 0; i--) {
    const prev = siblings[i - 1], cur = siblings[i];
    if (!prev || !cur) break;
    if (!joinedByPipe(model, prev, cur)) break;
    out.push(prev);
  }
  return out;
}

function joinedByPipe(model: DockerfileModel, prev: CommandSite, cur: CommandSite): boolean {
  const pw = prev.words?.[prev.words.length - 1];
  if (pw && cur.start !== undefined && prev.form === 'shell' && cur.form === 'shell') {
    if (cur.start < pw.end) return false;
    // Between two commands there are only blanks, continuations, comments and operators.
    const gap = model.text.slice(pw.end, cur.start).replace(/[\\`]\r?\n/g, ' ').replace(/(^|\s)#[^\n]*\n?/g, '$1');
    return /(^|[^|])\|(?!\|)/.test(gap) && !/&&|\|\||;|\n/.test(gap);
  }
  return (model.text.slice(...offsets(model, prev.site))).includes('|');
}

function offsets(model: DockerfileModel, site: RunSite): [number, number] {
  const r = site.node.getRange();
  return [model.lines.offsetAt(r.start), model.lines.offsetAt(r.end)];
}

const MAX_SUBSTITUTION_DEPTH = 8;

/**
 * Commands run by `$(…)` and backticks inside a word, parsed with the shell splitter
 * (`bash -c "$(curl -fsSL …)"` → the `curl` command).
 */
export function substitutedCommands(word: string, depth = 0): ShellCommand[] {
  const out: ShellCommand[] = [];
  // Most words hold no substitution at all. Real scripts nest a few levels; thousands (seen by
  // the fuzzer) made each level re-parse all the inner ones: cubic time, minutes per RUN.
  if (depth >= MAX_SUBSTITUTION_DEPTH || (!word.includes('$(') && !word.includes('<(') && !word.includes('`'))) return out;
  for (let i = 0; i < word.length; i++) {
    if (word[i] === '$' && word[i + 1] === '(' && word[i + 2] !== '(') {
      const end = closing(word, i + 1);
      const inner = word.slice(i + 2, end - 1);
      for (const cmd of parseShellCommands(inner)) out.push(cmd, ...cmd.argv.flatMap(w => substitutedCommands(w, depth + 1)));
      i = end - 1;
    } else if (word[i] === '<' && word[i + 1] === '(') {
      // Process substitution `<(curl …)`, when a parser keeps it inside the word.
      const end = closing(word, i + 1);
      for (const cmd of parseShellCommands(word.slice(i + 2, end - 1))) out.push(cmd);
      i = end - 1;
    } else if (word[i] === '`') {
      const end = word.indexOf('`', i + 1);
      if (end < 0) break;
      out.push(...parseShellCommands(word.slice(i + 1, end)));
      i = end;
    }
  }
  return out;
}

function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') { i++; continue; }
    if (ch === "'") { const e = s.indexOf("'", i + 1); if (e < 0) return s.length; i = e; continue; }
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return s.length;
}

const nestedCache = new PerCommand<ShellCommand[]>();

/**
 * The commands run by substitutions in the words and assignments of `cmd`
 * (`substitutedCommands` of each), parsed once per command. Shared: callers must not change it.
 */
export function nestedCommands(cmd: ShellCommand): ShellCommand[] {
  let nested = nestedCache.get(cmd);
  if (!nested) {
    nested = [];
    for (const w of cmd.argv) for (const c of substitutedCommands(w)) nested.push(c);
    for (const w of cmd.assignments) for (const c of substitutedCommands(w)) nested.push(c);
    nestedCache.set(cmd, nested);
  }
  return nested;
}

/** Every command name a RUN runs, those inside `$(…)` included (as hadolint counts them). */
export function commandNamesOf(commands: readonly ShellCommand[]): string[] {
  const names: string[] = [];
  for (const cmd of commands) {
    names.push(commandName(cmd));
    for (const inner of nestedCommands(cmd)) names.push(commandName(inner));
  }
  return names.filter(Boolean);
}

/** `unwrapCommand`'s result, with the name of the command it runs. */
export interface Unwrapped {
  argv: string[];
  assignments: string[];
  offset: number;
  /** `argv[0]` without a leading path (`/usr/bin/pip3` → `pip3`); `''` when there is none. */
  name: string;
}

const unwrapCache = new PerCommand<Unwrapped>();

/** `unwrapCommand` (the command behind `sudo`, `env`, ...), computed once per command. Shared: callers must not change it. */
export function unwrapped(cmd: ShellCommand): Unwrapped {
  let u = unwrapCache.get(cmd);
  if (!u) {
    const { argv, assignments, offset } = unwrapCommand(cmd);
    const first = argv[0] ?? '';
    u = { argv, assignments, offset, name: first.slice(first.lastIndexOf('/') + 1) };
    unwrapCache.set(cmd, u);
  }
  return u;
}

// ---------------------------------------------------------------------------------------------
// Variables in package arguments (`apt-get install curl=$CURL_VERSION`, `apk add $PHPIZE_DEPS`).

const varCache = new WeakMap<RunSite, Map<string, string | undefined>>();

export function variablesOf(model: DockerfileModel, c: CommandSite): Map<string, string | undefined> {
  let vars = varCache.get(c.site);
  if (!vars) {
    vars = variablesAt(model, c.stage, c.site.info.index);
    varCache.set(c.site, vars);
  }
  return vars;
}

const declaredArgsCache = new WeakMap<DockerfileModel, { args: Set<string>; envs: Map<string, Stage[]> }>();

function declarations(model: DockerfileModel): { args: Set<string>; envs: Map<string, Stage[]> } {
  let d = declaredArgsCache.get(model);
  if (!d) {
    d = { args: new Set(), envs: new Map() };
    for (const info of model.instructions) {
      if (info.keyword !== 'ARG' && info.keyword !== 'ENV') continue;
      const props = (info.node as unknown as { getProperties?: () => { getName(): string }[] }).getProperties?.() ?? [];
      for (const p of props) {
        if (info.keyword === 'ARG') d.args.add(p.getName());
        else if (info.stage) d.envs.set(p.getName(), [...(d.envs.get(p.getName()) ?? []), info.stage]);
      }
    }
    declaredArgsCache.set(model, d);
  }
  return d;
}

const VAR_REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * What a package argument stands for once Dockerfile variables are known:
 *  - `words`: the argument (split on blanks when it came from a variable) to check;
 *  - `variable`: the version comes from a build argument or a variable we cannot see the value
 *    of, but which is declared for this step: treat as pinned;
 *  - `unknown`: it depends on a command substitution or on a variable the Dockerfile never
 *    declares (the base image's ENV, such as `$PHPIZE_DEPS`): we cannot judge it.
 */
export type Expanded = { kind: 'words'; words: string[] } | { kind: 'variable' } | { kind: 'unknown' };

export function expandArgument(model: DockerfileModel, c: CommandSite, word: string): Expanded {
  if (!word.includes('$') && !word.includes('`')) return { kind: 'words', words: [word] };
  if (word.includes('$(') || word.includes('`')) return { kind: 'unknown' };
  const vars = variablesOf(model, c);
  const value = Model.substitute(word, vars);
  // Shell-only expansions (`${V//./-}`, `${#V}`) are left as written by the substitution: we cannot evaluate them.
  if (value !== undefined && !value.includes('$')) return { kind: 'words', words: value.split(/\s+/).filter(Boolean) };
  const names = [...word.matchAll(VAR_REF)].map(m => m[1] ?? m[2]);
  const d = declarations(model);
  // Declared for this step (ARG without default, ENV with an unknown value), or an ARG anywhere
  // in the file: a build argument is the usual way to pass a version (hadolint counts it too).
  if (names.some(n => vars.has(n) || d.args.has(n))) return { kind: 'variable' };
  // Set by ENV only in stages this one does not inherit from: empty here, so check the text as written.
  const chain = new Set(ancestry(c.stage));
  if (names.some(n => (d.envs.get(n) ?? []).some(s => !chain.has(s)))) return { kind: 'words', words: [word] };
  return { kind: 'unknown' };
}

/** Short list for messages: `a`, `b`, `c` and 4 more. */
export function listForMessage(items: string[], max = 4): string {
  const shown = items.slice(0, max).map(i => `\`${i}\``);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Whether a later RUN in the stage (or in a stage built on it) uses one of `tools` (so a cleanup might be relied on). */
export function laterRunUses(model: DockerfileModel, c: CommandSite, uses: (cmd: ShellCommand) => boolean): boolean {
  const descendants = model.stages.filter(s => s !== c.stage && ancestry(s).includes(c.stage));
  return commandSites(model).some(x => !x.site.onbuild && (
    (x.stage === c.stage && x.site.info.index > c.site.info.index) || descendants.includes(x.stage)
  ) && uses(x.cmd));
}

/**
 * The package arguments that name no version, after expanding Dockerfile variables.
 * Arguments that depend on what we cannot see (a command substitution, the base image's ENV)
 * and those whose version comes from a build argument are left out.
 */
export function unpinnedArguments(model: DockerfileModel, c: CommandSite, args: readonly { text: string }[], pinned: (text: string) => boolean): string[] {
  const out: string[] = [];
  for (const a of args) {
    const e = expandArgument(model, c, a.text);
    if (e.kind !== 'words') continue;
    for (const w of e.words) if (!pinned(w)) out.push(w);
  }
  return out;
}

/**
 * Does an instruction before this RUN (in its stage or a stage it is built on) match: a RUN
 * whose text passes `runText`, or a COPY/ADD whose destination passes `copyDest`? Used to
 * accept package-manager settings written to a configuration file earlier.
 */
export function earlierInstruction(c: CommandSite, runText: (text: string) => boolean, copyDest?: (dest: string) => boolean): boolean {
  return ancestry(c.stage).some(s => s.instructions.some(x => {
    if (s === c.stage && x.index >= c.site.info.index) return false;
    if (x.keyword === 'RUN') return runText(x.node.getArgumentsContent() ?? '');
    if ((x.keyword === 'COPY' || x.keyword === 'ADD') && copyDest) return copyDest(x.node.getArguments().at(-1)?.getValue() ?? '');
    return false;
  }));
}

/** The command sites grouped by RUN, in document order. */
export function runsWithCommands(model: DockerfileModel): CommandSite[][] {
  const groups = new Map<RunSite['node'], CommandSite[]>();
  for (const c of commandSites(model)) {
    const g = groups.get(c.site.node);
    if (g) g.push(c); else groups.set(c.site.node, [c]);
  }
  return [...groups.values()];
}

/**
 * `rm -rf <dir>`, `rm -rf <dir>/*` or the same for a folder above it (`/var/cache/*`), or
 * `find <dir> … -delete`: a command that empties one of `dirs`.
 */
export function removesFolder(cmd: ShellCommand, dirs: readonly string[]): boolean {
  const argv = cmd.argv;
  const skip = argv[0] && /(^|\/)sudo$/.test(argv[0]) ? 1 : 0;
  const first = argv[skip] ?? '';
  const name = first.slice(first.lastIndexOf('/') + 1);
  if (name !== 'rm' && name !== 'find') return false;
  const args = argv.slice(skip + 1);
  const covers = (p: string, recursive: boolean) => dirs.some(dir => {
    const clean = p.replace(/\/+$/, '');
    if (clean === dir || (dir.startsWith(clean + '/') && clean.length > 1)) return recursive;
    if (clean === `${dir}/*` || clean === `${dir}*` || clean === `${dir}/**`) return true;
    // `/var/cache/*` empties every cache folder below it.
    const star = /^(.*)\/\*$/.exec(clean);
    return !!star && dir.startsWith(star[1] + '/') && recursive;
  });
  if (name === 'rm') {
    const recursive = args.some(a => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive');
    return args.some(a => !a.startsWith('-') && covers(a, recursive));
  }
  if (name === 'find') return args.includes('-delete') && args.some(a => !a.startsWith('-') && covers(a, true));
  return false;
}

/** A cache or tmpfs mount whose target is one of `dirs`, a folder above one, or contains one of `fragments`. */
export function mountCovers(mounts: RunScript['mounts'], dirs: readonly string[], fragments: readonly string[] = []): boolean {
  return mounts.some(m => {
    if (m.type !== 'cache' && m.type !== 'tmpfs') return false;
    const target = (m.options.get('target') ?? m.options.get('dst') ?? m.options.get('destination') ?? '').replace(/\/+$/, '');
    if (!target) return false;
    return dirs.some(d => d === target || d.startsWith(target + '/')) || fragments.some(f => target.includes(f));
  });
}

/** How a package manager leaves a download cache behind, for the cache-cleanup rules. */
export interface CacheSpec {
  /** For a command that downloads into the cache: the cache owner (`dnf`, `microdnf`), a label and the words to point at. */
  downloads(cmd: ShellCommand): { family: string; label: string; from: number; to: number } | undefined;
  /** Does `cmd` empty the cache of `family`? */
  cleans(cmd: ShellCommand, family: string): boolean;
  /** Cache folders: removing them or mounting a cache over them also counts. */
  dirs: readonly string[];
  /** Mount targets that count when they contain one of these (`.cache/yarn`). */
  mountFragments?: readonly string[];
  /** The cleanup command appended by the fix. */
  cleanCommand(family: string): string;
  /** Quiet in stages that are neither final nor a base of another (hadolint's DL3060); otherwise a hint there. */
  shippedOnly?: boolean;
  /** The cleanup never breaks a later step (the tool refetches what it needs), so the fix is always safe. */
  cleanupAlwaysSafe?: boolean;
  message(label: string, cleanCommand: string, shipped: boolean): string;
}

/** Reports RUNs that download with a package manager and end without emptying its cache. */
export function checkCacheCleanup(ctx: RuleContext, spec: CacheSpec): void {
  const model = ctx.model;
  for (const run of runsWithCommands(model)) {
    const { site, shipped, script } = run[0];
    if (spec.shippedOnly && !shipped && !site.onbuild) continue;
    if (mountCovers(script.mounts, spec.dirs, spec.mountFragments)) continue;
    const last = new Map<string, { c: CommandSite; d: NonNullable<ReturnType<CacheSpec['downloads']>> }>();
    for (const c of run) {
      const d = spec.downloads(c.cmd);
      if (d) last.set(d.family, { c, d });
    }
    for (const [family, { c, d }] of last) {
      if (run.some(x => x.index > c.index && spec.cleans(x.cmd, family))) continue;
      const clean = spec.cleanCommand(family);
      const visible = shipped || site.onbuild;
      ctx.report({
        range: wordsRange(model, c, d.from, d.to),
        severity: visible ? undefined : 'hint',
        message: spec.message(d.label, clean, visible),
        fixes: (): Fix[] => {
          const edit = appendToRun(model, site, clean);
          if (!edit) return [];
          const safe = !site.onbuild && (!!spec.cleanupAlwaysSafe || !laterRunUses(model, c, cmd => spec.downloads(cmd)?.family === family));
          return [{ title: `Append \`&& ${clean}\` to this RUN`, edits: [edit], safe }];
        },
      });
    }
  }
}

/**
 * Where to add a flag right after a command's subcommand word (`apt-get install`, `pip install`),
 * in shell or exec form, and the range that names the command for the finding. Without exact
 * word positions the range is the whole instruction and there is no insertion point.
 */
export function flagInsertion(model: DockerfileModel, info: { node: Instruction; range: Range }, script: RunScript, index: number, cmd: ShellCommand, subcommandIndex: number, flag: string): { range: Range; insertAt?: number; insertText: string } {
  const words = script.form === 'shell' ? sourceOf(model, info.node)?.commands[index]?.argv : undefined;
  if (words && words[subcommandIndex]) {
    return { range: rangeOf(model.lines, words[0].start, words[subcommandIndex].end), insertAt: words[subcommandIndex].end, insertText: ` ${flag}` };
  }
  const exec = script.form === 'exec' ? execForm(model, info.node) : undefined;
  if (exec && script.commands.length === 1 && exec.spans[subcommandIndex] && exec.argv.join('\0') === cmd.argv.join('\0')) {
    return { range: rangeOf(model.lines, exec.spans[0].start, exec.spans[subcommandIndex].end), insertAt: exec.spans[subcommandIndex].end, insertText: `, "${flag}"` };
  }
  return { range: info.range, insertText: ` ${flag}` };
}
