import { skipBlankAndCommentLines } from '../text';
import type { Flag, Heredoc, Instruction } from 'dockerfile-ast';
import { DockerfileModel, flagsOf, type InstructionInfo } from '../model';
import type { Range } from '../types';
import { escapeCharOf, execForm } from './shell-source';
import { variablesAt } from './stages';

/**
 * The words of an instruction's arguments with their document offsets, for rules that read
 * paths, ports and users (COPY/ADD sources and destination, EXPOSE, USER, WORKDIR).
 * dockerfile-ast's `getArguments()` drops backslashes and splits inside quotes; these words
 * keep Windows paths intact and keep a quoted word with spaces together, as hadolint does.
 */
export interface ArgWord {
  /** The word with one level of surrounding quotes removed. */
  text: string;
  /** As written (quotes included). */
  raw: string;
  /** Document offsets of `raw`. */
  start: number;
  end: number;
}

const wordsCache = new WeakMap<Instruction, ArgWord[]>();

export function argumentWords(model: DockerfileModel, node: Instruction): ArgWord[] {
  let words = wordsCache.get(node);
  if (!words) wordsCache.set(node, (words = readWords(model, node)));
  return words;
}

function readWords(model: DockerfileModel, node: Instruction): ArgWord[] {
  const range = node.getArgumentsRange?.();
  if (!range) return [];
  const text = model.text;
  const start = model.lines.offsetAt(range.start);
  let end = model.lines.offsetAt(range.end);
  // Heredoc bodies are not arguments: stop at the end of the line that opens them.
  const heredocs = (node as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs?.() ?? [];
  if (heredocs.length) {
    const nl = text.indexOf('\n', start);
    if (nl >= 0 && nl < end) end = nl;
  }
  const escape = escapeCharOf(model);
  const words: ArgWord[] = [];
  let i = start;
  let wordStart = -1;
  let raw = '';
  const flush = (at: number) => {
    if (wordStart >= 0) words.push({ text: unquote(raw), raw, start: wordStart, end: at });
    wordStart = -1;
    raw = '';
  };
  while (i < end) {
    const c = text[i];
    // Line continuation: escape, optional blanks, line break; then skip blank and comment lines.
    if (c === escape) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r') j++;
      if (j >= end || text[j] === '\n') {
        i = skipBlankAndCommentLines(text, j + 1, end);
        // A continuation inside a word joins its halves, as the builder does.
        continue;
      }
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { flush(i); i++; continue; }
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      const stop = close < 0 || close >= end ? end : close + 1;
      if (wordStart < 0) wordStart = i;
      raw += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (wordStart < 0) wordStart = i;
    raw += c;
    i++;
  }
  flush(end);
  return words;
}

/** Removes one pair of matching surrounding quotes. */
export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/** A word with all its quotes removed, as the builder's word processing does (`"$APP"/bin` → `$APP/bin`). */
export function dequote(raw: string): string {
  return raw.replace(/"([^"]*)"|'([^']*)'/g, (_m, d: string | undefined, q: string | undefined) => d ?? q ?? '');
}

/** `/x`, `C:\x`, `c:/x`: an absolute path in a Linux or Windows image. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:([\\/]|$)/.test(p);
}

/** The last path segment (after `/` or `\`). */
export function baseName(p: string): string {
  const m = /[^/\\]*$/.exec(p);
  return m ? m[0] : p;
}

export interface CopyArgs {
  /** Sources as written (unquoted); heredoc sources appear as `<<NAME`. */
  sources: string[];
  dest: ArgWord;
  /** JSON (exec) form: `COPY ["a", "b", "/dest/"]`. */
  json: boolean;
  /** Heredoc bodies are the sources. */
  heredoc: boolean;
}

/**
 * Sources and destination of COPY or ADD (also when they are the trigger of ONBUILD),
 * after the `--flags`. Undefined when there is no destination.
 */
export function copyArgs(model: DockerfileModel, node: Instruction): CopyArgs | undefined {
  const exec = execForm(model, node);
  if (exec) {
    if (exec.argv.length < 2) return undefined;
    const last = exec.spans[exec.argv.length - 1];
    const dest: ArgWord = {
      text: exec.argv[exec.argv.length - 1],
      raw: last ? model.text.slice(last.start, last.end) : JSON.stringify(exec.argv[exec.argv.length - 1]),
      start: last?.start ?? -1,
      end: last?.end ?? -1,
    };
    return { sources: exec.argv.slice(0, -1), dest, json: true, heredoc: false };
  }
  const words = argumentWords(model, node);
  let i = 0;
  while (i < words.length && words[i].raw.startsWith('--')) i++;
  const rest = words.slice(i);
  const heredocs = (node as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs?.() ?? [];
  if (rest.length < 2) return undefined;
  return { sources: rest.slice(0, -1).map(w => w.text), dest: rest[rest.length - 1], json: false, heredoc: heredocs.length > 0 };
}

/** The instruction an ONBUILD wraps, or the instruction itself. */
export function triggerOf(info: InstructionInfo): { keyword: string; node: Instruction; onbuild: boolean } | undefined {
  if (info.keyword !== 'ONBUILD') return { keyword: info.keyword, node: info.node, onbuild: false };
  const t = (info.node as unknown as { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.();
  return t ? { keyword: t.getKeyword().toUpperCase(), node: t, onbuild: true } : undefined;
}

/** The value of a `--name=value` flag of an instruction (dockerfile-ast flags), unquoted. */
export function flagText(node: Instruction, name: string): string | undefined {
  const flags = (node as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
  const f = flags.find(x => x.getName().toLowerCase() === name);
  return f ? unquote(f.getValue() ?? '') : undefined;
}

/** The `--from` value of a COPY (resolved when it uses variables), with its range. */
export function fromReference(model: DockerfileModel, info: InstructionInfo): { value: string | undefined; raw: string; range: Range } | undefined {
  if (info.keyword !== 'COPY') return undefined;
  const flag: Flag | undefined = flagsOf(info.node).find(f => f.getName().toLowerCase() === 'from');
  if (!flag) return undefined;
  const raw = unquote(flag.getValue() ?? '');
  if (!raw) return undefined;
  let value: string | undefined = raw;
  if (raw.includes('$')) {
    const vars = info.stage ? variablesAt(model, info.stage, info.index) : model.globalArgs;
    value = DockerfileModel.substitute(raw, vars);
  }
  return { value, raw, range: flag.getValueRange() ?? flag.getRange() };
}
