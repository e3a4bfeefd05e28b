import { defineRule } from '../rule';
import { checkCacheCleanup, removesFolder } from '../knowledge/command-sites';
import { yarnCleansCache, yarnCommand, yarnInstalls } from '../knowledge/package-managers';

/** Yarn 1's cache for root and for the `node` user, and Yarn 2+'s global cache. */
const CACHE = ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/home/node/.cache/yarn', '/root/.yarn/berry/cache', '/home/node/.yarn/berry/cache'];

export default defineRule({
  id: 'yarn-cache-not-cleaned',
  aliases: ['DL3060'],
  category: 'size',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: '`yarn install` keeps a copy of every downloaded package in its cache, which is saved in the layer.',
    why: [
      'Yarn stores each package tarball it downloads in a global cache (`/usr/local/share/.cache/yarn` for root in the',
      'official Node images, `~/.cache/yarn` otherwise) so the next install on the machine can skip the download. In an',
      'image there is no next install: the cache is frozen into the layer and the image carries a second copy of your',
      'dependencies, often hundreds of megabytes.',
      '',
      'End the same RUN with `yarn cache clean`. With BuildKit, a cache mount keeps the cache in the builder instead,',
      'where later builds reuse it: `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install …`.',
    ].join('\n'),
    bad: [
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY package.json yarn.lock ./',
      'RUN yarn install --frozen-lockfile',
    ].join('\n'),
    good: [
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY package.json yarn.lock ./',
      'RUN yarn install --frozen-lockfile && yarn cache clean',
    ].join('\n'),
    fix: 'Appends `&& yarn cache clean` to the RUN. Applied by fix-all: the cache only speeds up later installs on the same machine.',
    context: { 'package.json': '{"name": "app"}\n', 'yarn.lock': '' },
    notes: [
      'As in hadolint, only stages that end up in the final image are checked (the final stage and stages another is',
      'built `FROM`); ONBUILD RUNs are always checked. A cache or tmpfs mount whose target contains `.cache/yarn` (or',
      'a Yarn 2+ `.yarn/berry/cache`) counts as clean, and so does `rm -rf` of the cache folder; the cleanup must come',
      'after the last install. Deviation: bare `yarn` (which installs), `yarn add` and `yarn global add` are checked',
      'too, not only `yarn install`.',
    ].join(' '),
  },
  check(ctx) {
    checkCacheCleanup(ctx, {
      shippedOnly: true,
      cleanupAlwaysSafe: true,
      downloads(cmd) {
        const y = yarnCommand(cmd);
        if (!y || !yarnInstalls(y)) return undefined;
        return { family: 'yarn', label: y.sub ? `yarn ${y.sub.text}` : 'yarn', from: y.toolIndex, to: y.sub?.index ?? y.toolIndex };
      },
      cleans(cmd) {
        const y = yarnCommand(cmd);
        if (y) return yarnCleansCache(y);
        return removesFolder(cmd, CACHE);
      },
      dirs: CACHE,
      mountFragments: ['.cache/yarn', '.yarn/berry/cache'],
      cleanCommand: () => 'yarn cache clean',
      message: (label, clean) => `\`${label}\` saves the downloaded packages in yarn's cache, inside this layer; end the same RUN with \`&& ${clean}\` (or use a cache mount).`,
    });
  },
});
