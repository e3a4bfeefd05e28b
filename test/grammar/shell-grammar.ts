// Where VS Code's shell grammar (scope source.shell) is found for the grammar tests: the
// code-server that scripts/setup-vscode-host.sh installs, or LAYERWISE_SHELL_GRAMMAR.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const IN_CODE_SERVER = path.join('node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'shellscript', 'syntaxes', 'shell-unix-bash.tmLanguage.json');

/** The grammar file, or an error that says where it was looked for and how to install it. */
export function shellGrammarPath(): string {
  const searched: string[] = [];
  const explicit = process.env.LAYERWISE_SHELL_GRAMMAR;
  if (explicit) {
    if (fs.existsSync(explicit)) return explicit;
    searched.push(explicit);
  } else {
    const hosts = [process.env.LAYERWISE_VSCODE_TEST_DIR, path.join(ROOT, '.vscode-test'), path.join(ROOT, '..', 'shared', 'vscode-host')];
    for (const host of hosts) {
      if (!host) continue;
      const installs = fs.existsSync(host) ? fs.readdirSync(host).filter(name => name.startsWith('code-server-')).sort().reverse() : [];
      for (const install of installs) {
        const file = path.join(host, install, IN_CODE_SERVER);
        if (fs.existsSync(file)) return file;
      }
      searched.push(path.join(host, 'code-server-*', IN_CODE_SERVER));
    }
  }
  throw new Error(`VS Code's shell grammar (source.shell) was not found, so embedded shell cannot be tested. ` +
    `Run \`bash scripts/setup-vscode-host.sh\` (installs code-server into .vscode-test/) or set LAYERWISE_SHELL_GRAMMAR. Looked in:\n  ${searched.join('\n  ')}`);
}

/** Our grammar, as package.json contributes it. */
export const DOCKERFILE_GRAMMAR = path.join(ROOT, 'syntaxes', 'dockerfile.tmLanguage.json');
