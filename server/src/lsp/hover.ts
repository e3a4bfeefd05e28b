import type { Hover, Position } from 'vscode-languageserver/node';
import type { Analysis } from '../engine/analyze';
import { summariseCopyIfReady, type BuildContext } from '../engine/context';
import { explainInstruction } from '../engine/explain';
import { describeBaseImage } from '../engine/knowledge/base-image-card';
import { INSTRUCTION_NOTES } from '../engine/knowledge/instructions';
import { flagValue, type InstructionInfo } from '../engine/model';
import { ruleHoverMarkdown } from '../engine/rule-docs';
import { ruleById } from '../engine/rules';
import { containsPosition } from '../engine/text';
import { ruleDocsHref } from './convert';

/**
 * One coherent hover: the problems at the cursor first (what is wrong and why), then, on an
 * instruction keyword, what the instruction does and the cache story of its layer, and on a
 * FROM image, the base-image card.
 */
export function hoverAt(analysis: Analysis, pos: Position, options: { docsBaseUrl?: string; buildContext?: BuildContext } = {}): Hover | null {
  const sections: string[] = [];
  for (const f of analysis.findings) {
    const rule = ruleById(f.ruleId);
    if (rule && containsPosition(f.range, pos)) sections.push(ruleHoverMarkdown(rule, f.message, ruleDocsHref(f.ruleId, options.docsBaseUrl)));
  }
  const model = analysis.model;
  const instruction = model.instructionAtLine(pos.line);
  if (instruction?.keyword === 'FROM' && instruction.stage && containsPosition(instruction.stage.image.range, pos)) {
    sections.push(describeBaseImage(instruction.stage.image, instruction.stage, model));
  } else if (instruction && containsPosition(instruction.node.getInstructionRange(), pos)) {
    const note = INSTRUCTION_NOTES[instruction.keyword];
    const parts = [
      note ? `**${instruction.keyword}** — \`${note.syntax}\`\n\n${note.note}` : '',
      explainInstruction(model, instruction) ?? '',
      options.buildContext ? copyContents(instruction, options.buildContext) : '',
    ].filter(Boolean);
    if (parts.length) sections.push(parts.join('\n\n'));
  }
  if (!sections.length) return null;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * What a COPY/ADD actually takes from the build context after `.dockerignore`. A hover never
 * waits for the disk: while the context is being scanned it says so (asking starts the scan).
 */
function copyContents(info: InstructionInfo, context: BuildContext): string {
  if ((info.keyword !== 'COPY' && info.keyword !== 'ADD') || flagValue(info.node, 'from') !== undefined) return '';
  const args = info.node.getArguments().map(a => a.getValue());
  if (args.length < 2 || args[0].startsWith('[')) return '';
  const summary = summariseCopyIfReady(context, args.slice(0, -1));
  if (!summary) return '**From the build context** (after `.dockerignore`): scanning the build context… Hover again in a moment for what this copy takes.';
  const atLeast = summary.truncated ? 'at least ' : '';
  const lines = [`**From the build context** (after \`.dockerignore\`): ${atLeast}${summary.files} file${summary.files === 1 ? '' : 's'}, ${atLeast}${size(summary.bytes)}.`];
  if (summary.largest.length) lines.push(`Largest: ${summary.largest.slice(0, 5).map(p => `\`${p.path}\` (${size(p.bytes)})`).join(', ')}.`);
  if (summary.excluded.length) lines.push(`Excluded by \`.dockerignore\`, so the build cannot see them: ${summary.excluded.map(s => `\`${s}\``).join(', ')}.`);
  if (summary.unmatched.length) lines.push(`Not found in the context: ${summary.unmatched.map(s => `\`${s}\``).join(', ')} (the build would fail).`);
  if (summary.truncated) lines.push('The context is larger than Layerwise scans; these figures are lower bounds.');
  return lines.join('\n\n');
}
