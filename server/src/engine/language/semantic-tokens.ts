/**
 * Semantic tokens: what each significant word of a Dockerfile is, beyond what a TextMate
 * grammar can tell (a `FROM name` that is a stage, not an image; a `$NAME` that is declared;
 * a value-less ARG that re-declares a global one). Computed from the shared parse and the name
 * index, so typing costs no extra parse. Types and modifiers are LSP's standard ones.
 */
import type { Instruction } from 'dockerfile-ast';
import { flagsOf, type DockerfileModel } from '../model';
import type { Range } from '../types';
import { PREDEFINED_PLATFORM_ARGS, PROXY_ARGS } from '../variables';
import { imageReferenceRange } from './image-range';
import { comparePositions, nameIndexOf } from './references';

export const TOKEN_TYPES = ['keyword', 'comment', 'macro', 'parameter', 'variable', 'namespace', 'type', 'string'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;

export type TokenType = typeof TOKEN_TYPES[number];
export type TokenModifier = typeof TOKEN_MODIFIERS[number];

/** One token on one line. */
export interface SemanticToken { line: number; character: number; length: number; type: TokenType; modifiers: TokenModifier[] }

const PREDEFINED = new Set([...Object.keys(PREDEFINED_PLATFORM_ARGS), ...PROXY_ARGS]);

const cache = new WeakMap<DockerfileModel, SemanticToken[]>();

/**
 * Tokens in document order, without overlaps; only those on the lines of `within` when given.
 * Computed once per parse: editors ask for the visible range, then the whole document.
 */
export function semanticTokens(model: DockerfileModel, within?: Range): SemanticToken[] {
  let all = cache.get(model);
  if (!all) cache.set(model, (all = computeTokens(model)));
  if (!within) return all;
  return all.filter(t => t.line >= within.start.line && t.line <= within.end.line);
}

function computeTokens(model: DockerfileModel): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  const push = (range: Range | null | undefined, type: TokenType, modifiers: TokenModifier[] = []) => {
    // Tokens cannot span lines; multi-line words (rare: continued flags) go without.
    if (!range || range.start.line !== range.end.line || range.end.character <= range.start.character) return;
    tokens.push({ line: range.start.line, character: range.start.character, length: range.end.character - range.start.character, type, modifiers });
  };
  const directiveLines = new Set(model.directives.map(d => d.line));
  for (const line of directiveLines) push({ start: { line, character: 0 }, end: { line, character: model.lines.lineText(line).length } }, 'macro');
  for (const comment of model.comments) {
    const range = comment.getRange();
    if (!directiveLines.has(range.start.line)) push(range, 'comment');
  }
  for (const info of model.instructions) {
    instructionTokens(info.node, push);
    if (info.keyword === 'FROM') {
      const stage = info.stage!;
      const image = stage.image;
      // An image written with variables leaves its `$NAME`s to be tokens of their own.
      if (!image.stage && !image.raw.includes('$')) push(imageReferenceRange(stage, true), 'type');
      const args = info.node.getArguments();
      if (args.length >= 3 && args[1].getValue().toLowerCase() === 'as') push(args[1].getRange(), 'keyword');
    }
  }
  for (const o of nameIndexOf(model).occurrences) {
    const modifiers: TokenModifier[] = [];
    if (o.declaration) modifiers.push('declaration');
    if (o.kind === 'variable' && o.undeclared && PREDEFINED.has(o.name)) modifiers.push('defaultLibrary');
    push(o.range, o.kind === 'stage' ? 'namespace' : 'variable', modifiers);
  }
  return withoutOverlaps(tokens);
}

type Push = (range: Range | null | undefined, type: TokenType, modifiers?: TokenModifier[]) => void;

function instructionTokens(node: Instruction, push: Push): void {
  push(node.getInstructionRange(), 'keyword');
  for (const flag of flagsOf(node)) {
    const range = flag.getRange();
    const name = flag.getNameRange();
    push({ start: range.start, end: name.end }, 'parameter');
  }
  const heredocs = (node as unknown as { getHeredocs?(): { getNameRange(): Range; getDelimiterRange(): Range | null }[] }).getHeredocs?.() ?? [];
  for (const doc of heredocs) {
    push(doc.getNameRange(), 'string');
    push(doc.getDelimiterRange(), 'string');
  }
  if (node.getKeyword() === 'ONBUILD') {
    const trigger = (node as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
    if (trigger) instructionTokens(trigger, push);
  }
}

/** Sorted; where two tokens overlap, the one starting first wins (a keyword over anything inside it). */
function withoutOverlaps(tokens: SemanticToken[]): SemanticToken[] {
  tokens.sort((a, b) => comparePositions(a, b) || b.length - a.length);
  const out: SemanticToken[] = [];
  let lastLine = -1, lastEnd = 0;
  for (const t of tokens) {
    if (t.line === lastLine && t.character < lastEnd) continue;
    out.push(t);
    lastLine = t.line;
    lastEnd = t.character + t.length;
  }
  return out;
}
