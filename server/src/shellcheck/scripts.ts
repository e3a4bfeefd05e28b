/**
 * What ShellCheck is asked to check, and how its answers map back to the Dockerfile. Pure and
 * synchronous: the process itself is started by `run.ts`.
 *
 * Each shell-form RUN (ONBUILD triggers and `RUN <<EOF` bodies included) becomes one script, as
 * the builder hands it to the shell (continuations joined, comment lines inside them dropped),
 * headed like hadolint does: a `#!` line naming the stage's shell, then `export NAME=1` for every
 * ARG and ENV name in scope, so ShellCheck knows them (no SC2154 "referenced but not assigned").
 */
import type { Arg, Env, Instruction, Property } from 'dockerfile-ast';
import type { DockerfileModel, InstructionInfo, Stage } from '../engine/model';
import { runScript, type ScriptSource } from '../engine/run';
import { readSuppressions } from '../engine/pragmas';
import type { Fix, Range, ResolvedFinding, Severity, TextEdit } from '../engine/types';

export interface ShellCheckScript {
  /** The instruction (the ONBUILD for a trigger). */
  info: InstructionInfo;
  /** `sh`, `bash`, `dash` or `ksh`: the dialect named in the `#!` line. */
  dialect: 'sh' | 'bash' | 'dash' | 'ksh';
  /** The file given to ShellCheck: header lines, then the script. */
  text: string;
  /** Lines before the script (the `#!` line and the exports). */
  headerLines: number;
  /** The script with carriage returns removed, and the document offset of each character. */
  script: string;
  offsets: number[];
}

/** Codes that cannot apply to a RUN: ash is checked as dash (2187); `source` cannot be followed (1090, 1091). */
export const EXCLUDED_CODES = [1090, 1091, 2187];

/** Build arguments every build has without declaring them (BuildKit's proxy arguments). */
const PREDEFINED_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

const DIALECTS: Record<string, ShellCheckScript['dialect'] | undefined> = { sh: 'sh', bash: 'bash', dash: 'dash', ash: 'dash', busybox: 'dash', ksh: 'ksh', mksh: 'ksh' };

