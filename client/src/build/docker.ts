/**
 * Runs the Docker CLI: always an argument vector, never a shell; each run in its own
 * process group so Cancel stops it and everything it started. Node only (no vscode), so
 * test/docker drives exactly this code against the real engine.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { removeInvocation, stopInvocation, type DockerInvocation } from './argv';
import { unfinishedBuildContainers, type OutputLine } from './build-output';
import { classifyOutput, daemonStopped, type DockerProblem, type ProblemContext } from './problems';

export interface DockerProcessOptions {
  dockerPath: string;
  invocation: DockerInvocation;
  /** Raw output as it arrives, for the terminal. */
  onData?(chunk: string, stream: OutputLine['stream']): void;
  /** Complete lines, for step parsing. */
  onLine?(line: OutputLine): void;
  /** `docker run`: the container (by the `--name` we gave it) to stop when cancelled. */
  containerName?: string;
  /** The environment the invocation's variables are added to; default: this process's. */
  baseEnv?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface DockerProcessResult {
  /** Null when the process was killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  cancelled: boolean;
  /** Set when the program could not be started (ENOENT: no Docker CLI there). */
  spawnError?: NodeJS.ErrnoException;
  /** The last lines of output (bounded). */
  lines: OutputLine[];
  durationMs: number;
}

const MAX_LINES = 5000;

export class DockerProcess {
  readonly done: Promise<DockerProcessResult>;
  private child?: ChildProcess;
  private cancelled = false;
  private cancelling?: Promise<void>;
  private exited = false;

  constructor(private readonly opts: DockerProcessOptions) {
    this.done = this.start();
  }

  get pid(): number | undefined { return this.child?.pid; }

  private async start(): Promise<DockerProcessResult> {
    const started = Date.now();
    const lines: OutputLine[] = [];
    const { invocation } = this.opts;
    let args = invocation.args;
    let envDir: string | undefined;
    if (invocation.privateEnvFile?.length) {
      // Readable by this user only, removed as soon as docker has exited.
      envDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'layerwise-env-'));
      const file = path.join(envDir, 'env');
      await fs.promises.writeFile(file, invocation.privateEnvFile.map(v => `${v.name}=${v.value}\n`).join(''), { mode: 0o600 });
      const end = args.indexOf('--');
      args = [...args.slice(0, end < 0 ? args.length : end), `--env-file=${file}`, ...(end < 0 ? [] : args.slice(end))];
    }
    try {
      return await new Promise<DockerProcessResult>(resolve => {
        const env = { ...(this.opts.baseEnv ?? process.env), ...invocation.env };
        const child = spawn(this.opts.dockerPath, args, {
          env, cwd: this.opts.cwd, shell: false, windowsHide: true,
          stdio: [invocation.stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'],
          // Its own process group, so cancelling can signal the CLI and its plugins together.
          detached: process.platform !== 'win32',
        });
        this.child = child;
        if (invocation.stdinFile && child.stdin) {
          // A docker that exits before reading all of it closes the pipe: nothing to report beyond its own exit.
          child.stdin.on('error', () => undefined);
          fs.createReadStream(invocation.stdinFile)
            .on('error', err => {
              lines.push({ text: `Cannot read ${invocation.stdinFile}: ${err.message}`, stream: 'stderr' });
              child.stdin?.destroy();
            })
            .pipe(child.stdin);
        }
        const pending: Record<OutputLine['stream'], string> = { stdout: '', stderr: '' };
        const pump = (stream: OutputLine['stream']) => {
          const decoder = new StringDecoder('utf8');
          child[stream]!.on('data', (buf: Buffer) => {
            const text = decoder.write(buf);
            this.opts.onData?.(text, stream);
            pending[stream] += text;
            let nl: number;
            while ((nl = pending[stream].indexOf('\n')) >= 0) {
              const line: OutputLine = { text: pending[stream].slice(0, nl).replace(/\r$/, ''), stream };
              pending[stream] = pending[stream].slice(nl + 1);
              lines.push(line);
              if (lines.length > MAX_LINES) lines.shift();
              this.opts.onLine?.(line);
            }
          });
        };
        pump('stdout');
        pump('stderr');
        let spawnError: NodeJS.ErrnoException | undefined;
        child.once('error', err => {
          spawnError = err as NodeJS.ErrnoException;
          // 'close' does not follow when the program could not be started.
          if (child.pid === undefined) finish(null, null);
        });
        const finish = (code: number | null, signal: NodeJS.Signals | null) => {
          if (this.exited) return;
          this.exited = true;
          for (const stream of ['stdout', 'stderr'] as const) {
            if (pending[stream]) {
              const line: OutputLine = { text: pending[stream].replace(/\r$/, ''), stream };
              lines.push(line);
              this.opts.onLine?.(line);
            }
          }
          resolve({ exitCode: code, signal, cancelled: this.cancelled, spawnError, lines, durationMs: Date.now() - started });
        };
        child.once('close', (code, signal) => finish(code, signal));
      });
    } finally {
      if (envDir) await fs.promises.rm(envDir, { recursive: true, force: true });
    }
  }

  /** Stops the container (if any) and the CLI's process group; resolves when the process is gone. */
  cancel(): Promise<void> {
    if (!this.cancelling) this.cancelling = this.doCancel();
    return this.cancelling;
  }

  private async doCancel(): Promise<void> {
    if (this.exited) return;
    this.cancelled = true;
    const { containerName, dockerPath, baseEnv } = this.opts;
    if (containerName) {
      // A container keeps running when only the client goes away; stop it by the name we gave it.
      await runDockerQuietly(dockerPath, stopInvocation(containerName).args, 20_000, baseEnv);
      await runDockerQuietly(dockerPath, removeInvocation(containerName).args, 20_000, baseEnv);
    }
    const child = this.child;
    if (!child?.pid || this.exited) { await this.done; return; }
    signalGroup(child, 'SIGTERM');
    const killed = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
    await this.done;
    clearTimeout(killed);
    // Anything left in the group (plugins, helpers) goes too.
    signalGroup(child, 'SIGKILL');
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (process.platform === 'win32') {
      // No process groups on Windows: taskkill ends the tree.
      if (child.pid) spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    } else if (child.pid) {
      process.kill(-child.pid, signal);
    }
  } catch {
    // Already gone.
  }
}

