// Clients without VS Code's extras: `capabilities: {}` (no workspace/configuration, no dynamic
// registration, no documentChanges, no progress), settings only through initializationOptions
// or workspace/didChangeConfiguration, and the other transports main.ts accepts.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createMessageConnection, IPCMessageReader, IPCMessageWriter, SocketMessageReader, SocketMessageWriter, StreamMessageReader, StreamMessageWriter,
  type CodeAction, type Hover, type MessageConnection, type MessageReader, type MessageWriter, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lsp-client';
import { assertBuilt, fileUri, makeTempDir, REPO_ROOT, SERVER_JS } from '../helpers/paths';

const DOCKERFILE = [
  'FROM python:latest',
  'RUN apt-get update',
  'COPY . /app',
  '',
].join('\n');

const REQUEST_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, what: string, ms = REQUEST_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The smallest client that speaks LSP: it announces no capabilities, answers every server
 * request with an error (as a client that supports none would), and records what it got.
 */
class BareClient {
  readonly serverRequests: string[] = [];
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly connection: MessageConnection;
  stderr = '';

  constructor(reader: MessageReader, writer: MessageWriter, readonly child?: ChildProcess) {
    this.connection = createMessageConnection(reader, writer);
    this.connection.onRequest((method: string) => {
      this.serverRequests.push(method);
      throw new Error(`this client does not support ${method}`);
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => { this.publishes.push(params); });
    this.connection.listen();
    child?.stderr?.setEncoding('utf8');
    child?.stderr?.on('data', (chunk: string) => { this.stderr += chunk; });
  }

  static stdio(): BareClient {
    assertBuilt(SERVER_JS);
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: REPO_ROOT, stdio: 'pipe' });
    return new BareClient(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin), child);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.connection.sendRequest(method, params) as Promise<R>, `${method}${this.stderr ? ` (server stderr: ${this.stderr.slice(-1000)})` : ''}`);
  }

  initialize(initializationOptions?: unknown): Promise<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }> {
    return this.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions }).then(async result => {
      await this.connection.sendNotification('initialized', {});
      return result as { capabilities: Record<string, unknown>; serverInfo?: { name: string } };
    });
  }

  async waitForPublish(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, after = 0): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + REQUEST_TIMEOUT_MS;
    for (;;) {
      const mine = this.publishes.filter(p => p.uri === uri).slice(after);
      const last = mine.at(-1);
      if (last && predicate(last)) return last;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(last)}; server stderr: ${this.stderr.slice(-1000)}`);
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  }

  /** shutdown + exit; resolves with the exit code of a spawned server. */
  async stop(): Promise<number | null> {
    await this.request('shutdown', undefined);
    await this.connection.sendNotification('exit');
    const child = this.child;
    const code = child ? await withTimeout(new Promise<number | null>(resolve => {
      if (child.exitCode !== null) resolve(child.exitCode); else child.once('exit', resolve);
    }), 'server exit', 5000) : null;
    this.connection.dispose();
    return code;
  }
}

const codesOf = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => String(d.code));

describe('language server: a client with capabilities {}', () => {
  let client: BareClient;
  let uri: string;
  let initializeResult: { capabilities: Record<string, unknown>; serverInfo?: { name: string } };

  before(async () => {
    client = BareClient.stdio();
    initializeResult = await client.initialize();
    uri = fileUri(path.join(makeTempDir({ 'app.py': 'print(1)\n' }), 'Dockerfile'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
  });
  after(async () => { if (client.child?.exitCode === null) client.child.kill('SIGKILL'); });

  it('initializes and names itself', () => {
    assert.equal(initializeResult.serverInfo?.name, 'layerwise');
    assert.equal(initializeResult.capabilities.hoverProvider, true);
  });

  it('publishes diagnostics with default settings', async () => {
    const published = await client.waitForPublish(uri, p => codesOf(p).includes('base-image-latest'));
    assert.ok(codesOf(published).includes('apt-update-alone'), JSON.stringify(codesOf(published)));
  });

  it('answers hovers, and null (not an error) at a position past the end', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents, `expected a hover, got ${JSON.stringify(hover)}`);
    assert.match(hover.contents.value, /python:latest/);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 400, character: 3 } }), null);
  });

  it('offers quick fixes as plain `changes` edits, and no fix that would have to create a file', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 2, character: 11 } },
      context: { diagnostics: [] },
    });
    assert.ok(actions.length > 0, 'no code actions');
    for (const action of actions) {
      assert.ok(action.edit, `${action.title} has no edit`);
      assert.equal(action.edit.documentChanges, undefined, `${action.title} uses documentChanges, which this client did not announce`);
      assert.ok(action.edit.changes?.[uri], `${action.title} does not edit the document through changes`);
    }
    assert.ok(actions.some(a => a.title === 'Ignore base-image-latest for this instruction'), JSON.stringify(actions.map(a => a.title)));
  });

  it('takes settings from workspace/didChangeConfiguration', async () => {
    const before = client.publishes.filter(p => p.uri === uri).length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { layerwise: { rules: { 'base-image-latest': 'off' } } } });
    const published = await client.waitForPublish(uri, p => !codesOf(p).includes('base-image-latest'), before);
    assert.ok(codesOf(published).includes('apt-update-alone'), 'other rules keep running');
  });

  it('was never sent a request it did not announce (configuration, registration, progress)', () => {
    assert.deepEqual(client.serverRequests, []);
  });

  it('shuts down and exits with code 0', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('language server: settings without workspace/configuration', () => {
  it('applies initializationOptions for a bare client', async () => {
    const client = BareClient.stdio();
    try {
      await client.initialize({ rules: { 'apt-update-alone': 'off' } });
      const uri = fileUri(path.join(makeTempDir(), 'Dockerfile'));
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
      const published = await client.waitForPublish(uri, p => codesOf(p).includes('base-image-latest'));
      assert.ok(!codesOf(published).includes('apt-update-alone'), JSON.stringify(codesOf(published)));
      assert.deepEqual(client.serverRequests, []);
    } finally {
      await client.stop().catch(() => client.child?.kill('SIGKILL'));
    }
  });

  it('keeps initializationOptions when the client answers workspace/configuration with null', async () => {
    // Neovim 0.8+ and other clients announce workspace/configuration but have nothing for the section.
    const client = await LspTestClient.start({ settings: {}, initializationOptions: { rules: { 'apt-update-alone': 'off' } } });
    try {
      const uri = fileUri(path.join(makeTempDir(), 'Dockerfile'));
      await client.open(uri, DOCKERFILE);
      const published = await client.waitForDiagnostics(uri, p => p.diagnostics.some(d => d.code === 'base-image-latest'));
      assert.ok(client.configurationRequests.length > 0, 'the server should have asked for the configuration');
      assert.ok(!published.diagnostics.some(d => d.code === 'apt-update-alone'), JSON.stringify(published.diagnostics.map(d => d.code)));
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: transports other than stdio', () => {
  async function initializeAndStop(client: BareClient): Promise<void> {
    const result = await client.initialize();
    assert.equal(result.serverInfo?.name, 'layerwise');
    assert.equal(await client.stop(), 0);
  }

  it('--node-ipc', async () => {
    assertBuilt(SERVER_JS);
    const child = spawn(process.execPath, [SERVER_JS, '--node-ipc'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    try {
      await initializeAndStop(new BareClient(new IPCMessageReader(child), new IPCMessageWriter(child), child));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('--socket=PORT (the server connects to the client)', async () => {
    assertBuilt(SERVER_JS);
    const listener = net.createServer();
    await new Promise<void>(resolve => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as net.AddressInfo).port;
    const connected = withTimeout(new Promise<net.Socket>(resolve => listener.once('connection', resolve)), 'socket connection');
    const child = spawn(process.execPath, [SERVER_JS, `--socket=${port}`], { cwd: REPO_ROOT, stdio: 'pipe' });
    try {
      const socket = await connected;
      await initializeAndStop(new BareClient(new SocketMessageReader(socket), new SocketMessageWriter(socket), child));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      listener.close();
    }
  });

  it('without a transport it prints usage and exits 2; --help exits 0', () => {
    assertBuilt(SERVER_JS);
    const bare = spawnSync(process.execPath, [SERVER_JS], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /Usage: layerwise-language-server --stdio/);
    // --clientProcessId names no transport; the library polls that process, which must not keep the server alive.
    const noTransport = spawnSync(process.execPath, [SERVER_JS, `--clientProcessId=${process.pid}`], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(noTransport.status, 2, `expected usage and exit 2, got ${noTransport.status} ${noTransport.signal ?? ''}`);
    const help = spawnSync(process.execPath, [SERVER_JS, '--help'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--node-ipc/);
  });
});
