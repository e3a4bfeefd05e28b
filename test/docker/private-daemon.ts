/**
 * A private Docker daemon for tests that stop or kill one mid-build. Never the shared
 * engine: everything it owns lives under one temporary root. Node only (no vscode), so
 * both test/docker and the extension-host suite use it. Needs root (dockerd, unshare).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dockerVersion } from '../../client/src/build/docker';

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Polls `probe` every 100 ms until it returns something truthy. */
export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * A dockerd of our own: its own socket, data root, exec root (so its own containerd) and
 * pidfile, in its own network namespace. The namespace matters: a dockerd changes host
 * networking (a --bridge=none daemon deletes docker0, which the shared engine needs), and
 * inside its namespace nothing it does reaches the shared engine.
 */
export class PrivateDaemon {
  readonly root = fs.mkdtempSync('/tmp/lw-dockerd-');
  readonly host = `unix://${this.root}/docker.sock`;
  readonly env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: this.host };
  private proc?: ChildProcess;
  private exited?: Promise<void>;

  /** `docker` is the CLI to talk to it with. */
  constructor(private readonly docker = 'docker') {}

  /** Copies an image from the shared engine into this daemon (no registry here). */
  loadImage(image: string): void {
    const saved = execFileSync(this.docker, ['save', image], { maxBuffer: 256 * 1024 * 1024 });
    execFileSync(this.docker, ['load'], { input: saved, env: this.env, stdio: ['pipe', 'ignore', 'pipe'] });
  }

  async start(): Promise<void> {
    const log = fs.openSync(path.join(this.root, 'dockerd.log'), 'a');
    // unshare execs dockerd, so the pid we hold is dockerd's own.
    this.proc = spawn('unshare', [
      '--net', '--', 'dockerd',
      `--host=${this.host}`, `--data-root=${this.root}/data`, `--exec-root=${this.root}/exec`, `--pidfile=${this.root}/docker.pid`,
      '--iptables=false', '--ip-masq=false', '--shutdown-timeout=2',
    ], { stdio: ['ignore', log, log], detached: true });
    fs.closeSync(log);
    const proc = this.proc;
    this.exited = new Promise(resolve => proc.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while (!(await dockerVersion(this.docker, this.env)).server) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`the private dockerd did not answer:\n${this.logTail()}`);
      await sleep(250);
    }
  }

  /** Stops dockerd with `signal` and waits until it has exited. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    this.proc?.kill(signal);
    await this.exited;
    // Its containerd outlives a SIGKILLed dockerd and would keep the next one from starting (as after a real crash).
    const pidFile = `${this.root}/exec/containerd/containerd.pid`;
    const pid = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').trim() : NaN);
    if (!Number.isInteger(pid) || pid <= 0) return;
    // Only while the pid is still our containerd: a pid from a stale file may belong to anyone by now.
    if (this.processesWith(this.root).includes(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
    try {
      await until('the private containerd to be reaped', () => !fs.existsSync(`/proc/${pid}`), 5_000);
    } catch {
      // A zombie nobody has collected yet still "runs" for the next dockerd's pidfile check, which then waits for it forever.
      fs.rmSync(pidFile, { force: true });
    }
  }

  /** Pids (not this test's) whose command line contains `text`. */
  processesWith(text: string): number[] {
    return fs.readdirSync('/proc').filter(p => /^\d+$/.test(p)).map(Number).filter(pid => {
      if (pid === process.pid) return false;
      try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text); } catch { return false; }
    });
  }

  logTail(): string {
    try {
      return fs.readFileSync(path.join(this.root, 'dockerd.log'), 'utf8').split('\n')
        .filter(l => !/\[core\]|module=grpc/.test(l)).slice(-25).join('\n');
    } catch { return ''; }
  }

  /** Stops it and everything it started (containerd, shims), unmounts and removes its roots. */
  async destroy(): Promise<void> {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill('SIGTERM');
      await Promise.race([this.exited, sleep(20_000)]);
    }
    for (const pid of this.processesWith(this.root)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    await sleep(500);
    const mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map(l => l.split(' ')[1]).filter(m => m?.startsWith(this.root)).reverse();
    for (const m of mounts) { try { execFileSync('umount', ['-l', m], { stdio: 'ignore' }); } catch { /* already gone */ } }
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
