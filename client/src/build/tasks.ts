import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlowOutcome, ScriptedRun } from './commands';
import type { Answer, Mode } from './prompt-model';
import { OutputTerminal } from './terminal';

/**
 * `"type": "layerwise"` tasks: the same Build / Run / Build and Run, with the answers
 * written in tasks.json (never secrets: those come from secret storage, or are asked).
 *
 *   { "type": "layerwise", "command": "buildAndRun", "dockerfile": "app/Dockerfile",
 *     "tag": "app:dev", "buildArgs": { "VERSION": "1.2" }, "env": { "LOG_LEVEL": "debug" },
 *     "ports": { "8000/tcp": "8080:8000" }, "hardening": true }
 */
export interface LayerwiseTaskDefinition extends vscode.TaskDefinition {
  type: 'layerwise';
  command: Mode;
  /** Relative to the workspace folder; default: the only Dockerfile, or a prompt. */
  dockerfile?: string;
  context?: string;
  tag?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  env?: Record<string, string>;
  envFile?: string;
  ports?: Record<string, string>;
  hardening?: boolean;
}

export type FlowRunner = (mode: Mode, uri: vscode.Uri | undefined, scripted: ScriptedRun, terminal: OutputTerminal) => Promise<FlowOutcome>;

const MODES: Mode[] = ['build', 'run', 'buildAndRun'];
const LABELS: Record<Mode, string> = { build: 'build', run: 'run', buildAndRun: 'build and run' };

export function registerTaskProvider(run: FlowRunner): vscode.Disposable {
  return vscode.tasks.registerTaskProvider('layerwise', {
    async provideTasks(): Promise<vscode.Task[]> {
      if (!vscode.workspace.isTrusted) return [];
      const files = await vscode.workspace.findFiles('**/{Dockerfile,Containerfile}', '**/{node_modules,.git}/**', 20);
      const tasks: vscode.Task[] = [];
      for (const file of files) {
        const folder = vscode.workspace.getWorkspaceFolder(file);
        if (!folder) continue;
        const rel = vscode.workspace.asRelativePath(file, false);
        for (const command of MODES) tasks.push(makeTask({ type: 'layerwise', command, dockerfile: rel }, folder, run));
      }
      return tasks;
    },
    resolveTask(task: vscode.Task): vscode.Task | undefined {
      const def = task.definition as LayerwiseTaskDefinition;
      if (def.type !== 'layerwise' || !MODES.includes(def.command)) return undefined;
      const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
      if (!folder) return undefined;
      return makeTask(def, folder, run, task.name);
    },
  });
}

function makeTask(def: LayerwiseTaskDefinition, folder: vscode.WorkspaceFolder, run: FlowRunner, name?: string): vscode.Task {
  const task = new vscode.Task(def, folder, name ?? `${LABELS[def.command]} ${def.dockerfile ?? 'Dockerfile'}`, 'layerwise',
    new vscode.CustomExecution(async () => {
      const terminal = new OutputTerminal();
      terminal.onOpen = () => {
        const uri = def.dockerfile ? vscode.Uri.joinPath(folder.uri, def.dockerfile) : undefined;
        const contextDir = def.context ? vscode.Uri.joinPath(folder.uri, def.context).fsPath : undefined;
        void run(def.command, uri, { answers: answersFrom(def, folder.uri.fsPath), contextDir, interactiveFallback: true }, terminal).then(
          // The container's own exit code when it ran; 130 (like Ctrl+C in a shell) when cancelled.
          outcome => terminal.exit(outcome.cancelled ? 130 : outcome.problem ? (outcome.run?.exitCode || 1) : 0),
          e => {
            terminal.write(`${(e as Error).message}\n`);
            terminal.exit(1);
          });
      };
      return terminal;
    }));
  task.group = def.command === 'build' ? vscode.TaskGroup.Build : undefined;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated };
  return task;
}

/** The task's fields as answers to the flow's questions (see prompt-model.ts for the ids). */
export function answersFrom(def: LayerwiseTaskDefinition, folder: string): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  if (def.tag) answers.tag = def.tag;
  if (def.target) answers.target = def.target;
  for (const [name, value] of Object.entries(def.buildArgs ?? {})) answers[`arg:${name}`] = String(value);
  for (const [name, value] of Object.entries(def.env ?? {})) answers[`env:${name}`] = { value: String(value), secret: false };
  for (const [port, spec] of Object.entries(def.ports ?? {})) answers[`port:${/\//.test(port) ? port : `${port}/tcp`}`] = String(spec);
  if (def.envFile) answers.envFiles = [path.resolve(folder, def.envFile)];
  if (def.hardening !== undefined) answers.hardening = def.hardening ? ['readOnly', 'capDropAll', 'noNewPrivileges', 'memory', 'cpus'] : [];
  return answers;
}
