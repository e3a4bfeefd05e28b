import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IMAGE_REQUIREMENTS_REQUEST, type ImageRequirementsParams, type ImageRequirementsResult } from '../../../server/src/lsp/requests';
import { PlanError, buildInvocation, containerNameFor, displayCommand, runInvocation, type Builder, type BuildPlan, type RunPlan } from './argv';
import { findBuildFailure, parseStep, type BuildFailure, type OutputLine } from './build-output';
import { DockerProcess, buildKitSupport, dockerVersion, explainBuildFailure, type DockerProcessResult } from './docker';
import { ScriptedPrompter, collectAnswers, type Prompter } from './flow';
import { MODE_TITLES, toPlans, type Answer, type Answers, type Mode, type PromptContext } from './prompt-model';
import { classifyOutput, cliMissing, containerFailed, type DockerProblem, type ProblemContext } from './problems';
import { QuickInputPrompter } from './prompts';
import { BuildStore } from './store';
import { OutputTerminal, markUsed, recentTerminals, style } from './terminal';
import { registerTaskProvider } from './tasks';

export const BUILD_DIAGNOSTIC_SOURCE = 'layerwise-build';

/**
 * Scripted answers instead of prompts. Passed as the command's second argument by the
 * extension's own tests and built from tasks.json by the task provider; people get the
 * quick inputs. Keys are question ids (`tag`, `target`, `arg:NAME`, `env:NAME`, ...).
 */
export interface ScriptedRun {
  answers?: Record<string, Answer>;
  /** Answers to decisions such as `retryClassic`. */
  choices?: Record<string, string>;
  contextDir?: string;
  /** Ask the person for what the script leaves open and cannot default (tasks). */
  interactiveFallback?: boolean;
}

export interface FlowOutcome {
  mode: Mode;
  dockerfile?: string;
  cancelled?: boolean;
  /** What the scripted prompter was asked (tests check the prompt model through this). */
  asked?: ScriptedPrompter['asked'];
  requirements?: ImageRequirementsResult;
  build?: { exitCode: number | null; cancelled: boolean; image: string; builder: Builder; failure?: BuildFailure; steps: string[]; durationMs: number; args: string[] };
  run?: { exitCode: number | null; cancelled: boolean; containerName: string; lastLines: string[]; durationMs: number; args: string[] };
  problem?: DockerProblem;
  terminalName?: string;
}

interface TerminalEntry { terminal: vscode.Terminal; pty: OutputTerminal; busy: boolean }

interface Services {
  /** One terminal per image tag, reused while idle, so repeated runs do not pile up terminals. */
  terminals: Map<string, TerminalEntry>;
  client: LanguageClient;
  store: BuildStore;
  diagnostics: vscode.DiagnosticCollection;
  log: vscode.OutputChannel;
}

export function registerBuildCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const services: Services = {
    terminals: new Map(),
    client,
    store: new BuildStore(context.workspaceState, context.secrets),
    diagnostics: vscode.languages.createDiagnosticCollection(BUILD_DIAGNOSTIC_SOURCE),
    log: client.outputChannel,
  };
  const command = (mode: Mode) => (target?: vscode.Uri | ScriptedRun, second?: vscode.Uri[] | ScriptedRun) => {
    // Editor title and explorer pass the Dockerfile's URI (the explorer also the selection).
    const uri = target instanceof vscode.Uri ? target : undefined;
    const scripted = isScripted(second) ? second : isScripted(target) ? target : undefined;
    return runFlow(services, mode, uri, scripted);
  };
  context.subscriptions.push(
    vscode.window.onDidCloseTerminal(closed => {
      for (const [name, entry] of services.terminals) if (entry.terminal === closed) services.terminals.delete(name);
    }),
    services.diagnostics,
    vscode.commands.registerCommand('layerwise.buildImage', command('build')),
    vscode.commands.registerCommand('layerwise.runImage', command('run')),
    vscode.commands.registerCommand('layerwise.buildAndRun', command('buildAndRun')),
    vscode.commands.registerCommand('layerwise.forgetStoredValues', (arg?: { all?: boolean }) => forget(services, arg)),
    registerTaskProvider((mode, uri, scripted, terminal) => runFlow(services, mode, uri, scripted, terminal)),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    // What the leak tests need to search: where VS Code keeps logs, state and settings, and what the terminals showed.
    context.subscriptions.push(vscode.commands.registerCommand('layerwise.test.buildInfo', () => ({
      logUri: context.logUri.fsPath,
      storageUri: context.storageUri?.fsPath,
      globalStorageUri: context.globalStorageUri.fsPath,
      workspaceState: Object.fromEntries(context.workspaceState.keys().map(k => [k, context.workspaceState.get(k)])),
      transcripts: recentTerminals.map(t => t.transcript),
    })));
  }
}

