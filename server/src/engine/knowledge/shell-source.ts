import type { Heredoc, Instruction, JSONInstruction } from 'dockerfile-ast';
import type { DockerfileModel } from '../model';
import { runScript } from '../run';
import type { ShellCommand } from '../shell/commands';

/**
 * Where the words of a RUN (or shell-form CMD) sit in the document, so rules can point at
 * one command and fixes can insert a flag right after a word. `run.ts` gives argv lists
 * without positions; this mirrors the same splitting over the source text (continuations,
 * comment lines inside them, heredoc bodies) and keeps each word's offsets. It is checked
 * against `runScript` and gives up when the two disagree, so callers never edit the wrong
 * place. When the real shell parser lands with positions, this can go.
 */
export interface SourceWord {
  /** Unquoted value, as in `ShellCommand.argv`. */
  text: string;
  /** Document offsets of the word as written, quotes included. */
  start: number;
  end: number;
}

export interface SourceCommand {
  argv: SourceWord[];
  assignments: SourceWord[];
}

export interface SourceScript {
  commands: SourceCommand[];
  /** Document offset just after the last character of the script (where `&& more` can be appended). */
  end: number;
  /** A shell comment runs to the end of the script: text appended at `end` would be commented out. */
  endsInComment: boolean;
  /** The script comes from heredoc bodies. */
  heredoc: boolean;
  /** Operators that join commands at any level: `&&`, `||`, `;`, `|`, `&`, `newline`, `(`. */
  operators: Set<string>;
}

/** The escape character of the document (`# escape=` directive), `\` by default. */
export function escapeCharOf(model: DockerfileModel): string {
  const d = model.directives.find(x => x.name === 'escape');
  return d && (d.value === '`' || d.value === '\\') ? d.value : '\\';
}

interface Logical { chars: string[]; offs: number[] }

/**
 * Source positions of the shell commands of a shell-form instruction (RUN, CMD, ENTRYPOINT, or
 * an ONBUILD trigger). Undefined for exec form, or when the positions cannot be trusted.
 */
export function sourceScript(model: DockerfileModel, node: Instruction, verifyAgainstRun = true): SourceScript | undefined {
  if ((node as JSONInstruction).getJSONStrings?.().length) return undefined;
  const range = node.getArgumentsRange?.();
  if (!range) return undefined;
  const text = model.text;
  const start = model.lines.offsetAt(range.start);
  const end = model.lines.offsetAt(range.end);
  const escape = escapeCharOf(model);
  const heredocs = (node as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs?.() ?? [];
  const logical: Logical = { chars: [], offs: [] };
  if (heredocs.length) {
    // Mirrors run.ts: the line that opens the heredoc, without the `<<EOF` markers, then each body.
    const first: Logical = { chars: [], offs: [] };
    readInstructionText(text, start, end, escape, first, true);
    const line = first.chars.join('');
    const re = /<<-?\s*["']?\w+["']?/g;
    let last = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      for (let i = last; i < m.index; i++) { logical.chars.push(first.chars[i]); logical.offs.push(first.offs[i]); }
      last = m.index + m[0].length;
    }
    for (let i = last; i < first.chars.length; i++) { logical.chars.push(first.chars[i]); logical.offs.push(first.offs[i]); }
    for (const h of heredocs) {
      const body = h.getContentRange();
      const bStart = body ? model.lines.offsetAt(body.start) : logical.offs[logical.offs.length - 1] ?? start;
      const bEnd = body ? model.lines.offsetAt(body.end) : bStart;
      logical.chars.push('\n');
      logical.offs.push(bStart);
      for (let i = bStart; i < bEnd; i++) { logical.chars.push(text[i]); logical.offs.push(i); }
    }
  } else {
    readInstructionText(text, start, end, escape, logical, false);
  }
  const script = tokenize(logical, end);
  script.heredoc = heredocs.length > 0;
  if (verifyAgainstRun && node.getKeyword().toUpperCase() === 'RUN') {
    const expected = runScript(node).commands;
    if (expected.length !== script.commands.length) return undefined;
    for (let i = 0; i < expected.length; i++) {
      const a = expected[i], b = script.commands[i];
      if (a.argv.join('\0') !== b.argv.map(w => w.text).join('\0')) return undefined;
    }
  }
  return script;
}

/**
 * Copies an instruction's argument text with Dockerfile line continuations removed, as the
 * builder sees it: `<escape>` at the end of a line joins it with the next, and blank or
 * comment lines inside a continued instruction are dropped.
 */
function readInstructionText(text: string, start: number, end: number, escape: string, out: Logical, firstLineOnly: boolean): void {
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === escape) {
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r' && text[j + 1] === '\n') j++;
      if (text[j] === '\n' || j >= text.length) {
        i = j + 1;
        // Drop empty and comment lines that follow a continuation.
        for (;;) {
          let k = i;
          while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
          if (k < end && (text[k] === '\n' || text[k] === '\r' || text[k] === '#')) {
            const nl = text.indexOf('\n', k);
            if (nl < 0 || nl >= end) { i = end; break; }
            i = nl + 1;
            continue;
          }
          break;
        }
        continue;
      }
    }
    if (c === '\n' || c === '\r') {
      if (firstLineOnly) return;
    }
    out.chars.push(c);
    out.offs.push(i);
    i++;
  }
}

