import type { DockerfileModel, InstructionInfo } from './model';
import type { TextEdit } from './types';

/**
 * Edits that write suppression pragmas, used by "ignore" quick fixes.
 * They extend an existing pragma rather than stacking a second one.
 */
export function ignoreForInstructionEdit(model: DockerfileModel, instruction: InstructionInfo, ruleId: string): TextEdit {
  const lines = model.lines;
  const line = instruction.range.start.line;
  const above = line > 0 ? lines.lineText(line - 1) : '';
  const existing = /^(\s*#\s*layerwise\s+ignore\s*=\s*)(.*?)\s*$/i.exec(above);
  if (existing) {
    const names = existing[2].split(',').map(s => s.trim()).filter(Boolean);
    if (!names.includes(ruleId)) names.push(ruleId);
    return { range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: above.length } }, newText: `${existing[1]}${names.join(',')}` };
  }
  const indent = /^\s*/.exec(lines.lineText(line))![0];
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# layerwise ignore=${ruleId}${lines.eol}` };
}

export function ignoreInFileEdit(model: DockerfileModel, ruleId: string): TextEdit {
  const lines = model.lines;
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const existing = /^(\s*#\s*layerwise\s+global\s+ignore\s*=\s*)(.*?)\s*$/i.exec(text);
    if (!existing) continue;
    const names = existing[2].split(',').map(s => s.trim()).filter(Boolean);
    if (!names.includes(ruleId)) names.push(ruleId);
    return { range: { start: { line, character: 0 }, end: { line, character: text.length } }, newText: `${existing[1]}${names.join(',')}` };
  }
  // Parser directives must stay first, so the pragma goes right after them.
  const directives = model.directives;
  const line = directives.length ? directives[directives.length - 1].line + 1 : 0;
  if (line >= lines.lineCount) {
    const end = { line: lines.lineCount - 1, character: lines.lineText(lines.lineCount - 1).length };
    return { range: { start: end, end }, newText: `${lines.eol}# layerwise global ignore=${ruleId}${lines.eol}` };
  }
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `# layerwise global ignore=${ruleId}${lines.eol}` };
}