function isScripted(x: unknown): x is ScriptedRun {
  return !!x && typeof x === 'object' && !(x instanceof vscode.Uri) && !Array.isArray(x) && ('answers' in x || 'choices' in x || 'contextDir' in x);
}

function dockerPathSetting(): string {
  // Machine scope: VS Code ignores workspace values of this setting, so a repository cannot choose the program.
  const inspected = vscode.workspace.getConfiguration('layerwise.docker').inspect<string>('path');
  return (inspected?.globalValue ?? inspected?.defaultValue ?? 'docker').trim() || 'docker';
}

async function pickDockerfile(uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (uri) return uri;
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'dockerfile' && active.uri.scheme === 'file') return active.uri;
  const found = await vscode.workspace.findFiles('**/{Dockerfile,Containerfile,*.dockerfile,*.containerfile,Dockerfile.*,Containerfile.*}', '**/{node_modules,.git}/**', 200);
  const files = found.filter(f => !/\.dockerignore$/.test(f.fsPath)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  if (!files.length) {
    void vscode.window.showErrorMessage('Layerwise: no Dockerfile is open and none was found in the workspace.');
    return undefined;
  }
  if (files.length === 1) return files[0];
  const pick = await vscode.window.showQuickPick(
    files.map(f => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
    { title: 'Layerwise: which Dockerfile?', placeHolder: 'Dockerfiles in this workspace' },
  );
  return pick?.uri;
}

function configuredContext(dockerfile: vscode.Uri): string | undefined {
  const setting = vscode.workspace.getConfiguration('layerwise.docker', dockerfile).get<string>('buildContext', '').trim();
  if (!setting) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(dockerfile)?.uri.fsPath ?? path.dirname(dockerfile.fsPath);
  const expanded = setting
    .replace(/\$\{workspaceFolder\}/g, folder)
    .replace(/\$\{fileDirname\}/g, path.dirname(dockerfile.fsPath));
  return path.resolve(folder, expanded);
}

async function runFlow(s: Services, mode: Mode, uri: vscode.Uri | undefined, scripted?: ScriptedRun, taskTerminal?: OutputTerminal): Promise<FlowOutcome> {
  const outcome: FlowOutcome = { mode };
  const title = `Layerwise: ${MODE_TITLES[mode]}`;
  /** Once the build or run has started, problems are already written to its terminal. */
  let executing = false;
  const fail = (problem: DockerProblem, actions: string[] = []): FlowOutcome => {
    outcome.problem = problem;
    // A task's terminal is its only output: say it there too (the task provider ends the task).
    if (taskTerminal && !executing) taskTerminal.write(style.error(`${problem.message}\n`));
    void vscode.window.showErrorMessage(`Layerwise: ${problem.message}`, ...actions).then(choice => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'layerwise.docker.path');
      if (choice === 'Show Terminal') findTerminal(outcome.terminalName)?.show();
    });
    return outcome;
  };

  if (!vscode.workspace.isTrusted) {
    return fail({ kind: 'docker-error', message: 'Build and run are disabled in untrusted workspaces: trust this folder first (Workspaces: Manage Workspace Trust).' });
  }
  const dockerfile = await pickDockerfile(uri);
  if (!dockerfile) return { ...outcome, cancelled: true };
  outcome.dockerfile = dockerfile.fsPath;
  // Docker builds the file on disk: unsaved edits would be silently ignored.
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === dockerfile.toString());
  if (open?.isDirty) await open.save();

  const dockerPath = dockerPathSetting();
  const problemCtx: ProblemContext = { phase: 'detect', dockerPath, platform: process.platform, dockerHost: process.env.DOCKER_HOST };
  const version = await dockerVersion(dockerPath);
  if (version.spawnError) return fail(cliMissing(problemCtx), ['Open Settings']);
  if (!version.server) {
    return fail(classifyOutput(version.output, problemCtx) ?? { kind: 'docker-error', message: `"${dockerPath} version" failed: ${version.output.trim()}` });
  }

  const config = vscode.workspace.getConfiguration('layerwise.docker', dockerfile);
  let builder: Builder = 'classic';
  let buildkitUnavailable: string | undefined;
  if (mode !== 'run') {
    const setting = config.get<'auto' | 'on' | 'off'>('buildkit', 'auto');
    const support = setting === 'off' ? { available: false, reason: 'layerwise.docker.buildkit is "off"' } : await buildKitSupport(dockerPath, version.client);
    builder = setting === 'on' || (setting === 'auto' && support.available) ? 'buildkit' : 'classic';
    buildkitUnavailable = support.available ? undefined : support.reason;
  }

  const remembered = s.store.remembered(dockerfile.fsPath);
  let contextDir = scripted?.contextDir ?? configuredContext(dockerfile) ?? remembered.contextDir ?? path.dirname(dockerfile.fsPath);
  let contextChosen = false;
  const workspaceDir = vscode.workspace.getWorkspaceFolder(dockerfile)?.uri.fsPath;
  const people = new QuickInputPrompter(() => contextDir);
  const scriptedPrompter = scripted ? new ScriptedPrompter(scripted.answers ?? {}, scripted.choices ?? {}, scripted.interactiveFallback ? people : undefined) : undefined;
  const prompter: Prompter = scriptedPrompter ?? people;
  // Scripted answers also seed the questions' defaults (which variables are selected, say).
  let answers: Answers = { ...(scripted?.answers ?? {}) };
  let ctx: PromptContext;
  for (;;) {
    const params: ImageRequirementsParams = { uri: dockerfile.toString(), contextDir, workspaceDir };
    let requirements: ImageRequirementsResult;
    try {
      requirements = await s.client.sendRequest<ImageRequirementsResult>(IMAGE_REQUIREMENTS_REQUEST, params);
    } catch (e) {
      return fail({ kind: 'docker-error', message: (e as Error).message });
    }
    outcome.requirements = requirements;
    const hardening = {
      enabled: config.get<boolean>('hardening.enabled', false),
      memory: config.get<string>('hardening.memory', '512m'),
      cpus: config.get<string>('hardening.cpus', '1'),
    };
    ctx = {
      mode, requirements, remembered, builder, buildkitUnavailable, hardening,
      storedSecrets: await s.store.loadSecrets(dockerfile.fsPath),
      folderName: path.basename(path.dirname(dockerfile.fsPath)),
    };
    let result;
    try {
      result = await collectAnswers(ctx, prompter, title, answers);
    } catch (e) {
      outcome.asked = scriptedPrompter?.asked;
      return fail({ kind: 'docker-error', message: `Could not answer the prompts: ${(e as Error).message}` });
    }
    if (result.kind === 'cancel') return { ...outcome, cancelled: true, asked: scriptedPrompter?.asked };
    if (result.kind === 'done') { answers = result.answers; break; }
    answers = result.answers;
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: vscode.Uri.file(contextDir), openLabel: 'Use as build context', title: 'Layerwise: build context folder' });
    if (picked?.[0]) { contextDir = picked[0].fsPath; contextChosen = true; }
  }
  outcome.asked = scriptedPrompter?.asked;

  const plans = toPlans(ctx, answers);
  const remember = { ...plans.remember };
  // A context picked with the "change build context" button is remembered for this Dockerfile.
  if (contextChosen) remember.contextDir = contextDir === path.dirname(dockerfile.fsPath) ? undefined : contextDir;
  await s.store.remember(dockerfile.fsPath, remember);
  await s.store.storeSecrets(dockerfile.fsPath, plans.secrets);

  let entry: TerminalEntry | undefined;
  let terminal: OutputTerminal;
  if (taskTerminal) {
    terminal = taskTerminal;
  } else {
    const name = `Layerwise: ${plans.tag}`;
    entry = s.terminals.get(name);
    if (entry && !entry.busy) {
      entry.pty.write('\n');
    } else {
      const pty = new OutputTerminal();
      entry = { pty, busy: false, terminal: vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('package') }) };
      s.terminals.set(name, entry);
    }
    entry.terminal.show(true);
    terminal = entry.pty;
    outcome.terminalName = name;
  }
  markUsed(terminal);
  await terminal.opened;
  if (entry) entry.busy = true;
  executing = true;
  try {
    return await execute(s, outcome, plans, ctx, dockerPath, terminal, dockerfile, prompter, fail);
  } finally {
    if (entry) entry.busy = false;
  }
}

