/**
 * From Dockerfile instructions to shell scripts: the text the builder hands to the shell (line
 * continuations joined, comment lines inside them dropped, here-documents as BuildKit runs
 * them), where each of its characters sits in the document, and the shell that runs it
 * (the stage's SHELL).
 */
import { skipBlankAndCommentLines } from '../text';
import type { Dockerfile, Heredoc, Instruction, JSONInstruction } from 'dockerfile-ast';
import { RecentByText } from './recent';

/** The shell a RUN (or shell-form CMD/ENTRYPOINT) runs under. */
export interface ShellInfo {
  /** The SHELL argv, e.g. `["/bin/bash", "-o", "pipefail", "-c"]`; `["/bin/sh", "-c"]` by default. */
  argv: string[];
  /** Program name without folder or `.exe`, lower-cased: `sh`, `bash`, `ash`, `powershell`, `cmd`… */
  name: string;
  /** A POSIX-family shell whose scripts this parser (and ShellCheck) understand. */
  posix: boolean;
  /** `-e` / `-o errexit` among the SHELL options. */
  errexit: boolean;
  /** `-o pipefail` among the SHELL options. */
  pipefail: boolean;
  /** Where it comes from: the builder default, a SHELL instruction (here or in a stage built on), a `# hadolint shell=` pragma, or a Windows base image. */
  origin: 'default' | 'SHELL' | 'pragma' | 'windows';
  /** Line of the SHELL instruction or pragma. */
  line?: number;
}

/** The text a shell receives, with the document offset of each of its characters. */
export interface ScriptSource {
  text: string;
  /** `offsets[i]` is the document offset of `text[i]`; one more entry for the end. */
  offsets: number[];
  /** The script involves here-documents. */
  heredoc: boolean;
  /** `RUN <<EOF` alone: the body is the script (BuildKit runs it as the shell's script). */
  heredocIsScript: boolean;
  /** A `#!` line of a `RUN <<EOF` body that BuildKit runs directly (`#!/usr/bin/env python3`). */
  shebang?: string;
  /** Document offset just after the last non-blank character that a command could be appended to. */
  end: number;
}

export const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh', 'busybox']);
const DEFAULT_SHELL: ShellInfo = { argv: ['/bin/sh', '-c'], name: 'sh', posix: true, errexit: false, pipefail: false, origin: 'default' };
const WINDOWS_SHELL: ShellInfo = { argv: ['cmd', '/S', '/C'], name: 'cmd', posix: false, errexit: false, pipefail: false, origin: 'windows' };
const PRAGMA = /^\s*#\s*(?:hadolint|layerwise)\s+shell\s*=\s*(\S+)\s*\r?$/i;

/** Describes a shell argv: its name, and the `-e` / `-o pipefail` options before `-c`. */
export function describeShell(argv: string[], origin: ShellInfo['origin'], line?: number): ShellInfo {
  const program = argv[0] ?? '';
  const name = program.slice(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1).replace(/\.exe$/i, '').toLowerCase();
  const info: ShellInfo = { argv, name, posix: POSIX_SHELLS.has(name), errexit: false, pipefail: false, origin, line };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!/^[-+][A-Za-z]+$/.test(a)) break;
    const on = a[0] === '-';
    let consumed = false;
    for (const letter of a.slice(1)) {
      if (letter === 'e') info.errexit = on;
      else if (letter === 'o' && !consumed) {
        const opt = argv[i + 1];
        consumed = true;
        if (opt === 'pipefail') info.pipefail = on;
        else if (opt === 'errexit') info.errexit = on;
      }
    }
    if (consumed) i++;
    if (a.includes('c')) break;
  }
  return info;
}

interface ShellTable { lines: number[]; shells: ShellInfo[] }
const tables = new WeakMap<object, ShellTable>();

/** The shell in effect for an instruction (an ONBUILD trigger takes the one at its ONBUILD). */
export function shellFor(node: Instruction): ShellInfo {
  const dockerfile = (node as unknown as { dockerfile?: Dockerfile }).dockerfile;
  if (!dockerfile) return DEFAULT_SHELL;
  let table = tables.get(dockerfile);
  if (!table) tables.set(dockerfile, (table = buildTable(dockerfile)));
  const line = node.getRange().start.line;
  let lo = 0, hi = table.lines.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (table.lines[mid] <= line) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 ? DEFAULT_SHELL : table.shells[found];
}

