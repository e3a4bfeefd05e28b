/**
 * A generated Node-style project of 100,000 files for the hover benchmark: sources, a big
 * node_modules (not ignored, the usual mistake), Git objects (ignored), data and docs. Kept in
 * the temp folder between runs (a marker file records the layout) since writing it takes a while.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Area { dir: string; folders: number; filesPerFolder: number; name: (i: number) => string; bytes: number }

const AREAS: Area[] = [
  { dir: 'src/modules', folders: 200, filesPerFolder: 100, name: i => `part${i}.ts`, bytes: 240 },
  { dir: 'node_modules', folders: 600, filesPerFolder: 100, name: i => (i === 0 ? 'package.json' : `lib/file${i}.js`), bytes: 400 },
  { dir: '.git/objects', folders: 256, filesPerFolder: 50, name: i => `obj${i.toString(16).padStart(38, '0')}`, bytes: 120 },
  { dir: 'data/samples', folders: 50, filesPerFolder: 100, name: i => `sample${i}.json`, bytes: 1024 },
  { dir: 'docs/pages', folders: 22, filesPerFolder: 100, name: i => `page${i}.md`, bytes: 300 },
];

const TOP_FILES: Record<string, string> = {
  'package.json': '{ "name": "bench-app", "version": "1.0.0", "scripts": { "start": "node dist/main.js" } }\n',
  'package-lock.json': '{ "lockfileVersion": 3 }\n',
  'tsconfig.json': '{ "compilerOptions": { "outDir": "dist" } }\n',
  '.dockerignore': '.git\n*.log\n',
};

export const WORKSPACE_DOCKERFILE = `# syntax=docker/dockerfile:1
FROM node:20.11-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY src/ ./src/
RUN npm run build

FROM node:20.11-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY . .
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
`;

export const WORKSPACE_FILES = AREAS.reduce((n, a) => n + a.folders * a.filesPerFolder, 0) + Object.keys(TOP_FILES).length + 1;

/** The workspace folder (created on first use), with the Dockerfile at its root. */
export function benchWorkspace(): string {
  const root = path.join(os.tmpdir(), `layerwise-bench-workspace-${WORKSPACE_FILES}`);
  const marker = path.join(root, '.bench-complete');
  const layout = JSON.stringify({ AREAS: AREAS.map(a => ({ ...a, name: a.name(1) })), TOP_FILES, WORKSPACE_DOCKERFILE });
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === layout) return root;
  fs.rmSync(root, { recursive: true, force: true });
  for (const area of AREAS) {
    for (let f = 0; f < area.folders; f++) {
      const folder = path.join(root, area.dir, `d${f}`);
      const made = new Set<string>();
      for (let i = 0; i < area.filesPerFolder; i++) {
        const file = path.join(folder, area.name(i));
        const dir = path.dirname(file);
        if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
        fs.writeFileSync(file, 'x'.repeat(area.bytes));
      }
    }
  }
  for (const [name, text] of Object.entries(TOP_FILES)) fs.writeFileSync(path.join(root, name), text);
  fs.writeFileSync(path.join(root, 'Dockerfile'), WORKSPACE_DOCKERFILE);
  fs.writeFileSync(marker, layout);
  return root;
}
