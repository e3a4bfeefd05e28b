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
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.layerwise.yaml,.layerwise.yml,.hadolint.yaml,.hadolint.yml,.dockerignore,*.dockerignore}'),
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
