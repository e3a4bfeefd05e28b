/**
 * Reads what `docker build` prints: the current step for the progress notification, and,
 * when a build fails, which instruction failed and why. Handles the classic builder
 * (`Step 3/9 : RUN ...`) and BuildKit's plain progress (`#7 [stage-1 3/9] RUN ...`,
 * `ERROR: failed to solve: ...`, `Dockerfile:12` excerpts). Pure; no vscode.
 */
import type { InstructionSummary } from '../../../server/src/lsp/requests';

export interface OutputLine { text: string; stream: 'stdout' | 'stderr' }

export interface BuildStep {
  step: number;
  total: number;
  /** BuildKit's stage label (`builder`, `stage-1`); undefined for the classic builder and single-stage builds. */
  stage?: string;
  text: string;
}

export interface BuildFailure {
  /** 0-based lines of the failing instruction, when it could be identified. */
  line?: number;
  endLine?: number;
  /** The builder's own error message, cleaned of progress prefixes. */
  message: string;
  /** The instruction as the builder printed it. */
  instruction?: string;
}

const CLASSIC_STEP = /^Step (\d+)\/(\d+) : (.*)$/;
/** `#7 [stage-1 3/9] RUN ...`; internal vertices (`[internal] load ...`) have no k/n. */
const BUILDKIT_VERTEX = /^#(\d+) \[(?:(\S+) )?(\d+)\/(\d+)\] (.*)$/;

export function parseStep(line: string): BuildStep | undefined {
  let m = CLASSIC_STEP.exec(line);
  if (m) return { step: Number(m[1]), total: Number(m[2]), text: m[3] };
  m = BUILDKIT_VERTEX.exec(line);
  if (m) return { step: Number(m[3]), total: Number(m[4]), stage: m[2], text: m[5] };
  return undefined;
}

/**
 * Containers the classic builder started for a step and did not remove (`Running in X`
 * without `Removing intermediate container X`): what a daemon that died mid-build leaves.
 */
export function unfinishedBuildContainers(lines: OutputLine[]): string[] {
  const started: string[] = [];
  const removed = new Set<string>();
  for (const { text } of lines) {
    const run = /^ ---> Running in ([0-9a-f]{12,64})\s*$/.exec(text);
    if (run) started.push(run[1]);
    const rm = /^Removing intermediate container ([0-9a-f]{12,64})\s*$/.exec(text);
    if (rm) removed.add(rm[1]);
  }
  return started.filter(id => !removed.has(id));
}

/** The classic builder's banner about being deprecated is not an error. */
function isNoise(text: string): boolean {
  return /^DEPRECATED: The legacy builder is deprecated|^\s+(Install the buildx component|https:\/\/docs\.docker\.com\/go\/buildx)|^\s*$/.test(text);
}

const norm = (s: string) => s.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Finds the failing instruction and the message in the output of a failed build.
 * `instructions` come from the language server's parse of the same Dockerfile.
 */
