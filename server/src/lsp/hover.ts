import type { Flag, Onbuild, Property } from 'dockerfile-ast';
import type { Hover, Position } from 'vscode-languageserver/node';
import type { Analysis } from '../engine/analyze';
import { summariseCopyIfReady, type BuildContext } from '../engine/context';
import { explainInstruction } from '../engine/explain';
import { describeBaseImage } from '../engine/knowledge/base-image-card';
import { directiveSpec, instructionFlag, mountOption, mountType } from '../engine/knowledge/buildkit-flags';
import { INSTRUCTION_NOTES } from '../engine/knowledge/instructions';
import { displayValue } from '../engine/language/completion-variables';
import { flagsOf, flagValue, type DockerfileModel, type InstructionInfo } from '../engine/model';
import { ruleHoverMarkdown } from '../engine/rule-docs';
import { ruleById } from '../engine/rules';
import { containsPosition } from '../engine/text';
import { variablesOf, type VarDef } from '../engine/variables';
import { ruleDocsHref } from './convert';

/**
 * One coherent hover: the problems at the cursor first (what is wrong and why), then, on an
 * instruction keyword, what the instruction does and the cache story of its layer, and on a
 * FROM image, the base-image card. What dockerfile-language-service's hover adds is covered
 * here too, from our own tables and on the shared parse: parser directives, flags and mount
 * options, ONBUILD trigger keywords, and the value of a variable (masked when its name looks
 * like a credential). Each position gets one of these, so nothing is said twice.
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
  } else {
    const detail = instruction ? instructionDetailAt(model, instruction, pos) : directiveAt(model, pos);
    if (detail) sections.push(detail);
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

/** Inside an instruction, off its keyword: a flag, an ONBUILD trigger keyword, a variable, an ARG/ENV name. */
function instructionDetailAt(model: DockerfileModel, info: InstructionInfo, pos: Position): string | undefined {
  const trigger = info.keyword === 'ONBUILD' ? (info.node as Onbuild) : undefined;
  const triggerRange = trigger?.getTriggerRange();
  if (trigger && triggerRange && containsPosition(triggerRange, pos)) {
    const keyword = (trigger.getTrigger() ?? '').toUpperCase();
    const note = INSTRUCTION_NOTES[keyword];
    if (note) return `**ONBUILD ${keyword}** — \`${note.syntax}\`\n\nRuns when another Dockerfile builds \`FROM\` this image, not here. ${note.note}`;
  }
  const node = trigger?.getTriggerInstruction() ?? info.node;
  const keyword = node.getKeyword().toUpperCase();
  const flag = flagsOf(node).find(f => containsPosition(f.getRange(), pos));
  if (flag) return flagHover(keyword, flag, pos);
  return variableHover(model, info, pos);
}

function flagHover(keyword: string, flag: Flag, pos: Position): string | undefined {
  const spec = instructionFlag(keyword, flag.getName());
  if (!spec) return undefined;
  const head = `**${keyword} --${spec.name}**${spec.value ? ` \`--${spec.name}=${spec.value}\`` : ''}\n\n${spec.doc}${spec.since ? ` _(Since ${spec.since}.)_` : ''}`;
  if (keyword !== 'RUN' || spec.name !== 'mount') return head;
  const options = flag.getOptions();
  const type = mountType(options.find(o => o.getName().toLowerCase() === 'type')?.getValue() ?? 'bind');
  if (!type) return head;
  const parts = [head, `**type=${type.type}**: ${type.doc}`];
  const under = options.find(o => containsPosition(o.getRange(), pos));
  const option = under && under.getName().toLowerCase() !== 'type' ? mountOption(type, under.getName()) : undefined;
  if (option) parts.push(`**${under!.getName()}**${option.value ? ` \`${option.name}=${option.value}\`` : ''}: ${option.doc}`);
  return parts.join('\n\n');
}

/** `$NAME` in an expanded word, or the name of an ARG/ENV: its value here, where it comes from. */
function variableHover(model: DockerfileModel, info: InstructionInfo, pos: Position): string | undefined {
  const vars = variablesOf(model);
  const ref = vars.referenceAt(pos.line, pos.character);
  if (ref) {
    if (ref.definition) return `\`${ref.name}\` = ${valueText(ref.definition)}${origin(ref.definition)}`;
    if (ref.declared) return `\`${ref.name}\` is declared without a value: empty unless \`docker build --build-arg ${ref.name}=...\` sets it.`;
    return `\`${ref.name}\` is not set here${ref.imageMaySet ? ' (unless the base image sets it)' : ''}: it expands to an empty string.`;
  }
  const shellName = shellVariableAt(model, pos);
  if (shellName) {
    // RUN, CMD and the like are expanded by the shell, which sees the ARG and ENV values as its environment.
    const def = vars.resolve(shellName, pos.line);
    return def
      ? `\`${shellName}\` = ${valueText(def)}${origin(def)} (in the command's environment)`
      : `\`${shellName}\` is not set by any ARG or ENV before this line: the command sees only what the shell or the base image sets.`;
  }
  if (info.keyword !== 'ARG' && info.keyword !== 'ENV') return undefined;
  const property = ((info.node as unknown as { getProperties(): Property[] }).getProperties?.() ?? []).find(p => containsPosition(p.getNameRange(), pos));
  if (!property) return undefined;
  const name = property.getName();
  // The value in effect just after this instruction (ARG defaults may refer to earlier ones).
  const def = vars.resolve(name, info.range.end.line + 1) ?? vars.resolve(name, info.range.end.line);
  const value = def && (def.info === info || def.node?.startLine === info.range.start.line) ? valueText(def) : property.getValue() === null ? '_no default: set at build time_' : `\`${displayValue(name, property.getValue())}\``;
  return `\`${name}\` = ${value}`;
}

/** The name of a `$NAME` or `${NAME...}` under the cursor, read from the line. */
function shellVariableAt(model: DockerfileModel, pos: Position): string | undefined {
  const text = model.lines.lineText(pos.line);
  for (const m of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    if (pos.character >= m.index! && pos.character <= m.index! + m[0].length) return m[1] ?? m[2];
  }
  return undefined;
}

function valueText(def: VarDef): string {
  return def.value === null ? '_known only at build time_' : `\`${displayValue(def.name, def.value)}\``;
}

function origin(def: VarDef): string {
  const line = def.info ? ` on line ${def.info.range.start.line + 1}` : '';
  switch (def.source) {
    case 'global-arg': return ` — global ARG${line}`;
    case 'arg': return ` — ARG${line}${def.inheritedFrom?.name ? ` (stage \`${def.inheritedFrom.name}\`)` : ''}`;
    case 'env': return ` — ENV${line}${def.inheritedFrom?.name ? ` (stage \`${def.inheritedFrom.name}\`)` : ''}`;
    case 'predefined': return ' — set by the builder (shown for a linux/amd64 build)';
    case 'image': return ' — from the base image';
    case 'build-arg': return ' — from a build argument';
    case 'default-path': return ' — the default PATH';
  }
}

/** A parser directive at the top of the file. */
function directiveAt(model: DockerfileModel, pos: Position): string | undefined {
  const directive = model.directives.find(d => d.line === pos.line);
  const spec = directive && directiveSpec(directive.name);
  if (!directive || !spec) return undefined;
  return `**# ${spec.name}=** \`${spec.value}\`\n\n${spec.doc}\n\nOnly recognised in the comment lines at the very top of the file, before anything else.`;
}
