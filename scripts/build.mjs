// Bundles the extension client, the language server and the CLI into dist/ with esbuild.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: !dev,
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  define: { __LAYERWISE_VERSION__: JSON.stringify(pkg.version) },
};

const shebang = { js: '#!/usr/bin/env node' };

const targets = [
  // `vscode` is provided by the extension host at run time.
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: shebang },
  // dist/cli.js runs dist/cli-main.js through a V8 code cache (server/src/cli/launch.ts); no shebang inside the wrapped bundle.
  { entryPoints: ['server/src/cli/launch.ts'], outfile: 'dist/cli.js', banner: shebang },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-main.js' },
];

// The shell parser's CommonJS bundle of unbash is generated, not committed (postinstall makes it too).
await import('../server/src/engine/shell/vendor/generate.mjs');

const started = Date.now();
await Promise.all(targets.map(t => build({ ...common, ...t })));
if (!watch) console.log(`built ${targets.map(t => t.outfile).join(', ')} in ${Date.now() - started} ms`);
