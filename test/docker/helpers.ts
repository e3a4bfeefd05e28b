/**
 * Shared helpers for the tests that use the real Docker engine (scripts/docker-engine.sh
 * brings it up). They FAIL, never skip, when no engine answers.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageRequirementsFor, type ImageRequirementsResult } from '../../server/src/lsp/requests';
import type { DockerInvocation } from '../../client/src/build/argv';
import { DockerProcess, dockerVersion, type DockerProcessResult } from '../../client/src/build/docker';

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'build');

/** Every distinct Docker CLI on PATH (here: Docker 28 first, Debian's 20.10 second). */
export function dockerClients(): string[] {
  const found: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'docker');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      const real = fs.realpathSync(candidate);
      if (!found.some(f => fs.realpathSync(f) === real)) found.push(candidate);
    } catch { /* not here */ }
  }
  return found;
}

/** The CLI a user gets: the first on PATH. */
export const DOCKER = dockerClients()[0] ?? 'docker';

/** Throws with a clear message when no engine answers, so the whole layer fails. */
export async function requireEngine(): Promise<{ client: string; server: string }> {
  const v = await dockerVersion(DOCKER);
  if (v.spawnError) throw new Error(`no Docker CLI on PATH (${v.spawnError.message}); run scripts/docker-engine.sh`);
  if (!v.server) throw new Error(`no Docker engine answers: ${v.output.trim()}; run scripts/docker-engine.sh`);
  for (const image of ['busybox:local']) {
    try { execFileSync(DOCKER, ['image', 'inspect', image], { stdio: 'ignore' }); } catch { throw new Error(`image ${image} is missing; run scripts/docker-engine.sh`); }
  }
  return { client: v.client!, server: v.server };
}

export function tempDir(name = 'lw-docker-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), name));
}

export function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

export async function requirements(dockerfile: string, contextDir?: string): Promise<ImageRequirementsResult> {
  return imageRequirementsFor({ uri: pathToFileURL(dockerfile).href, contextDir });
}

/** Runs one invocation to the end through the extension's own runner. */
export async function runToEnd(invocation: DockerInvocation, opts: { dockerPath?: string; containerName?: string } = {}): Promise<DockerProcessResult & { text: string }> {
  const p = new DockerProcess({ dockerPath: opts.dockerPath ?? DOCKER, invocation, containerName: opts.containerName });
  const r = await p.done;
  return { ...r, text: r.lines.map(l => l.text).join('\n') };
}

export function docker(args: string[]): string {
  return execFileSync(DOCKER, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function removeImages(prefix: string): void {
  const ids = docker(['images', '--format', '{{.Repository}}:{{.Tag}}']).split('\n').filter(t => t.startsWith(prefix));
  if (ids.length) { try { docker(['rmi', '--force', ...ids]); } catch { /* in use or gone */ } }
}

/** Command lines of every process on this machine (Linux /proc). */
export function processCommandLines(): string[] {
  const out: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try { out.push(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')); } catch { /* gone */ }
  }
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise(r => setTimeout(r, ms));
}
