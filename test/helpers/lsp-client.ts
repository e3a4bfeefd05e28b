import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  ConfigurationRequest, createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
  InitializedNotification, InitializeRequest, LogMessageNotification, PublishDiagnosticsNotification, RegistrationRequest,
  ShowMessageNotification, ShowMessageRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter, UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities, type CodeAction, type CodeActionContext, type Command, type ConfigurationItem, type Diagnostic,
  type FileEvent, type Hover, type InitializeResult, type LogMessageParams, type Position, type ProtocolConnection,
  type PublishDiagnosticsParams, type Range, type Registration, type ShowMessageParams, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { assertBuilt, REPO_ROOT, SERVER_JS } from './paths';

export interface StartOptions {
  /** Advertise `workspace.configuration` (the server then pulls settings). Default true. */
  configuration?: boolean;
  /** Advertise `workspace.workspaceEdit.documentChanges`. Default false. */
  documentChanges?: boolean;
  /** Sent as `initializationOptions`. */
  initializationOptions?: unknown;
  /** The settings answered to `workspace/configuration`, as the whole settings tree (`{layerwise: {...}}`). */
  settings?: Record<string, unknown>;
  /** Extra capabilities merged over the defaults. */
  capabilities?: ClientCapabilities;
  rootUri?: string | null;
  /** Extra arguments after `dist/server.js` (default `--stdio`). */
  args?: string[];
}

export interface RecordedPublish { seq: number; at: number; params: PublishDiagnosticsParams }
export interface RecordedMessage { kind: 'notification' | 'request'; params: ShowMessageParams }

type Predicate = (p: PublishDiagnosticsParams) => boolean;

let seqCounter = 0;

/** Servers still running; killed when the test process exits, whatever happened to the test. */
const live = new Set<ChildProcessWithoutNullStreams>();
process.on('exit', () => { for (const child of live) child.kill('SIGKILL'); });

/**
 * A real LSP client for tests: spawns `node dist/server.js --stdio`, speaks JSON-RPC over
 * its stdio, answers the server's requests and records what the server sends.
 */
export class LspTestClient {
  /** Answered to `workspace/configuration`; tests may replace or mutate it at any time. */
  settings: Record<string, unknown>;
  /** When set, called instead of the default answer for each `workspace/configuration` request. */
  configurationHandler?: (items: ConfigurationItem[]) => unknown[] | Promise<unknown[]>;

