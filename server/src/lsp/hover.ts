import type { Hover, Position } from 'vscode-languageserver/node';
import type { Analysis } from '../engine/analyze';
import { explainInstruction } from '../engine/explain';
import { INSTRUCTION_NOTES } from '../engine/knowledge/instructions';
import { ruleHoverMarkdown } from '../engine/rule-docs';
import { ruleById } from '../engine/rules';
import { containsPosition } from '../engine/text';
import { ruleDocsHref } from './convert';

/**
 * One coherent hover: the problems at the cursor first (what is wrong and why), then, on an
 * instruction keyword, what the instruction does and the cache story of its layer.
 */
export function hoverAt(analysis: Analysis, pos: Position, docsBaseUrl?: string): Hover | null {
  const sections: string[] = [];
  for (const f of analysis.findings) {
    const rule = ruleById(f.ruleId);
    if (rule && containsPosition(f.range, pos)) sections.push(ruleHoverMarkdown(rule, f.message, ruleDocsHref(f.ruleId, docsBaseUrl)));
  }
  const model = analysis.model;
  const instruction = model.instructionAtLine(pos.line);
  if (instruction && containsPosition(instruction.node.getInstructionRange(), pos)) {
    const note = INSTRUCTION_NOTES[instruction.keyword];
    const story = explainInstruction(model, instruction);
    if (note || story) sections.push([note ? `**${instruction.keyword}** — \`${note.syntax}\`\n\n${note.note}` : '', story ?? ''].filter(Boolean).join('\n\n'));
  }
  if (!sections.length) return null;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
}
