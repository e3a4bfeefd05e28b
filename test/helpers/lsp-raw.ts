// Raw access to the server's stdin, beside LspTestClient: bytes a well-behaved client never
// sends (invalid UTF-8, broken frames, malformed JSON-RPC). Call these only while the client has
// no write in flight (after awaiting its notifications and requests), so frames never interleave.
import type { LspTestClient } from './lsp-client';

/** One LSP frame: the Content-Length header (in bytes) and the body. */
export function frame(body: Buffer | string, extraHeaders = ''): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n${extraHeaders}\r\n`, 'ascii'), bytes]);
}

export function writeRaw(client: LspTestClient, bytes: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => client.process.stdin.write(bytes, error => (error ? reject(error) : resolve())));
}

/** A JSON-RPC message as one frame, written raw. */
export function sendRawMessage(client: LspTestClient, message: unknown): Promise<void> {
  return writeRaw(client, frame(JSON.stringify(message)));
}

/**
 * `textDocument/didOpen` whose text is exactly `textBytes` inside the JSON string, so it can hold
 * bytes that are not UTF-8. JSON escaping is applied to quotes, backslashes and control bytes
 * only; every other byte goes through untouched.
 */
export function openWithBytes(client: LspTestClient, uri: string, textBytes: Buffer, version = 1): Promise<void> {
  const marker = '\u0000TEXT\u0000';
  const json = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version, text: marker } } });
  const [before, after] = json.split(JSON.stringify(marker).slice(1, -1));
  const body = Buffer.concat([Buffer.from(before, 'utf8'), escapeJsonBytes(textBytes), Buffer.from(after, 'utf8')]);
  return writeRaw(client, frame(body));
}

function escapeJsonBytes(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out.push(0x5c, b);
    else if (b < 0x20) out.push(...Buffer.from(`\\u${b.toString(16).padStart(4, '0')}`, 'ascii'));
    else out.push(b);
  }
  return Buffer.from(out);
}
