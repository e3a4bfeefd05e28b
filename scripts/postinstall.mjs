// `npm install` in a checkout generates the vendored shell parser bundle the sources need.
// An install of the published package (npm install -g layerwise) runs only the prebuilt
// bundles in dist/, which inline it, and has no build tools: there is nothing to do.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generator = path.join(root, 'server', 'src', 'engine', 'shell', 'vendor', 'generate.mjs');
const buildTools = ['esbuild', 'unbash'].every(name => existsSync(path.join(root, 'node_modules', name, 'package.json')));
if (existsSync(generator) && buildTools) await import(generator);