async function execute(
  s: Services, outcome: FlowOutcome, plans: ReturnType<typeof toPlans>, ctx: PromptContext, dockerPath: string, terminal: OutputTerminal,
  dockerfile: vscode.Uri, prompter: Prompter, fail: (p: DockerProblem, actions?: string[]) => FlowOutcome,
): Promise<FlowOutcome> {
  if (plans.build) {
    let build = await executeBuild(s, plans.build, ctx.requirements, dockerPath, terminal, dockerfile, ctx.buildkitUnavailable);
    outcome.build = build.summary;
    if (build.problem?.kind === 'buildx-missing' && plans.build.builder === 'buildkit') {
      const retry = await prompter.choose('retryClassic', `Layerwise: ${build.problem.message}`, ['Retry with the classic builder', 'Always use the classic builder']);
      if (retry === 'Always use the classic builder') {
        await vscode.workspace.getConfiguration('layerwise.docker').update('buildkit', 'off', vscode.ConfigurationTarget.Global);
      }
      if (retry) {
        const classic: BuildPlan = { ...plans.build, builder: 'classic', buildSecrets: [] };
        if (plans.build.buildSecrets.length) terminal.write(style.note(`Build secrets (${plans.build.buildSecrets.map(x => x.id).join(', ')}) cannot be passed to the classic builder and are left out.\n`));
        build = await executeBuild(s, classic, ctx.requirements, dockerPath, terminal, dockerfile);
        outcome.build = build.summary;
      }
    }
    if (build.problem) return fail(build.problem, ['Show Terminal']);
    if (build.summary.cancelled) return { ...outcome, cancelled: true };
  }
  if (plans.run) {
    const run = await executeRun(s, { ...plans.run, containerName: containerNameFor(plans.run.image, randomBytes(3).toString('hex')) }, dockerPath, terminal);
    outcome.run = run.summary;
    if (run.problem) return fail(run.problem, ['Show Terminal']);
    if (run.summary.cancelled) return { ...outcome, cancelled: true };
  }
  return outcome;
}

