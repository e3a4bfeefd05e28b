import * as vscode from 'vscode';

/**
 * A pseudoterminal that shows a docker command's output live. There is no shell behind
 * it, so nothing typed or shown here reaches a shell history. Ctrl+C cancels; closing
 * the terminal cancels too.
 */
export class OutputTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  /** Writes before open() would be dropped by VS Code; they wait here. */
  private pending: string[] | undefined = [];
  private readonly openedPromise: Promise<void>;
  private markOpened!: () => void;
  private _transcript = '';
  /** Called on Ctrl+C or when the terminal is closed while something runs. */
  onCancel?: () => void;
  /** Called once the terminal is open (tasks start their work then). */
  onOpen?: () => void;

  constructor() {
    this.openedPromise = new Promise(resolve => { this.markOpened = resolve; });
    recentTerminals.push(this);
    if (recentTerminals.length > 20) recentTerminals.shift();
  }

  /** Everything written so far (bounded): what the user saw. */
  get transcript(): string { return this._transcript; }

  get opened(): Promise<void> { return this.openedPromise; }

  open(): void {
    const queued = this.pending ?? [];
    this.pending = undefined;
    for (const text of queued) this.writeEmitter.fire(text);
    this.markOpened();
    this.onOpen?.();
  }

  close(): void {
    this.onCancel?.();
  }

  handleInput(data: string): void {
    if (data === '\x03') {
      this.write('^C\n');
      this.onCancel?.();
    }
  }

  /** Writes text, turning bare line feeds into the CRLF a terminal needs. */
  write(text: string): void {
    this._transcript = (this._transcript + text).slice(-1_000_000);
    const out = text.replace(/\r?\n/g, '\r\n');
    if (this.pending) this.pending.push(out); else this.writeEmitter.fire(out);
  }

  private exited = false;

  /** Ends a task's terminal with an exit code (once). */
  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.closeEmitter.fire(code);
  }
}

/** The last terminals' transcripts, most recently used last, for the extension's own tests. */
export const recentTerminals: OutputTerminal[] = [];

export function markUsed(pty: OutputTerminal): void {
  const i = recentTerminals.indexOf(pty);
  if (i >= 0) recentTerminals.splice(i, 1);
  recentTerminals.push(pty);
}

/** ANSI styling for the lines Layerwise itself writes. */
export const style = {
  command: (s: string) => `\x1b[1m${s}\x1b[0m`,
  ok: (s: string) => `\x1b[32m${s}\x1b[0m`,
  error: (s: string) => `\x1b[31m${s}\x1b[0m`,
  note: (s: string) => `\x1b[2m${s}\x1b[0m`,
};