export function findBuildFailure(lines: OutputLine[], instructions: InstructionSummary[], stageLabels: string[], dockerfileName: string): BuildFailure {
  const texts = lines.map(l => l.text);
  const hinted = dockerfileHint(texts, dockerfileName, instructions);
  const buildkit = texts.some(t => /^#\d+ /.test(t));
  const failure = buildkit ? buildkitFailure(texts, instructions, stageLabels) : classicFailure(lines, instructions);
  if (hinted) return { ...failure, line: hinted.line, endLine: hinted.endLine };
  return failure;
}

function classicFailure(lines: OutputLine[], instructions: InstructionSummary[]): BuildFailure {
  let lastStep = -1;
  let step: BuildStep | undefined;
  lines.forEach((l, i) => {
    const s = CLASSIC_STEP.exec(l.text);
    if (s) { lastStep = i; step = { step: Number(s[1]), total: Number(s[2]), text: s[3] }; }
  });
  const after = lines.slice(lastStep + 1);
  const errors = after.filter(l => l.stream === 'stderr' && !isNoise(l.text)).map(l => l.text.trim());
  const message = errors.join('\n') || lastMeaningful(after.map(l => l.text)) || 'The build failed.';
  if (!step) return { message };
  // Classic steps count every instruction of the file, global ARGs included.
  let instr = instructions[step.step - 1];
  if (!instr || norm(instr.text) !== norm(step.text)) instr = instructions.find(i => norm(i.text) === norm(step!.text)) ?? instr;
  return { message, instruction: step.text, line: instr?.line, endLine: instr?.endLine };
}

function buildkitFailure(texts: string[], instructions: InstructionSummary[], stageLabels: string[]): BuildFailure {
  const vertices = new Map<string, { stage?: string; k: number; n: number; text: string } | { internal: string }>();
  let failedVertex: string | undefined;
  let vertexError: string | undefined;
  for (const t of texts) {
    const v = BUILDKIT_VERTEX.exec(t);
    if (v && !vertices.has(v[1])) vertices.set(v[1], { stage: v[2], k: Number(v[3]), n: Number(v[4]), text: v[5] });
    const internal = /^#(\d+) \[internal\] (.*)$/.exec(t);
    if (internal && !vertices.has(internal[1])) vertices.set(internal[1], { internal: internal[2] });
    const err = /^#(\d+) ERROR: (.*)$/.exec(t);
    if (err && !failedVertex) { failedVertex = err[1]; vertexError = err[2]; }
  }
  const final = [...texts].reverse().find(t => /^(ERROR|error): /.test(t) || /^failed to solve/.test(t));
  const message = cleanMessage(final ?? vertexError ?? lastMeaningful(texts) ?? 'The build failed.');
  const vertex = failedVertex ? vertices.get(failedVertex) : undefined;
  if (!vertex) return { message };
  if ('internal' in vertex) {
    // `load metadata for docker.io/library/python:3.11` fails when the base image cannot be had.
    const image = /load metadata for (\S+)/.exec(vertex.internal)?.[1];
    const from = image ? fromLineFor(image, instructions) : undefined;
    return { message, instruction: from?.text, line: from?.line, endLine: from?.endLine };
  }
  const stageIndex = vertex.stage === undefined ? stageLabels.length - 1 : stageLabels.indexOf(vertex.stage.toLowerCase());
  const inStage = instructions.filter(i => i.stage === stageIndex);
  // BuildKit numbers the FROM and the instructions that make a layer: RUN, COPY, ADD, WORKDIR.
  const numbered = inStage.filter(i => ['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR'].includes(i.keyword));
  const byText = inStage.filter(i => norm(i.text) === norm(vertex.text));
  const instr = byText.find(i => numbered.indexOf(i) === vertex.k - 1) ?? byText[0] ?? numbered[vertex.k - 1];
  return { message, instruction: vertex.text, line: instr?.line, endLine: instr?.endLine };
}

function fromLineFor(image: string, instructions: InstructionSummary[]): InstructionSummary | undefined {
  const short = image.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
  const froms = instructions.filter(i => i.keyword === 'FROM');
  return froms.find(i => i.text.split(/\s+/).some(w => w === short || w === image)) ?? (froms.length === 1 ? froms[0] : undefined);
}

/** `Dockerfile:12` followed by an excerpt: newer BuildKit says exactly where it failed. */
function dockerfileHint(texts: string[], dockerfileName: string, instructions: InstructionSummary[]): InstructionSummary | { line: number; endLine: number } | undefined {
  for (let i = texts.length - 1; i >= 0; i--) {
    const m = /^(\S+):(\d+)$/.exec(texts[i].trim());
    if (!m || !/^-+$/.test(texts[i + 1]?.trim() ?? '')) continue;
    const name = m[1].split(/[\\/]/).pop();
    if (name !== dockerfileName && name !== 'Dockerfile') continue;
    const line = Number(m[2]) - 1;
    return instructions.find(ins => line >= ins.line && line <= ins.endLine) ?? { line, endLine: line };
  }
  return undefined;
}

function cleanMessage(text: string): string {
  return text.replace(/^#\d+ /, '').replace(/^(ERROR|error): /, '').replace(/^failed to solve: /, '').trim();
}

function lastMeaningful(texts: string[]): string | undefined {
  return [...texts].reverse().find(t => !isNoise(t) && !/^-+$/.test(t.trim()))?.trim();
}