function findTerminal(name: string | undefined): vscode.Terminal | undefined {
  return name ? vscode.window.terminals.find(t => t.name === name) : undefined;
}

async function withCancellableProgress<T>(title: string, terminal: OutputTerminal, start: (report: (message: string, increment?: number) => void) => DockerProcess, wait: (p: DockerProcess) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const proc = start((message, increment) => progress.report({ message, increment }));
    const cancel = () => { terminal.write(style.note('Cancelling…\n')); void proc.cancel(); };
    token.onCancellationRequested(cancel);
    terminal.onCancel = cancel;
    try {
      return await wait(proc);
    } finally {
      terminal.onCancel = undefined;
    }
  });
}

interface BuildOutcome { summary: NonNullable<FlowOutcome['build']>; problem?: DockerProblem }

async function executeBuild(s: Services, plan: BuildPlan, req: ImageRequirementsResult, dockerPath: string, terminal: OutputTerminal, dockerfile: vscode.Uri, buildkitUnavailable?: string): Promise<BuildOutcome> {
  const summary: BuildOutcome['summary'] = { exitCode: null, cancelled: false, image: plan.tag, builder: plan.builder, steps: [], durationMs: 0, args: [] };
  let invocation;
  try {
    invocation = buildInvocation(plan);
  } catch (e) {
    if (e instanceof PlanError) return { summary, problem: { kind: 'docker-error', message: e.message } };
    throw e;
  }
  summary.args = invocation.args;
  const shown = displayCommand(path.basename(dockerPath), invocation.args);
  const valueNames = Object.keys(invocation.env).filter(n => n !== 'DOCKER_BUILDKIT');
  if (plan.builder === 'classic' && buildkitUnavailable) terminal.write(style.note(`BuildKit is not available (${buildkitUnavailable}); building with the classic builder.\n`));
  terminal.write(style.command(`$ DOCKER_BUILDKIT=${invocation.env.DOCKER_BUILDKIT} ${shown}\n`));
  if (valueNames.length) terminal.write(style.note(`(values of ${valueNames.join(', ')} are passed in the docker process's environment, not on its command line)\n`));
  if (invocation.stdinFile) terminal.write(style.note('(the Dockerfile is passed on standard input: its name contains a line break, which BuildKit cannot carry)\n'));
  s.log.appendLine(`[build] ${dockerfile.fsPath}: DOCKER_BUILDKIT=${invocation.env.DOCKER_BUILDKIT} ${shown}`);

  let lastStep = 0;
  const result: DockerProcessResult = await withCancellableProgress(`Layerwise: building ${plan.tag}`, terminal,
    report => new DockerProcess({
      dockerPath, invocation,
      onData: chunk => terminal.write(chunk),
      onLine: line => {
        const step = parseStep(line.text);
        if (!step) return;
        // Classic: "Step 3/9"; BuildKit: "[3/9]" per stage.
        const label = line.text.startsWith('Step ') ? `Step ${step.step}/${step.total}` : `[${step.stage ? `${step.stage} ` : ''}${step.step}/${step.total}]`;
        summary.steps.push(label);
        const increment = step.stage === undefined && step.step > lastStep ? ((step.step - lastStep) / step.total) * 100 : undefined;
        lastStep = step.step;
        report(`${label} ${step.text.length > 60 ? step.text.slice(0, 57) + '…' : step.text}`, increment);
      },
    }),
    proc => proc.done);
  summary.exitCode = result.exitCode;
  summary.cancelled = result.cancelled;
  summary.durationMs = result.durationMs;
  s.log.appendLine(`[build] ${plan.tag}: ${result.cancelled ? 'cancelled' : `exit ${result.exitCode}`} after ${(result.durationMs / 1000).toFixed(1)} s`);

  const problemCtx: ProblemContext = { phase: 'build', dockerPath, platform: process.platform, dockerHost: process.env.DOCKER_HOST };
  if (result.spawnError) return { summary, problem: cliMissing(problemCtx) };
  if (result.cancelled) {
    terminal.write(style.note('Build cancelled.\n'));
    return { summary };
  }
  if (result.exitCode === 0) {
    s.diagnostics.delete(dockerfile);
    terminal.write(style.ok(`Built ${plan.tag} in ${(result.durationMs / 1000).toFixed(1)} s.\n`));
    return { summary };
  }
  const failure = findBuildFailure(result.lines, req.instructions, req.stages.map(st => st.label), path.basename(dockerfile.fsPath));
  summary.failure = failure;
  const classified = await explainBuildFailure(result, problemCtx, dockerPath);
  // Problems of the Docker installation (no buildx, a daemon gone or not allowed) are not the line's fault.
  const notTheLine: DockerProblem['kind'][] = ['buildx-missing', 'daemon-unreachable', 'daemon-stopped', 'daemon-permission'];
  if (failure.line !== undefined && !(classified && notTheLine.includes(classified.kind))) {
    const line = failure.line;
    const range = new vscode.Range(line, 0, failure.endLine ?? line, Number.MAX_SAFE_INTEGER);
    const diagnostic = new vscode.Diagnostic(range, `The build failed here: ${failure.message}`, vscode.DiagnosticSeverity.Error);
    diagnostic.source = BUILD_DIAGNOSTIC_SOURCE;
    s.diagnostics.set(dockerfile, [diagnostic]);
  }
  const problem = classified ?? {
    kind: 'build-failed' as const,
    message: `The build of ${plan.tag} failed${failure.line !== undefined ? ` at line ${failure.line + 1}` : ''}${failure.instruction ? ` (${failure.instruction.length > 80 ? failure.instruction.slice(0, 77) + '…' : failure.instruction})` : ''}: ${failure.message}`,
  };
  terminal.write(style.error(`${problem.message}\n`));
  return { summary, problem };
}