  readonly publishes: RecordedPublish[] = [];
  readonly messages: RecordedMessage[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly configurationRequests: ConfigurationItem[][] = [];
  readonly registrations: Registration[] = [];
  initializeResult!: InitializeResult;
  stderr = '';
  exitCode: number | null = null;
  exitSignal: NodeJS.Signals | null = null;

  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private readonly exited: Promise<void>;

  private constructor(readonly process: ChildProcessWithoutNullStreams, readonly connection: ProtocolConnection, settings: Record<string, unknown>) {
    this.settings = settings;
    live.add(process);
    this.exited = new Promise(resolve => process.once('exit', (code, signal) => {
      live.delete(process);
      this.exitCode = code;
      this.exitSignal = signal;
      resolve();
    }));
    process.stderr.setEncoding('utf8');
    process.stderr.on('data', (chunk: string) => { this.stderr += chunk; });

    connection.onNotification(PublishDiagnosticsNotification.type, params => {
      this.publishes.push({ seq: ++seqCounter, at: Date.now(), params });
    });
    connection.onNotification(ShowMessageNotification.type, params => { this.messages.push({ kind: 'notification', params }); });
    connection.onRequest(ShowMessageRequest.type, params => { this.messages.push({ kind: 'request', params }); return null; });
    connection.onNotification(LogMessageNotification.type, params => { this.logs.push(params); });
    connection.onRequest(ConfigurationRequest.type, async params => {
      this.configurationRequests.push(params.items);
      if (this.configurationHandler) return this.configurationHandler(params.items);
      return params.items.map(item => this.configurationFor(item));
    });
    connection.onRequest(RegistrationRequest.type, params => { this.registrations.push(...params.registrations); });
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.listen();
  }

  /** Spawns the server and completes `initialize` / `initialized`. */
  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    assertBuilt(SERVER_JS);
    const child = spawn(process.execPath, [SERVER_JS, ...(options.args ?? ['--stdio'])], { cwd: REPO_ROOT, stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection, options.settings ?? {});
    connection.onError(([error]) => { client.stderr += `\n[client] connection error: ${error.message}`; });

    const capabilities: ClientCapabilities = {
      ...options.capabilities,
      workspace: {
        configuration: options.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: options.documentChanges ?? false },
        ...options.capabilities?.workspace,
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: {
          isPreferredSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
        },
        ...options.capabilities?.textDocument,
      },
      window: { showMessage: {}, ...options.capabilities?.window },
    };
    client.initializeResult = await client.withTimeout(connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities,
      initializationOptions: options.initializationOptions,
      workspaceFolders: null,
    }), 10_000, 'initialize');
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The default answer to one `workspace/configuration` item: the named (dotted) section of `settings`. */
  configurationFor(item: ConfigurationItem): unknown {
    if (!item.section) return this.settings;
    let value: unknown = this.settings;
    for (const part of item.section.split('.')) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    return value ?? null;
  }

  // ---- documents ---------------------------------------------------------------------------

  async open(uri: string, text: string, version = 1, languageId = 'dockerfile'): Promise<void> {
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-content change); returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    return this.changeWith(uri, [{ text }], text);
  }

  /**
   * Sends incremental changes (applied in order, as LSP specifies); `resultText` is what the
   * document should read afterwards, tracked for `text(uri)`. Returns the new version.
   */
  async changeWith(uri: string, contentChanges: TextDocumentContentChangeEvent[], resultText: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, resultText);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  version(uri: string): number | undefined { return this.versions.get(uri); }
  text(uri: string): string | undefined { return this.texts.get(uri); }

  // ---- workspace ---------------------------------------------------------------------------

  async didChangeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async didChangeWatchedFiles(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  // ---- requests ----------------------------------------------------------------------------

  /** Any request by method name; rejects (with the server's stderr) after `timeoutMs`. */
  request<R = unknown>(method: string, params?: unknown, timeoutMs = 10_000): Promise<R> {
    return this.withTimeout(this.connection.sendRequest(method, params) as Promise<R>, timeoutMs, method);
  }

  async notify(method: string, params?: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, context: Partial<CodeActionContext> = {}): Promise<(CodeAction | Command)[] | null> {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], ...context } });
  }

  // ---- diagnostics -------------------------------------------------------------------------

  /** Every publish for `uri`, oldest first. */
  publishesFor(uri: string): RecordedPublish[] {
    return this.publishes.filter(p => p.params.uri === uri);
  }

  /** How many publishes for `uri` have been received; pass it as `after` to wait for a newer one. */
  publishCount(uri: string): number {
    return this.publishesFor(uri).length;
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.publishesFor(uri).at(-1)?.params;
  }

  /**
   * Resolves with the latest publish for `uri` once it satisfies `predicate` (polling what has
   * been recorded). Only publishes after the first `after` ones for this uri are considered.
   * Rejects with the last publish and the server's stderr on timeout or if the server exits.
   */
  async waitForDiagnostics(uri: string, predicate: Predicate = () => true, timeoutMs = 10_000, after = 0): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.publishesFor(uri);
      const last = list.length > after ? list[list.length - 1].params : undefined;
      if (last && predicate(last)) return last;
      if (this.exitCode !== null || this.exitSignal !== null) {
        throw new Error(`server exited (code ${this.exitCode}, signal ${this.exitSignal}) while waiting for diagnostics of ${uri}.${this.describe(uri)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for diagnostics of ${uri} matching ${predicate.toString().slice(0, 300)}.${this.describe(uri)}`);
      }
      await delay(10);
    }
  }

  /** Waits until a publish for `uri` with exactly this document version arrives and satisfies `predicate`. */
  waitForVersion(uri: string, version: number, predicate: Predicate = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(uri, p => p.version === version && predicate(p), timeoutMs);
  }

  async waitForMessage(predicate: (m: ShowMessageParams) => boolean, timeoutMs = 10_000): Promise<ShowMessageParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.messages.find(m => predicate(m.params));
      if (hit) return hit.params;
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for a window/showMessage; received: ${JSON.stringify(this.messages)}.${this.describe()}`);
      }
      await delay(10);
    }
  }

  /** Context for assertion messages: the last publishes, log messages and stderr. */
  describe(uri?: string): string {
    const pubs = (uri ? this.publishesFor(uri) : this.publishes).slice(-3).map(p => JSON.stringify(p.params));
    const logs = this.logs.slice(-5).map(l => l.message.slice(0, 500));
    return `\n  last publishes: ${pubs.length ? pubs.join('\n    ') : '(none)'}` +
      `\n  server log: ${logs.length ? logs.join('\n    ') : '(none)'}` +
      `\n  server stderr: ${this.stderr.trim().slice(-2000) || '(empty)'}`;
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** shutdown + exit; kills the process if it lingers. Resolves with the exit code (null when killed). */
  async shutdown(timeoutMs = 5000): Promise<number | null> {
    if (this.exitCode === null && this.exitSignal === null) {
      try {
        await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), timeoutMs, 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
      } catch { /* fall through to kill */ }
      if (!(await this.waitForExit(timeoutMs))) {
        this.process.kill('SIGKILL');
        await this.exited;
      }
    }
    this.connection.dispose();
    return this.exitCode;
  }

  /** Resolves true once the server process has exited, false after `timeoutMs`. */
  waitForExit(timeoutMs = 3000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(resolve => { timer = setTimeout(() => resolve(false), timeoutMs); });
    return Promise.race([this.exited.then(() => true), timeout]).finally(() => clearTimeout(timer));
  }

  private withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} got no answer within ${ms} ms.${this.describe()}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

// ---- small predicates and finders used by the tests ----------------------------------------

export function withCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter(d => d.code === code);
}

export function hasCode(p: PublishDiagnosticsParams, code: string): boolean {
  return p.diagnostics.some(d => d.code === code);
}

export function codes(p: PublishDiagnosticsParams | undefined): string[] {
  return (p?.diagnostics ?? []).map(d => `${String(d.code)}@${d.range.start.line}`);
}

/** A diagnostic's message as text (LSP 3.18 allows MarkupContent there too). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
