import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { envFileNames, scanEnvUsage, usagesWithin, type EnvScan, type EnvUsage } from '../engine/env-usage';
import { findStage, imageRequirements, type StageSummary, type TargetRequirements } from '../engine/image-requirements';
import { DockerfileModel } from '../engine/model';

/**
 * Custom requests the Layerwise client sends besides standard LSP. The types here are
 * the wire format; the client imports them as types only.
 */
export const IMAGE_REQUIREMENTS_REQUEST = 'layerwise/imageRequirements';

/** Which process serves this connection (the client's restart test kills it by this pid). */
export const SERVER_INFO_REQUEST = 'layerwise/serverInfo';

export interface ServerInfoResult {
  pid: number;
  /** Milliseconds since the epoch when this server process started. */
  startedAt: number;
}

export interface ImageRequirementsParams {
  /** `file:` URI of the Dockerfile. */
  uri: string;
  /** Stage index, name or `stage-N`; default: the last stage. */
  target?: string | number;
  /** Absolute build context folder; default: the Dockerfile's folder. */
  contextDir?: string;
  /** Also look for a `.env` here (the workspace folder). */
  workspaceDir?: string;
  /** Limits of the context scan (tests use small ones). */
  scan?: { maxFiles?: number; timeBudgetMs?: number };
}

export interface TargetWithEnv extends TargetRequirements {
  /** Environment reads of the code this target copies from the context. */
  envUsage: EnvUsage[];
}

export interface EnvFileInfo {
  /** Absolute path. */
  path: string;
  where: 'context' | 'workspace';
  /** The names it defines; values never leave the server. */
  names: string[];
}

/** One instruction as the builders print it, so build output can be mapped back to a line. */
export interface InstructionSummary {
  keyword: string;
  /** 0-based first and last line. */
  line: number;
  endLine: number;
  /** Stage index; undefined for ARGs before the first FROM. */
  stage?: number;
  /** Keyword and arguments with line continuations removed, as `Step 3/9 : ...` shows it. */
  text: string;
}

export interface ImageRequirementsResult {
  dockerfile: string;
  contextDir: string;
  stages: StageSummary[];
  defaultTarget: number;
  /** The requested (or default) target. */
  target: number;
  targets: TargetWithEnv[];
  scan: Omit<EnvScan, 'usages'>;
  envFiles: EnvFileInfo[];
  instructions: InstructionSummary[];
}

/** Registers the custom requests; `textOf` gives the open document's text (unsaved edits included). */
export function registerRequests(connection: Connection, textOf: (uri: string) => string | undefined): void {
  connection.onRequest(IMAGE_REQUIREMENTS_REQUEST, (params: ImageRequirementsParams) => imageRequirementsFor(params, textOf));
  connection.onRequest(SERVER_INFO_REQUEST, (): ServerInfoResult => ({ pid: process.pid, startedAt: Math.round(Date.now() - process.uptime() * 1000) }));
}

export async function imageRequirementsFor(params: ImageRequirementsParams, textOf: (uri: string) => string | undefined = () => undefined): Promise<ImageRequirementsResult> {
  let dockerfile: string;
  try {
    dockerfile = fileURLToPath(params.uri);
  } catch {
    throw new ResponseError(ErrorCodes.InvalidParams, `Not a file URI: ${params.uri}`);
  }
  let text = textOf(params.uri);
  if (text === undefined) {
    try {
      text = await fs.promises.readFile(dockerfile, 'utf8');
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, `Cannot read ${dockerfile}: ${(e as Error).message}`);
    }
  }
  const model = new DockerfileModel(text);
  const requirements = imageRequirements(model);
  if (!requirements.stages.length) throw new ResponseError(ErrorCodes.InvalidParams, `${path.basename(dockerfile)} has no FROM instruction, so there is nothing to build.`);
  const stage = findStage(model, params.target);
  if (!stage) {
    throw new ResponseError(ErrorCodes.InvalidParams, `${path.basename(dockerfile)} has no stage "${params.target}"; its stages are ${requirements.stages.map(s => s.label).join(', ')}.`);
  }

  const contextDir = path.resolve(params.contextDir ?? path.dirname(dockerfile));
  // One walk of the context for every target; each target keeps the reads of what it copies.
  const include = [...new Set(requirements.targets.flatMap(t => t.contextSources))];
  const { usages, ...scan } = include.length
    ? await scanEnvUsage(contextDir, { include, dockerfile, ...params.scan })
    : { usages: [], filesScanned: 0, dockerignore: false, elapsedMs: 0 };

  const envFiles: EnvFileInfo[] = [];
  const dirs: [string, EnvFileInfo['where']][] = [[contextDir, 'context']];
  if (params.workspaceDir && path.resolve(params.workspaceDir) !== contextDir) dirs.push([path.resolve(params.workspaceDir), 'workspace']);
  for (const [dir, where] of dirs) {
    const file = path.join(dir, '.env');
    const content = await fs.promises.readFile(file, 'utf8').catch(() => undefined);
    if (content !== undefined) envFiles.push({ path: file, where, names: envFileNames(content) });
  }

  return {
    dockerfile,
    contextDir,
    stages: requirements.stages,
    defaultTarget: requirements.defaultTarget,
    target: stage.index,
    targets: requirements.targets.map(t => ({ ...t, envUsage: usagesWithin(usages, t.contextSources) })),
    scan,
    envFiles,
    instructions: model.instructions.map(i => ({
      keyword: i.keyword,
      line: i.range.start.line,
      endLine: i.range.end.line,
      stage: i.stage?.index,
      text: `${i.node.getKeyword()} ${i.node.getArgumentsContent() ?? ''}`.trim(),
    })),
  };
}