interface RunOutcome { summary: NonNullable<FlowOutcome['run']>; problem?: DockerProblem }

async function executeRun(s: Services, plan: RunPlan, dockerPath: string, terminal: OutputTerminal): Promise<RunOutcome> {
  const summary: RunOutcome['summary'] = { exitCode: null, cancelled: false, containerName: plan.containerName, lastLines: [], durationMs: 0, args: [] };
  let invocation;
  try {
    invocation = runInvocation(plan);
  } catch (e) {
    if (e instanceof PlanError) return { summary, problem: { kind: 'docker-error', message: e.message } };
    throw e;
  }
  summary.args = invocation.args;
  const shown = displayCommand(path.basename(dockerPath), invocation.args);
  terminal.write(style.command(`$ ${shown}\n`));
  const hidden = plan.env.map(e => `${e.name}${e.secret ? ' (secret)' : ''}`);
  if (hidden.length) terminal.write(style.note(`(values of ${hidden.join(', ')} are passed in the docker process's environment, not on its command line)\n`));
  s.log.appendLine(`[run] ${shown}`);
  const result = await withCancellableProgress(`Layerwise: running ${plan.image} as ${plan.containerName}`, terminal,
    report => {
      report('container started; Cancel stops it');
      return new DockerProcess({ dockerPath, invocation, containerName: plan.containerName, onData: chunk => terminal.write(chunk) });
    },
    proc => proc.done);
  summary.exitCode = result.exitCode;
  summary.cancelled = result.cancelled;
  summary.durationMs = result.durationMs;
  summary.lastLines = result.lines.slice(-20).map((l: OutputLine) => l.text);
  s.log.appendLine(`[run] ${plan.containerName}: ${result.cancelled ? 'stopped' : `exit ${result.exitCode}`} after ${(result.durationMs / 1000).toFixed(1)} s`);
  const problemCtx: ProblemContext = { phase: 'run', dockerPath, platform: process.platform, dockerHost: process.env.DOCKER_HOST, image: plan.image };
  if (result.spawnError) return { summary, problem: cliMissing(problemCtx) };
  if (result.cancelled) {
    terminal.write(style.note(`Container ${plan.containerName} stopped.\n`));
    return { summary };
  }
  if (result.exitCode === 0) {
    terminal.write(style.ok(`Container ${plan.containerName} exited with code 0.\n`));
    return { summary };
  }
  // 125: docker itself failed (port taken, no image, daemon); anything else is the container's own code.
  const classified = result.exitCode === 125 ? classifyOutput(summary.lastLines.join('\n'), problemCtx) : undefined;
  const problem = classified ?? containerFailed(result.exitCode ?? 1, summary.lastLines.filter(l => !l.startsWith('$ ')));
  terminal.write(style.error(`${problem.message.split('\n')[0]}\n`));
  return { summary, problem };
}