const OPERATOR_CHARS = new Set(['&', '|', ';', '\n', '(', ')']);

/** The splitting of `shell/commands.ts`, with offsets. Keep the two in step. */
function tokenize(src: Logical, fallbackEnd: number): SourceScript {
  const s = src.chars;
  const off = (i: number) => src.offs[Math.min(i, src.offs.length - 1)] ?? fallbackEnd;
  const commands: SourceCommand[] = [];
  const operators = new Set<string>();
  let words: SourceWord[] = [];
  let word = '';
  let inWord = false;
  let wordStart = -1;
  let endsInComment = false;

  const touch = (i: number) => { if (wordStart < 0) wordStart = i; };
  const endWord = (endIdx: number) => {
    if (inWord) words.push({ text: word, start: off(wordStart), end: off(endIdx - 1) + 1 });
    word = '';
    inWord = false;
    wordStart = -1;
  };
  const endCommand = (endIdx: number) => {
    endWord(endIdx);
    const assignments: SourceWord[] = [];
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].text)) assignments.push(words.shift()!);
    while (words.length && (words[0].text === '{' || words[0].text === '!')) words.shift();
    if (words.length && words[words.length - 1].text === '}') words.pop();
    if (words.length || assignments.length) commands.push({ argv: words, assignments });
    words = [];
  };

  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      if (s[i + 1] === '\n') { i++; continue; }
      if (i + 1 < s.length) { touch(i); word += s[i + 1]; inWord = true; i++; }
      continue;
    }
    if (c === "'") {
      touch(i);
      let e = i + 1;
      while (e < s.length && s[e] !== "'") e++;
      word += s.slice(i + 1, e).join('');
      inWord = true;
      i = Math.min(e, s.length - 1);
      if (e >= s.length) i = s.length;
      continue;
    }
    if (c === '"') {
      touch(i);
      i++;
      inWord = true;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length && '"\\$`\n'.includes(s[i + 1])) {
          if (s[i + 1] !== '\n') word += s[i + 1];
          i += 2;
          continue;
        }
        if (s[i] === '$' && s[i + 1] === '(') { const e = skipBalanced(s, i + 1); word += s.slice(i, e).join(''); i = e; continue; }
        word += s[i++];
      }
      continue;
    }
    if (c === '$' && s[i + 1] === '(') {
      touch(i);
      const e = skipBalanced(s, i + 1);
      word += s.slice(i, e).join('');
      inWord = true;
      i = e - 1;
      continue;
    }
    if (c === '`') {
      touch(i);
      let e = i + 1;
      while (e < s.length && s[e] !== '`') e++;
      const stop = e >= s.length ? s.length : e + 1;
      word += s.slice(i, stop).join('');
      inWord = true;
      i = stop - 1;
      continue;
    }
    if (c === '#' && !inWord) {
      let nl = i;
      while (nl < s.length && s[nl] !== '\n') nl++;
      if (nl >= s.length) endsInComment = true;
      i = nl - 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { endWord(i); continue; }
    if (OPERATOR_CHARS.has(c)) {
      if (c === '&' && (s[i - 1] === '>' || s[i + 1] === '>')) { touch(i); word += c; inWord = true; continue; }
      if (c === '|' && s[i - 1] === '>') { touch(i); word += c; inWord = true; continue; }
      if (c === '&' && s[i + 1] === '&') { operators.add('&&'); endCommand(i); i++; endCommand(i); continue; }
      if (c === '|' && s[i + 1] === '|') { operators.add('||'); endCommand(i); i++; endCommand(i); continue; }
      operators.add(c === '\n' ? 'newline' : c === ')' ? '(' : c);
      endCommand(i);
      continue;
    }
    touch(i);
    word += c;
    inWord = true;
  }
  endCommand(s.length);
  let last = s.length - 1;
  while (last >= 0 && /\s/.test(s[last])) last--;
  return { commands, end: last >= 0 ? off(last) + 1 : fallbackEnd, endsInComment, heredoc: false, operators };
}

