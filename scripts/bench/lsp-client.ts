/**
 * A minimal JSON-RPC client for the benchmarks: starts a language server as a real process on
 * stdio and records the arrival time of every publishDiagnostics. Waiting is event driven (no
 * polling), so a latency is the time between sending a message and its answer being read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, IPCMessageReader, IPCMessageWriter, PublishDiagnosticsNotification,
  RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter, UnregistrationRequest, WorkDoneProgressCreateRequest,
  type ConfigurationItem, type ProtocolConnection, type PublishDiagnosticsParams, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export interface ServerCommand {
  /** Shown in tables. */
  name: string;
  /** Arguments to `node`: the server's entry script and its flags. */
  args: string[];
  /** Answers `workspace/configuration` for one section (e.g. `layerwise`). */
  configuration?: (section: string | undefined) => unknown;
  initializationOptions?: unknown;
  /** Extra flags for node, before the script. */
  nodeFlags?: string[];
  /**
   * `ipc` talks over Node IPC (`--node-ipc`, replacing `--stdio` in `args`), which leaves stdout
   * free: with `traceGc` the server runs with `--trace-gc` and the heap left after each full
   * collection is read from there.
   */
  transport?: 'stdio' | 'ipc';
  traceGc?: boolean;
}

export interface Publish {
  at: number;
  params: PublishDiagnosticsParams;
  /** Its position among the publishes for its document (pass `index + 1` as `after` to wait for a later one). */
  index: number;
}

interface Waiter { uri: string; after: number; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: Publish) => void }

export class BenchLspClient {
  readonly publishes = new Map<string, Publish[]>();
  /** Time `initialize` took, from spawning the process to its result. */
  initializeMs = 0;
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  /** With `traceGc`: the heap in use after the latest full (mark-compact) collection, in MB. */
  heapAfterFullGcMB: number | undefined;
  private stderr = '';
  private exited = false;

  private constructor(readonly server: ServerCommand, readonly child: ChildProcess, readonly connection: ProtocolConnection) {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => { this.stderr = (this.stderr + chunk).slice(-4000); });
    if (server.traceGc) {
      let pending = '';
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          // e.g. "Mark-Compact 45.2 (60.1) -> 30.1 (58.0) MB": used (committed) before -> after.
          const m = /Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(line);
          if (m) this.heapAfterFullGcMB = Number(m[1]);
        }
      });
    }
    child.once('exit', () => { this.exited = true; });
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
      let list = this.publishes.get(params.uri);
      if (!list) this.publishes.set(params.uri, (list = []));
      const publish = { at: performance.now(), params, index: list.length };
      list.push(publish);
      for (const w of this.waiters) {
        if (w.uri === params.uri && list.length > w.after && w.accept(params)) {
          this.waiters.delete(w);
          w.resolve(publish);
        }
      }
    });
    connection.onRequest(ConfigurationRequest.type, params => params.items.map((item: ConfigurationItem) => server.configuration?.(item.section) ?? null));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.listen();
  }

  static async start(server: ServerCommand, rootUri: string | null = null): Promise<BenchLspClient> {
    const started = performance.now();
    const ipc = server.transport === 'ipc';
    const args = ipc ? server.args.map(a => (a === '--stdio' ? '--node-ipc' : a)) : server.args;
    const flags = [...(server.nodeFlags ?? []), ...(server.traceGc ? ['--trace-gc'] : [])];
    const child = spawn(process.execPath, [...flags, ...args], { stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : 'pipe' });
    const connection = ipc
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new BenchLspClient(server, child, connection);
    await client.timed(connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: null,
      initializationOptions: server.initializationOptions,
      capabilities: {
        workspace: { configuration: !!server.configuration, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    }), 30_000, 'initialize');
    client.initializeMs = performance.now() - started;
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  publishCount(uri: string): number {
    return this.publishes.get(uri)?.length ?? 0;
  }

  /** Resolves with the first publish for `uri`, among those after the first `after`, that `accept` takes. */
  waitForPublish(uri: string, after: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 30_000): Promise<Publish | undefined> {
    const seen = (this.publishes.get(uri) ?? []).slice(after).find(p => accept(p.params));
    if (seen) return Promise.resolve(seen);
    return new Promise(resolve => {
      const waiter: Waiter = { uri, after, accept, resolve };
      this.waiters.add(waiter);
      setTimeout(() => {
        if (this.waiters.delete(waiter)) resolve(undefined);
      }, timeoutMs).unref();
    });
  }

  /** Sends didOpen; returns the send time. */
  open(uri: string, text: string, version = 1): number {
    this.versions.set(uri, version);
    const at = performance.now();
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version, text } });
    return at;
  }

  /** Sends didChange with the next version; returns that version and the send time. */
  change(uri: string, contentChanges: TextDocumentContentChangeEvent[]): { version: number; at: number } {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const at = performance.now();
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    return { version, at };
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown, timeoutMs = 30_000): Promise<R> {
    return this.timed(this.connection.sendRequest(method, params) as Promise<R>, timeoutMs, method);
  }

  get pid(): number | undefined { return this.child.pid; }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.timed(this.connection.sendRequest(ShutdownRequest.type), 5000, 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
      } catch { /* killed below */ }
      await new Promise<void>(resolve => {
        if (this.exited) return resolve();
        const timer = setTimeout(() => { this.child.kill('SIGKILL'); resolve(); }, 3000);
        this.child.once('exit', () => { clearTimeout(timer); resolve(); });
      });
    }
    this.connection.dispose();
  }

  private timed<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.server.name}: ${what} got no answer within ${ms} ms; stderr: ${this.stderr.trim() || '(empty)'}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