/** The scripts of every shell-form RUN that runs under a shell ShellCheck understands. */
export function shellCheckScripts(model: DockerfileModel): ShellCheckScript[] {
  const scripts: ShellCheckScript[] = [];
  const stageEnv = new Map<Stage, Set<string>>();
  let args = new Set<string>();
  let env = new Set<string>();
  let stage: Stage | undefined;
  for (const info of model.instructions) {
    if (info.stage !== stage) {
      if (stage) stageEnv.set(stage, env);
      stage = info.stage;
      // ARGs are per stage; ENV is inherited from the stage this one is built on.
      args = new Set();
      env = new Set(stage?.image.stage ? stageEnv.get(stage.image.stage) ?? [] : []);
    }
    const keyword = info.keyword;
    if (keyword === 'ARG') names(info.node).forEach(n => args.add(n));
    else if (keyword === 'ENV') names(info.node).forEach(n => env.add(n));
    else if (keyword === 'RUN') push(info, info.node, [...args, ...env]);
    else if (keyword === 'ONBUILD') {
      const trigger = (info.node as unknown as { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.();
      // A trigger runs in a later build, where this file's ARGs are gone but its ENV remains.
      if (trigger && trigger.getKeyword().toUpperCase() === 'RUN') push(info, trigger, [...env]);
    }
  }
  return scripts;

  function push(info: InstructionInfo, node: Instruction, vars: string[]): void {
    const run = runScript(node);
    if (run.form !== 'shell' || !run.source || !run.script) return;
    const name = run.source.shebang ? interpreterName(run.source.shebang) : run.shell.name;
    const dialect = DIALECTS[name];
    if (!dialect) return;
    const { script, offsets } = withoutCarriageReturns(run.source);
    const exported = [...new Set([...PREDEFINED_ARGS, ...vars])].filter(v => /^[A-Za-z_][A-Za-z0-9_]*$/.test(v)).sort();
    const header = [`#!/bin/${name === 'busybox' ? 'ash' : name}`, ...exported.map(v => `export ${v}=1`)];
    scripts.push({ info, dialect, text: `${header.join('\n')}\n${script}\n`, headerLines: header.length, script, offsets });
  }
}

function names(node: Instruction): string[] {
  const props = (node as Arg | Env).getProperties?.() ?? [];
  return props.map((p: Property) => p.getName()).filter(Boolean);
}

function interpreterName(shebang: string): string {
  const parts = shebang.trim().split(/\s+/);
  const program = /(^|\/)env$/.test(parts[0]) ? parts.slice(1).find(p => !p.startsWith('-')) ?? '' : parts[0];
  return program.slice(program.lastIndexOf('/') + 1);
}

function withoutCarriageReturns(source: ScriptSource): { script: string; offsets: number[] } {
  if (!source.text.includes('\r')) return { script: source.text, offsets: source.offsets };
  let script = '';
  const offsets: number[] = [];
  for (let i = 0; i < source.text.length; i++) {
    if (source.text[i] === '\r' && (source.text[i + 1] === '\n' || i + 1 === source.text.length)) continue;
    script += source.text[i];
    offsets.push(source.offsets[i]);
  }
  offsets.push(source.offsets[source.text.length]);
  return { script, offsets };
}

/** One comment of ShellCheck's `json1` output. */
export interface ShellCheckComment {
  file: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
  fix?: { replacements: { line: number; endLine: number; column: number; endColumn: number; replacement: string }[] } | null;
}

const SEVERITY: Record<ShellCheckComment['level'], Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

export function wikiUrl(code: number): string {
  return `https://www.shellcheck.net/wiki/SC${code}`;
}

/** A ShellCheck finding, in the engine's shape (`ruleId` is `SC2086`). */
export interface ShellCheckFinding extends ResolvedFinding {
  code: number;
  href: string;
}

/**
 * Maps ShellCheck's comments on `script` to findings on the Dockerfile. Comments on the header
 * lines are dropped; `# hadolint ignore=SC2086` / `# layerwise ignore=SC2086` above the RUN (or a
 * global ignore) suppress a code.
 */
export function toFindings(model: DockerfileModel, script: ShellCheckScript, comments: ShellCheckComment[]): ShellCheckFinding[] {
  const suppressions = readSuppressions(model);
  const ignored = suppressions.byInstruction.get(script.info.index);
  const lineStarts = [0];
  for (let i = 0; i < script.script.length; i++) if (script.script[i] === '\n') lineStarts.push(i + 1);
  const findings: ShellCheckFinding[] = [];
  const seen = new Set<string>();
  for (const c of comments) {
    if (EXCLUDED_CODES.includes(c.code)) continue;
    const id = `SC${c.code}`;
    const name = id.toLowerCase();
    if (suppressions.global.has(name) || ignored?.has(name)) continue;
    const start = toOffset(script, lineStarts, c.line, c.column);
    if (start === undefined) continue;
    const endExclusive = toOffset(script, lineStarts, c.endLine, c.endColumn, true) ?? start;
    const range = rangeOf(model, start, Math.max(start, endExclusive));
    const key = `${id}@${start}:${endExclusive}:${c.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const finding: ShellCheckFinding = {
      ruleId: id, code: c.code, href: wikiUrl(c.code), severity: SEVERITY[c.level] ?? 'warning', message: c.message, range,
    };
    if (c.fix?.replacements.length) {
      const fix = c.fix;
      finding.fixes = () => {
        const edits: TextEdit[] = [];
        for (const r of fix.replacements) {
          const s = toOffset(script, lineStarts, r.line, r.column, true);
          const e = toOffset(script, lineStarts, r.endLine, r.endColumn, true);
          if (s === undefined || e === undefined) return [];
          edits.push({ range: rangeOf(model, s, Math.max(s, e)), newText: r.replacement });
        }
        return [{ title: `Apply ShellCheck's fix for ${id}`, edits, safe: false } satisfies Fix];
      };
    }
    findings.push(finding);
  }
  return findings;
}

/**
 * The document offset of a ShellCheck position (1-based line and column, counted in characters
 * with tabs as one, as `json1` does). An end position maps just past the character before it.
 */
function toOffset(script: ShellCheckScript, lineStarts: number[], line: number, column: number, isEnd = false): number | undefined {
  const l = line - script.headerLines - 1;
  if (l < 0 || l >= lineStarts.length) return undefined;
  const lineStart = lineStarts[l];
  const lineEnd = l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : script.script.length;
  // Columns count code points; JavaScript strings count UTF-16 units.
  let i = lineStart;
  for (let col = 1; col < column && i < lineEnd; col++) i += script.script.codePointAt(i)! > 0xffff ? 2 : 1;
  if (isEnd && i > lineStart) return script.offsets[i - 1] + 1;
  return script.offsets[Math.min(i, script.offsets.length - 1)];
}

function rangeOf(model: DockerfileModel, start: number, end: number): Range {
  return { start: model.lines.positionAt(start), end: model.lines.positionAt(end) };
}