function skipBalanced(s: string[], open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === "'") { let e = i + 1; while (e < s.length && s[e] !== "'") e++; if (e >= s.length) return s.length; i = e; continue; }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return s.length;
}

/** An exec-form argument list with the document range of each element. */
export interface ExecForm {
  argv: string[];
  /** Offsets of each JSON string, quotes included. */
  spans: { start: number; end: number }[];
}

/**
 * Parses the JSON array of an exec-form instruction (`CMD ["a", "b"]`) with a real JSON
 * parser: dockerfile-ast's `getJSONValue` drops spaces inside strings (`"a b"` → `ab`).
 * Undefined when the instruction is not valid exec form, which Docker runs as shell form.
 */
export function execForm(model: DockerfileModel, node: Instruction): ExecForm | undefined {
  const strings = (node as JSONInstruction).getJSONStrings?.() ?? [];
  const content = node.getArgumentsContent();
  if (!content) return undefined;
  const trimmed = content.trim();
  if (!trimmed.startsWith('[')) return undefined;
  let parsed: unknown;
  try { parsed = JSON.parse(trimmed); } catch { return undefined; }
  if (!Array.isArray(parsed) || !parsed.every(x => typeof x === 'string')) return undefined;
  const spans = strings.map(s => ({ start: model.lines.offsetAt(s.getRange().start), end: model.lines.offsetAt(s.getRange().end) }));
  return { argv: parsed as string[], spans: spans.length === parsed.length ? spans : [] };
}

/**
 * The command behind wrappers that run another command unchanged: `sudo`, `env A=1`, `nice`,
 * `time`, `exec`, `command`. `offset` is how many words were skipped.
 */
export function unwrapCommand(cmd: ShellCommand): { argv: string[]; assignments: string[]; offset: number } {
  let i = 0;
  const argv = cmd.argv;
  const assignments = [...cmd.assignments];
  for (;;) {
    const name = (argv[i] ?? '').slice((argv[i] ?? '').lastIndexOf('/') + 1);
    if (!['sudo', 'env', 'nice', 'time', 'exec', 'command', 'nohup'].includes(name) || i + 1 >= argv.length) break;
    i++;
    while (i < argv.length - 1 && (argv[i].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]))) {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) assignments.push(argv[i]);
      // `sudo -u user`, `nice -n 10` take a value.
      else if (['-u', '-g', '-n', '-a'].includes(argv[i]) && i + 2 < argv.length) i++;
      i++;
    }
  }
  return { argv: argv.slice(i), assignments, offset: i };
}
