/**
 * The outline of a Dockerfile: global ARGs, then each build stage with its instructions. ARG and
 * ENV instructions list the variables they declare as children.
 */
import type { Property } from 'dockerfile-ast';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';
import type { Range } from '../types';
import { imageReferenceRange } from './image-range';

export type OutlineKind = 'stage' | 'instruction' | 'variable' | 'label';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** Everything the symbol spans. */
  range: Range;
  /** What to reveal and select: the stage name, the keyword, the variable name. */
  selectionRange: Range;
  children: OutlineSymbol[];
}

const DETAIL_LENGTH = 60;

const cache = new WeakMap<DockerfileModel, OutlineSymbol[]>();

/** The outline of one parse (memoised: outline, breadcrumbs and sticky scroll all ask for it). */
export function documentSymbols(model: DockerfileModel): OutlineSymbol[] {
  let out = cache.get(model);
  if (!out) cache.set(model, (out = computeSymbols(model)));
  return out;
}

function computeSymbols(model: DockerfileModel): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const info of model.instructions) {
    if (!info.stage) out.push(instructionSymbol(info));
  }
  for (const stage of model.stages) out.push(stageSymbol(stage));
  return out;
}

function stageSymbol(stage: Stage): OutlineSymbol {
  const first = stage.instructions[0];
  const last = stage.instructions[stage.instructions.length - 1];
  const image = stage.image.raw || '(no image)';
  const name = stage.from.getBuildStage() ?? `stage ${stage.index}`;
  return {
    name,
    detail: `FROM ${image}`,
    kind: 'stage',
    range: { start: first.range.start, end: last.range.end },
    selectionRange: stage.from.getBuildStageRange() ?? imageReferenceRange(stage, false) ?? stage.from.getInstructionRange(),
    children: stage.instructions.slice(1).map(instructionSymbol),
  };
}

function instructionSymbol(info: InstructionInfo): OutlineSymbol {
  const children: OutlineSymbol[] = [];
  if (info.keyword === 'ARG' || info.keyword === 'ENV' || info.keyword === 'LABEL') {
    const kind: OutlineKind = info.keyword === 'LABEL' ? 'label' : 'variable';
    for (const p of (info.node as unknown as { getProperties(): Property[] }).getProperties()) {
      if (!p.getName()) continue;
      children.push({ name: p.getName(), detail: p.getValue() ?? undefined, kind, range: p.getRange(), selectionRange: p.getNameRange(), children: [] });
    }
  }
  return {
    name: info.keyword,
    detail: summarise(info.node.getArgumentsContent() ?? ''),
    kind: 'instruction',
    range: info.range,
    selectionRange: info.node.getInstructionRange(),
    children,
  };
}

/** The arguments on one line, shortened: the outline has little room. */
function summarise(args: string): string | undefined {
  const oneLine = args.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
  if (!oneLine) return undefined;
  return oneLine.length > DETAIL_LENGTH ? `${oneLine.slice(0, DETAIL_LENGTH - 1)}…` : oneLine;
}
