import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerBuildCommands } from './build/commands';

let client: LanguageClient | undefined;

/** The client only starts the server and owns VS Code UI; all analysis happens in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Layerwise', { log: true });
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
  };

  client = new LanguageClient('layerwise', 'Layerwise', serverOptions, clientOptions);
  registerBuildCommands(context, client);
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('layerwise.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('layerwise.restartServer', async () => {
      await client?.restart();
      void vscode.window.setStatusBarMessage('Layerwise: language server restarted', 3000);
    }),
  );
  await client.start();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
