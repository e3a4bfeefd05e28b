import { defineRule } from '../rule';
import { commandSites, listForMessage, unpinnedArguments, wordsRange } from '../knowledge/command-sites';
import { NPM_INSTALL, npmCommand, npmPackagePinned } from '../knowledge/package-managers';

const TOOLING = /^(npm|yarn|pnpm|corepack)(@.*)?$/;

export default defineRule({
  id: 'npm-version-unpinned',
  aliases: ['DL3016'],
  category: 'correctness',
  severity: 'info',
  fixable: false,
  docs: {
    summary: '`npm install <package>` names a package without a version, so each build may install a different release.',
    why: [
      '`npm install -g typescript` installs the newest release at build time. When a new major version comes out, the',
      'next build of an unchanged Dockerfile gets it, and with it any breaking change. Naming the version',
      '(`typescript@5.4.5`) keeps builds repeatable and turns every upgrade into a reviewed change.',
      '',
      '`npm install` or `npm ci` without package names install what `package.json` and `package-lock.json` say, which',
      'is already pinned; prefer `npm ci`, which fails instead of silently updating the lock file.',
    ].join('\n'),
    bad: [
      'FROM node:20-slim',
      'RUN npm install -g typescript',
    ].join('\n'),
    good: [
      'FROM node:20-slim',
      'RUN npm install -g typescript@5.4.5',
    ].join('\n'),
    notes: [
      'Counts as pinned, as in hadolint: `name@version` (a range or tag too, scoped packages included), git URLs with',
      '`#commit` or `#semver:…`, tarballs (`.tgz`, `.tar`, `.tar.gz`) and folders (`./pkg`, `/abs`, `~/x`). Installing',
      'npm itself, yarn, pnpm or corepack is a hint. Raise the rule in `.layerwise.yaml` (`rules: {DL3016: warning}`) if',
      'your team pins every tool. Deviations from hadolint: `@latest` and `@*` are not versions, so they are reported;',
      'the `npm i` and `npm add` spellings are checked too; `file:` paths count as pinned; options that take a value',
      '(`--prefix dir`, `--tag x`, `-w workspace`) are not read as packages.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const npm = npmCommand(c.cmd);
      if (!npm?.sub || !NPM_INSTALL.has(npm.sub.text)) continue;
      const loose = unpinnedArguments(model, c, npm.parsed.operands.slice(1), npmPackagePinned);
      if (!loose.length) continue;
      const tooling = loose.every(p => TOOLING.test(p));
      const name = loose[0].replace(/@(latest|\*|x)$/, '');
      ctx.report({
        range: wordsRange(model, c, npm.toolIndex, npm.sub.index),
        severity: tooling ? 'hint' : undefined,
        message: `\`npm ${npm.sub.text}\` does not pin ${listForMessage(loose)}; write \`${name}@<version>\` so every build gets the same release.`,
      });
    }
  },
});
