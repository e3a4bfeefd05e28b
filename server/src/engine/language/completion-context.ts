import type { Heredoc } from 'dockerfile-ast';
import type { DockerfileModel, InstructionInfo } from '../model';
import type { Position } from '../types';

/**
 * Where the cursor is, read from the shared parse and the text before the cursor: in the
 * parser directives, at the start of an instruction, or inside one (which flag or which
 * argument, and the word being typed). Completion and signature help both start here.
 * Nothing is parsed again: only the instruction under the cursor is tokenised.
 */
export type CursorSite =
  | { kind: 'directive'; line: string; character: number }
  | { kind: 'keyword'; word: string; start: number }
  | { kind: 'none' }
  | ArgumentSite;

export interface ArgumentSite {
  kind: 'argument';
  info: InstructionInfo;
  /** The instruction the words belong to: an ONBUILD's trigger keyword when inside one. */
  keyword: string;
  /** Inside `ONBUILD`: the trigger keyword is still being typed. */
  onbuildTrigger: boolean;
  /** Flags written before the cursor (`--mount=...`), in order, without the word being typed. */
  flags: string[];
  /** Arguments (not flags) before the word being typed. */
  args: string[];
  /** The word being typed (text from its start to the cursor). */
  word: string;
  /** Character where `word` starts on the cursor line. */
  start: number;
  /** The rest of the word after the cursor, on the same line. */
  after: string;
  /** All argument words of the instruction (after the keyword and any flags), for signature help. */
  allArgs: number;
}

export function cursorSite(model: DockerfileModel, pos: Position): CursorSite {
  const lineCount = model.lines.lineCount;
  if (pos.line < 0 || pos.line >= lineCount || pos.character < 0) return { kind: 'none' };
  const lineText = model.lines.lineText(pos.line);
  const character = Math.min(pos.character, lineText.length);
  const before = lineText.slice(0, character);

  // Directives are the comment lines at the very top; the line being typed may be the next one.
  if (/^\s*#/.test(lineText) && pos.line <= model.directives.length) return { kind: 'directive', line: before, character };

  const info = model.instructionAtLine(pos.line);
  if (info && inHeredocBody(info, pos.line)) return { kind: 'none' };
  if (/^\s*#/.test(lineText)) return { kind: 'none' };
  const startsHere = !info || info.range.start.line === pos.line;
  if (startsHere) {
    const m = /^(\s*)([A-Za-z]*)$/.exec(before);
    if (m) return { kind: 'keyword', word: m[2], start: m[1].length };
  }
  if (!info) return { kind: 'none' };

  const startOffset = model.lines.offsetAt(info.range.start);
  const cursorOffset = model.lines.offsetAt({ line: pos.line, character });
  const endOffset = model.lines.offsetAt(info.range.end);
  const escape = escapeChar(model);
  const beforeWords = splitWords(model.text.slice(startOffset, cursorOffset), escape);
  const word = /\S*$/.exec(before)![0];
  const after = /^\S*/.exec(lineText.slice(character))![0];
  // The word being typed is the last one unless the cursor follows a blank.
  const previous = word ? beforeWords.slice(0, -1) : beforeWords;
  let keyword = (previous.shift() ?? '').toUpperCase();
  let onbuildTrigger = false;
  if (keyword === 'ONBUILD') {
    if (!previous.length) onbuildTrigger = true;
    else keyword = previous.shift()!.toUpperCase();
  }
  const flags: string[] = [];
  while (previous.length && previous[0].startsWith('--')) flags.push(previous.shift()!);
  // All arguments, for signature help: the words of the whole instruction's first line group.
  const allWords = splitWords(model.text.slice(startOffset, heredocCut(model, info, endOffset)), escape).slice(1);
  if (info.keyword === 'ONBUILD' && allWords.length) allWords.shift();
  while (allWords.length && allWords[0].startsWith('--')) allWords.shift();
  return { kind: 'argument', info, keyword, onbuildTrigger, flags, args: previous, word, start: character - word.length, after, allArgs: allWords.length };
}

function escapeChar(model: DockerfileModel): string {
  return model.directives.find(d => d.name === 'escape')?.value === '`' ? '`' : '\\';
}

/** Splits on blanks, treating an escaped line break as a blank, and keeping quoted blanks inside a word. */
function splitWords(text: string, escape: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escape && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 2 : 1;
      if (!quote && current) { words.push(current); current = ''; }
      continue;
    }
    if (quote) {
      current += c;
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") { quote = c; current += c; continue; }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (current) { words.push(current); current = ''; }
      continue;
    }
    current += c;
  }
  if (current) words.push(current);
  return words;
}

function heredocsOf(info: InstructionInfo): Heredoc[] {
  return (info.node as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs?.() ?? [];
}

function inHeredocBody(info: InstructionInfo, line: number): boolean {
  const heredocs = heredocsOf(info);
  return heredocs.length > 0 && line > info.range.start.line && heredocs.some(h => h.getStartRange().start.line < line);
}

/** Heredoc bodies are not arguments: words stop at the end of the line that opens the first one. */
function heredocCut(model: DockerfileModel, info: InstructionInfo, end: number): number {
  const heredocs = heredocsOf(info);
  if (!heredocs.length) return end;
  return Math.min(end, model.lines.lineEnd(heredocs[0].getStartRange().start.line));
}
