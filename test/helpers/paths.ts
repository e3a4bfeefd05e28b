import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root (this file lives in test/helpers/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
export const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');

/** Throws a clear error when a built artefact is missing: these tests run dist/, not the sources. */
export function assertBuilt(file: string): void {
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(REPO_ROOT, file)} does not exist: run \`npm run build\` before these tests (they run the built artefacts in dist/).`);
  }
}

const created: string[] = [];
let cleanupRegistered = false;

/**
 * A fresh temporary folder holding `files` (relative path → content; folders are created).
 * Removed when the test process exits.
 */
export function makeTempDir(files: Record<string, string> = {}, prefix = 'layerwise-test-'): string {
  assertNoStrayConfig();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.on('exit', () => {
      for (const d of created) {
        try { fs.rmSync(d, { recursive: true, force: true }); } catch { /* best effort */ }
      }
    });
  }
  writeFiles(dir, files);
  return dir;
}

let strayChecked = false;

/** Config discovery walks up to `/`: a `.layerwise.yaml` above the temp folder would change every result. */
function assertNoStrayConfig(): void {
  if (strayChecked) return;
  strayChecked = true;
  for (let dir = fs.realpathSync(os.tmpdir()); ; dir = path.dirname(dir)) {
    for (const name of ['.layerwise.yaml', '.layerwise.yml', '.hadolint.yaml', '.hadolint.yml']) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) throw new Error(`${file} exists and would apply to every temporary test folder; remove it before running the tests.`);
    }
    if (path.dirname(dir) === dir) return;
  }
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}
