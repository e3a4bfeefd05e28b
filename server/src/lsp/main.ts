import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_VERSION, startServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
const args = process.argv.slice(2);

if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h') || !args.some(a => TRANSPORTS.some(t => a === t || a.startsWith(t + '=')))) {
  const out = args.includes('--help') || args.includes('-h') ? process.stdout : process.stderr;
  out.write([
    'Usage: layerwise-language-server --stdio',
    '',
    'The Layerwise language server for Dockerfiles. Editors start it and talk LSP over',
    'stdio (--stdio), Node IPC (--node-ipc), a socket (--socket=PORT) or a pipe (--pipe=NAME).',
    '',
  ].join('\n'));
  process.exitCode = out === process.stdout ? 0 : 2;
} else {
  startServer(createConnection(ProposedFeatures.all));
}