async function forget(s: Services, arg?: { all?: boolean }): Promise<number> {
  const files = s.store.dockerfiles();
  if (!files.length) {
    void vscode.window.showInformationMessage('Layerwise: nothing is stored for build and run in this workspace.');
    return 0;
  }
  let targets = files;
  if (!arg?.all) {
    const active = vscode.window.activeTextEditor?.document;
    const choices = [
      ...(active && files.includes(active.uri.fsPath) ? [{ label: `Only ${vscode.workspace.asRelativePath(active.uri)}`, files: [active.uri.fsPath] }] : []),
      { label: `All ${files.length} Dockerfile${files.length === 1 ? '' : 's'} in this workspace`, files },
    ];
    const pick = await vscode.window.showQuickPick(choices, { title: 'Layerwise: forget stored build and run values (secrets included)?' });
    if (!pick) return 0;
    targets = pick.files;
  }
  const count = await s.store.forget(targets);
  s.log.appendLine(`[build] forgot ${count} stored value${count === 1 ? '' : 's'} for ${targets.length} Dockerfile${targets.length === 1 ? '' : 's'}`);
  void vscode.window.showInformationMessage(`Layerwise: forgot the stored tags, arguments, variables and secrets of ${targets.length} Dockerfile${targets.length === 1 ? '' : 's'}.`);
  return count;
}
