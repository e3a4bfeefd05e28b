import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_VERSION, startServer } from './server';

const args = process.argv.slice(2);

/**
 * The transports vscode-languageserver reads from argv: `--stdio`, `--node-ipc`, and
 * `--socket`/`--pipe` with a value (`--socket=5000` or `--socket 5000`). `--clientProcessId`
 * alone is not one, so it gets the usage text rather than a stack trace.
 */
function hasTransport(argv: string[]): boolean {
  return argv.some((arg, i) => arg === '--stdio' || arg === '--node-ipc' ||
    /^--(socket|pipe)=./.test(arg) || ((arg === '--socket' || arg === '--pipe') && argv[i + 1] !== undefined));
}

if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h') || !hasTransport(args)) {
  const out = args.includes('--help') || args.includes('-h') ? process.stdout : process.stderr;
  out.write([
    'Usage: layerwise-language-server --stdio',
    '',
    'The Layerwise language server for Dockerfiles. Editors start it and talk LSP over',
    'stdio (--stdio), Node IPC (--node-ipc), a socket (--socket=PORT) or a pipe (--pipe=NAME).',
    'Settings come from workspace/configuration, initializationOptions or',
    'workspace/didChangeConfiguration; see docs/editors.md.',
    '',
  ].join('\n'));
  // Exit outright: with --clientProcessId the library already polls that process and would keep us alive.
  process.exit(out === process.stdout ? 0 : 2);
} else {
  startServer(createConnection(ProposedFeatures.all));
}