/**
 * What went wrong with a build that exited non-zero, when it is not the Dockerfile's fault:
 * a recognised Docker problem, or a daemon that no longer answers. Undefined: the build
 * itself failed (a step, the Dockerfile), and the output says where.
 */
export async function explainBuildFailure(result: DockerProcessResult, ctx: ProblemContext, dockerPath: string, baseEnv?: NodeJS.ProcessEnv): Promise<DockerProblem | undefined> {
  const classified = classifyOutput(result.lines.map(l => l.text).join('\n'), ctx);
  if (classified) return classified;
  const version = await dockerVersion(dockerPath, baseEnv);
  if (!version.spawnError && !version.server) return daemonStopped(ctx, unfinishedBuildContainers(result.lines));
  return undefined;
}

export interface ExecResult { code: number | null; stdout: string; stderr: string; error?: NodeJS.ErrnoException }

/** A short docker command whose output is wanted whole (version checks, stop, rm). */
export function runDockerQuietly(dockerPath: string, args: string[], timeoutMs = 15_000, baseEnv?: NodeJS.ProcessEnv): Promise<ExecResult> {
  return new Promise(resolve => {
    execFile(dockerPath, args, { timeout: timeoutMs, env: baseEnv ?? process.env, windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const err = error as (NodeJS.ErrnoException & { code?: number | string }) | null;
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), error: err && typeof err.code === 'string' ? err : undefined });
    });
  });
}

export interface DockerVersion {
  client?: string;
  /** Undefined when the daemon did not answer. */
  server?: string;
  /** What docker printed, for classifying a failure. */
  output: string;
  spawnError?: NodeJS.ErrnoException;
}

/** `docker version --format`: the CLI's and the daemon's versions in one call. */
export async function dockerVersion(dockerPath: string, baseEnv?: NodeJS.ProcessEnv): Promise<DockerVersion> {
  const r = await runDockerQuietly(dockerPath, ['version', '--format', '{{.Client.Version}}|{{.Server.Version}}'], 20_000, baseEnv);
  if (r.error) return { output: r.stderr, spawnError: r.error };
  const [client, server] = r.stdout.trim().split('|');
  return { client: client || undefined, server: r.code === 0 && server ? server : undefined, output: `${r.stdout}\n${r.stderr}` };
}

export interface BuildKitSupport {
  available: boolean;
  via?: 'buildx' | 'integrated';
  /** Why not, in words for the user. */
  reason?: string;
}

/**
 * BuildKit works through the buildx plugin, or, for CLIs before 23.0, through the
 * daemon's built-in BuildKit (`DOCKER_BUILDKIT=1`). Newer CLIs without buildx fail
 * ("BuildKit is enabled but the buildx component is missing") and need the classic builder.
 */
export async function buildKitSupport(dockerPath: string, clientVersion: string | undefined, baseEnv?: NodeJS.ProcessEnv): Promise<BuildKitSupport> {
  const buildx = await runDockerQuietly(dockerPath, ['buildx', 'version'], 15_000, baseEnv);
  if (buildx.code === 0) return { available: true, via: 'buildx' };
  const major = Number(/^(\d+)\./.exec(clientVersion ?? '')?.[1]);
  if (Number.isFinite(major) && major < 23) return { available: true, via: 'integrated' };
  return { available: false, reason: `Docker CLI ${clientVersion ?? ''} has no buildx component`.replace(/ {2,}/g, ' ') };
}
