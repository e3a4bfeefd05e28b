#!/usr/bin/env node
// The README's first command ends here: show what Layerwise finds in the bundled
// example, the safe fixes it would make, and where the packaged extension is.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const example = 'examples/python-service/Dockerfile';
const cli = (...args) => spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' }).status;

console.log(`\n== layerwise check ${example}\n`);
cli('check', '--fail-on', 'none', example);
console.log(`\n== layerwise check --diff ${example}   (the safe fixes; nothing is written)\n`);
cli('check', '--diff', example);
const vsix = 'dist/layerwise.vsix';
console.log(`\n== VS Code extension: ${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KiB)`);
console.log(`   Install it with:  code --install-extension ${vsix}`);
