import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_INFO_REQUEST, type ServerInfoResult } from '../../server/src/lsp/requests';
import { registerBuildCommands } from './build/commands';
import { CrashHandler, type CrashEvent } from './crash-handler';
import type { RestartPolicyOptions } from './restart-policy';

let client: LanguageClient | undefined;
let crashes: CrashHandler | undefined;

/** What activate() returns: the client, and what the extension's own tests observe and tune. */
export interface LayerwiseApi {
  client: LanguageClient;
  serverRestarts: {
    /** Crashes, restarts and notifications so far, oldest first. */
    events(): readonly CrashEvent[];
    /** The pid of the server process now serving the client. */
    serverInfo(): Promise<ServerInfoResult>;
    /** Test mode only: a different budget or schedule (starts a fresh series). */
    usePolicy(options: Partial<RestartPolicyOptions>): void;
  };
}

/** The client only starts the server and owns VS Code UI; all analysis happens in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<LayerwiseApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Layerwise', { log: true });
  const handler = new CrashHandler({
    log: line => outputChannel.appendLine(line),
    showOutput: () => outputChannel.show(true),
    restartByHand: () => restartByHand(),
  });
  crashes = handler;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile', scheme: 'file' },
      { language: 'dockerfile', scheme: 'untitled' },
    ],
    synchronize: {
      // Tells the server when settings change, so severities apply without a restart.
      configurationSection: 'layerwise',
      // Every file, not only config and ignore files: a new `.env`, a deleted `node_modules` or a
      // new data file changes what a build context holds, and the server rescans that context
      // in the background. `**/*` costs less than it looks: VS Code answers it from the workspace
      // watcher it already runs (no extra OS watches) and applies `files.watcherExclude` (which
      // leaves out `node_modules/*/**` and `.git/objects/**` by default); the client batches events
      // (250 ms); the server only marks the contexts that contain a path stale and rescans each
      // once, 300 ms after its last event, re-analysing only when the scan changed. Config and
      // ignore files still re-analyse at once. Files outside any watched folder rely on the
      // scan's 30 s TTL.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*'),
    },
    outputChannel,
    // Back-off, a crash budget and one notification per crash series (crash-handler.ts).
    errorHandler: handler,
    // A server that fails while initialising is a crash like any other: the close that follows
    // goes through the handler. Without this the library would add a popup for every failed start.
    initializationFailedHandler: error => {
      outputChannel.appendLine(`[server] initialisation failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    },
  };

  const languageClient = new LanguageClient('layerwise', 'Layerwise', serverOptions, clientOptions);
  client = languageClient;
  registerBuildCommands(context, languageClient);
  context.subscriptions.push(
    outputChannel,
    handler,
    languageClient.onDidChangeState(e => { if (e.newState === State.Running) handler.onRunning(); }),
    vscode.commands.registerCommand('layerwise.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('layerwise.restartServer', async () => {
      await restartByHand();
      void vscode.window.setStatusBarMessage('Layerwise: language server restarted', 3000);
    }),
  );
  // A server that cannot start must not fail activation: the crash handler and Restart deal with it.
  await languageClient.start().catch(error => outputChannel.appendLine(`[server] start failed: ${error instanceof Error ? error.message : String(error)}`));
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  return {
    client: languageClient,
    serverRestarts: {
      events: () => [...handler.events],
      serverInfo: () => languageClient.sendRequest<ServerInfoResult>(SERVER_INFO_REQUEST),
      usePolicy: options => {
        if (!testMode) throw new Error('usePolicy is for the extension\'s own tests');
        handler.usePolicy(options);
      },
    },
  };
}

/** Restart asked for by the person: a fresh crash series, and a start even when the policy gave up. */
async function restartByHand(): Promise<void> {
  if (!client) return;
  crashes?.onManualRestart();
  // After a give-up the client is stopped (or start-failed, when the server died while starting);
  // restart() would stop it first, which only a running client accepts.
  if (client.state === State.Running) await client.restart();
  else await client.start();
}

export async function deactivate(): Promise<void> {
  crashes?.dispose();
  crashes = undefined;
  try {
    await client?.stop();
  } catch {
    // A server that is down (crashed, or waiting out a back-off) has nothing to shut down.
  }
  client = undefined;
}
