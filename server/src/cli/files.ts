import * as fs from 'node:fs';
import * as path from 'node:path';

/** File names the extension associates with Dockerfiles. */
export function isDockerfileName(name: string): boolean {
  // `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, not a Dockerfile.
  if (/\.dockerignore$/i.test(name)) return false;
  return /^(Dockerfile|Containerfile)(\..+)?$/.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.tox', 'dist', 'build', 'target', '.vscode-test']);

/** Dockerfiles below `dir`, sorted, skipping dependency and VCS folders. */
export function findDockerfiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(current, { withFileTypes: true }); } catch { return; }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) { if (!SKIP_DIRS.has(entry.name)) walk(full); }
      else if (entry.isFile() && isDockerfileName(entry.name)) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}