function buildTable(dockerfile: Dockerfile): ShellTable {
  const events: { line: number; order: number; apply: () => void }[] = [];
  const table: ShellTable = { lines: [], shells: [] };
  let current = DEFAULT_SHELL;
  let pragma: ShellInfo | undefined;
  const byStage = new Map<string, ShellInfo>();
  let stageName: string | undefined;
  const instructions = dockerfile.getInstructions();
  // Pragma lines outside instructions (on the first lines dockerfile-ast reads them as directives, not comments).
  const document = (instructions[0] as unknown as { document?: { getText(): string; offsetAt(p: unknown): number } } | undefined)?.document;
  const text = document?.getText() ?? '';
  const offsetAt = (p: unknown) => document?.offsetAt(p) ?? 0;
  let next = 0;
  text.split('\n').forEach((lineText, line) => {
    while (next < instructions.length && instructions[next].getRange().end.line < line) next++;
    if (next < instructions.length && instructions[next].getRange().start.line <= line) return;
    const m = PRAGMA.exec(lineText);
    if (m) events.push({ line, order: 0, apply: () => { pragma = describeShell([m[1]], 'pragma', line); current = pragma; } });
  });
  for (const ins of instructions) {
    const line = ins.getRange().start.line;
    const keyword = ins.getKeyword().toUpperCase();
    events.push({
      line, order: 1, apply: () => {
        if (keyword === 'FROM') {
          if (stageName) byStage.set(stageName, current);
          // `FROM [--platform=…] image [AS name]`, read from the text (cheaper than dockerfile-ast's accessors).
          const r = ins.getRange();
          const from = /^\s*\S+\s+(?:--\S+\s+)*(\S+)(?:\s+as\s+(\S+))?/i.exec(text.slice(offsetAt(r.start), offsetAt(r.end)).replace(/\\\r?\n|`\r?\n/g, ' '));
          const image = from?.[1] ?? '';
          current = byStage.get(image.toLowerCase()) ?? pragma ?? (/(^|\/)windows\/|servercore|nanoserver/i.test(image) ? WINDOWS_SHELL : DEFAULT_SHELL);
          stageName = from?.[2]?.toLowerCase();
        } else if (keyword === 'SHELL') {
          const argv = jsonArgv(ins);
          if (argv?.length) current = describeShell(argv, 'SHELL', line);
        }
        table.lines.push(line);
        table.shells.push(current);
      },
    });
  }
  events.sort((a, b) => a.line - b.line || a.order - b.order).forEach(e => e.apply());
  return table;
}

function jsonArgv(node: Instruction): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(node.getArgumentsContent() ?? '');
    return Array.isArray(parsed) && parsed.every(a => typeof a === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Is the instruction in exec form? Like Docker, only a valid JSON array of strings is (`RUN [ -f x ] && …` is shell). */
export function isExecForm(node: Instruction): boolean {
  if (!((node as JSONInstruction).getJSONStrings?.() ?? []).length) return false;
  return jsonArgv(node) !== undefined;
}

/**
 * The script of a shell-form instruction as the builder passes it to the shell. Undefined for
 * exec form or an instruction without arguments.
 */
export function scriptSource(node: Instruction, execForm = isExecForm(node)): ScriptSource | undefined {
  if (execForm) return undefined;
  const document = (node as unknown as { document?: { getText(): string; offsetAt(p: unknown): number } }).document;
  if (!document) return undefined;
  const text = document.getText();
  const escape = (node as unknown as { escapeChar?: string }).escapeChar ?? '\\';
  const range = node.getArgumentsRange?.();
  if (!range) return undefined;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const written = text.slice(start, end);
  const heredocs = written.includes('<<') ? (node as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs?.() ?? [] : [];
  if (!heredocs.length) {
    const key = escape + written;
    const known = recentSources.get(key);
    if (known?.start === start) return known.source;
    const source = known ? moved(known.source, start - known.start) : readSource(text, start, end, escape);
    recentSources.set(key, { start, source });
    return source;
  }
  const chars: string[] = [];
  const offsets: number[] = [];
  const firstEnd = readInstructionText(text, start, end, escape, chars, offsets, true);
  const firstLine = chars.join('');
  const bodyRange = heredocs[0].getContentRange();
  if (heredocs.length === 1 && /^\s*<<-?\s*(["']?)[^\s"'<>|&;]+\1\s*$/.test(firstLine)) {
    // `RUN <<EOF`: BuildKit runs the body itself as the script.
    const bStart = bodyRange ? document.offsetAt(bodyRange.start) : firstEnd;
    const bEnd = bodyRange ? document.offsetAt(bodyRange.end) : firstEnd;
    const body = text.slice(bStart, bEnd);
    const ids: number[] = [];
    for (let i = bStart; i <= bEnd; i++) ids.push(i);
    const shebang = /^#!\s*(\S.*)$/m.exec(body.split('\n', 1)[0])?.[1];
    return { ...finish(body, ids, true, true), shebang };
  }
  // Anything else (`python3 <<EOF`, `cat <<EOF > f && sh f`): the shell gets the whole text and handles the here-documents.
  const last = heredocs[heredocs.length - 1];
  const delimiter = last.getDelimiterRange?.() ?? last.getContentRange();
  const stop = delimiter ? document.offsetAt(delimiter.end) : end;
  const restStart = firstEnd < text.length ? firstEnd + 1 : firstEnd;
  chars.push('\n');
  offsets.push(firstEnd);
  for (let i = restStart; i < stop; i++) { chars.push(text[i]); offsets.push(i); }
  offsets.push(stop);
  const source = finish(chars.join(''), offsets, true, false);
  // Commands are appended to the body of the last here-document, not after its delimiter.
  const lastBody = last.getContentRange();
  if (lastBody) source.end = trimmedEnd(text, document.offsetAt(lastBody.start), document.offsetAt(lastBody.end));
  return source;
}

/**
 * Scripts without here-documents, by escape character and text as written, across document
 * versions: while someone types, the other RUNs keep their text, at the same offset (the same
 * source is handed out, so the shell parse cache recognises it at once) or moved. Bounded, least
 * recently used first out.
 */
const recentSources = new RecentByText<{ start: number; source: ScriptSource }>(2000, 400_000);

function readSource(text: string, start: number, end: number, escape: string): ScriptSource {
  const chars: string[] = [];
  const offsets: number[] = [];
  readInstructionText(text, start, end, escape, chars, offsets, false);
  offsets.push(end);
  return finish(chars.join(''), offsets, false, false);
}

function moved(source: ScriptSource, delta: number): ScriptSource {
  return { ...source, offsets: source.offsets.map(o => o + delta), end: source.end + delta };
}

function finish(text: string, offsets: number[], heredoc: boolean, heredocIsScript: boolean): ScriptSource {
  let last = text.length - 1;
  while (last >= 0 && /\s/.test(text[last])) last--;
  return { text, offsets, heredoc, heredocIsScript, end: last >= 0 ? offsets[last] + 1 : offsets[0] ?? 0 };
}

function trimmedEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && /\s/.test(text[i - 1])) i--;
  return i;
}

/**
 * Copies an instruction's argument text with line continuations removed, as the builder sees
 * it: `<escape>` at the end of a line joins it with the next, and blank or comment lines inside
 * a continued instruction are dropped. Returns where it stopped (the first line's end with `firstLineOnly`).
 */
export function readInstructionText(text: string, start: number, end: number, escape: string, chars: string[], offsets: number[], firstLineOnly: boolean): number {
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === escape) {
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r' && text[j + 1] === '\n') j++;
      if (text[j] === '\n' || j >= text.length) {
        i = skipBlankAndCommentLines(text, j + 1, end);
        continue;
      }
    }
    if ((c === '\n' || c === '\r') && firstLineOnly) {
      if (c === '\r' && text[i + 1] === '\n') return i + 1;
      return i;
    }
    chars.push(c);
    offsets.push(i);
    i++;
  }
  return i;
}

/**
 * The characters of a JSON string literal (quotes included in `start`/`end`) with the document
 * offset of each decoded character, so positions inside `["sh", "-c", "…"]` scripts are exact.
 */
export function decodeJsonString(doc: string, start: number, end: number): { text: string; offsets: number[]; ends: number[] } | undefined {
  if (doc[start] !== '"' || doc[end - 1] !== '"') return undefined;
  let text = '';
  const offsets: number[] = [];
  /** `ends[i]`: the document offset just past the encoding of `text[i]`. */
  const ends: number[] = [];
  const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  for (let i = start + 1; i < end - 1; i++) {
    const c = doc[i];
    offsets.push(i);
    if (c !== '\\') { text += c; ends.push(i + 1); continue; }
    const n = doc[i + 1];
    if (n in simple) { text += simple[n]; i++; ends.push(i + 1); continue; }
    if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(doc.slice(i + 2, i + 6))) { text += String.fromCharCode(parseInt(doc.slice(i + 2, i + 6), 16)); i += 5; ends.push(i + 1); continue; }
    return undefined;
  }
  offsets.push(end - 1);
  return { text, offsets, ends };
}

/** Forgets the scripts kept across versions (tests compare warm results with cold ones). */
export function clearScriptSourceCache(): void {
  recentSources.clear();
}
