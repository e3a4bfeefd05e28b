/**
 * The LanguageClient error handler that applies restart-policy.ts: waits out the back-off,
 * restarts quietly (a status bar item and the output channel say what happened), and
 * when the budget is spent leaves the server down with one notification that offers
 * Restart and Show Output. Every result is marked `handled`, so the client library never
 * adds popups of its own.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type Message } from 'vscode-languageclient/node';
import { DEFAULT_RESTART_POLICY, RestartPolicy, type CrashDecision, type RestartPolicyOptions } from './restart-policy';

type CrashEventBody =
  | { kind: 'crash'; decision: CrashDecision }
  | { kind: 'running' }
  | { kind: 'notified'; message: string }
  | { kind: 'manual-restart' };

export type CrashEvent = { at: number } & CrashEventBody;

/** What the handler needs from the extension, so it can be driven without a real client. */
export interface CrashHandlerHost {
  log(line: string): void;
  showOutput(): void;
  /** Starts the server again after the person asked for it (the Restart action). */
  restartByHand(): Promise<void>;
}

/** Protocol errors tolerated in a row before the connection is given up as broken. */
const MAX_CONSECUTIVE_ERRORS = 3;
/** How long a close may trail the write errors of a server that died. */
const CLOSE_GRACE_MS = 1000;

export class CrashHandler implements ErrorHandler, vscode.Disposable {
  private policy!: RestartPolicy;
  private readonly status = vscode.window.createStatusBarItem('layerwise.serverStatus', vscode.StatusBarAlignment.Left, 0);
  private hideStatus: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private waitingToRestart = false;
  private lastClosedAt: number | undefined;
  private healthyAfterMs = DEFAULT_RESTART_POLICY.healthyAfterMs;
  /** Bounded record of what happened, for the extension's own tests and the output channel. */
  readonly events: CrashEvent[] = [];

  constructor(private readonly host: CrashHandlerHost, options: Partial<RestartPolicyOptions> = {}) {
    this.usePolicy(options);
    this.status.name = 'Layerwise language server';
  }

  /** Replaces the policy (tests use a small budget); starts a fresh series. */
  usePolicy(options: Partial<RestartPolicyOptions>): void {
    this.policy = new RestartPolicy(options);
    this.healthyAfterMs = options.healthyAfterMs ?? DEFAULT_RESTART_POLICY.healthyAfterMs;
  }

  async error(error: Error, _message: Message | undefined, count: number | undefined): Promise<ErrorHandlerResult> {
    this.host.log(`[server] connection error ${count ?? ''}: ${error.message}`);
    const continueResult = { action: ErrorAction.Continue, handled: true };
    // While a dead server waits out its back-off every message the editor sends fails; the restart
    // decision is already made, and shutting down here would cancel it.
    if (this.waitingToRestart || (count !== undefined && count <= MAX_CONSECUTIVE_ERRORS)) return continueResult;
    // The writes to a server that just died fail before its close arrives: give the close a moment.
    const asked = Date.now();
    await new Promise(resolve => setTimeout(resolve, CLOSE_GRACE_MS));
    if (this.disposed || (this.lastClosedAt !== undefined && this.lastClosedAt >= asked - CLOSE_GRACE_MS)) return continueResult;
    // A connection that keeps failing is shut down (a requested stop, so closed() is not asked): say so here, once.
    const message = `The connection to the Layerwise language server kept failing (${error.message}), so it was stopped. Diagnostics and hovers are off until it is restarted.`;
    this.host.log(`[server] ${message}`);
    this.showStatus('$(error) Layerwise stopped', 'The Layerwise language server is not running. Click to restart it.', 'layerwise.restartServer');
    if (this.policy.claimNotification()) this.notify(message);
    return { action: ErrorAction.Shutdown, handled: true };
  }

  async closed(): Promise<CloseHandlerResult> {
    if (this.disposed) return { action: CloseAction.DoNotRestart, handled: true };
    this.lastClosedAt = Date.now();
    const decision = this.policy.onCrash();
    this.record({ kind: 'crash', decision });
    if (decision.action === 'stop') {
      const message = `The Layerwise language server stopped ${decision.crashes} times within ${Math.round(decision.windowMs / 60_000)} minutes and will not be restarted automatically. Diagnostics and hovers are off until it is restarted.`;
      this.host.log(`[server] ${message}`);
      this.showStatus('$(error) Layerwise stopped', 'The Layerwise language server is not running. Click to restart it.', 'layerwise.restartServer');
      if (decision.notify) this.notify(message);
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    const seconds = (decision.delayMs / 1000).toFixed(1);
    this.host.log(`[server] the language server stopped unexpectedly; restarting it in ${seconds} s (attempt ${decision.attempt})`);
    this.showStatus('$(sync~spin) Layerwise restarting', `The Layerwise language server stopped unexpectedly and is restarting (attempt ${decision.attempt}). Click for its output.`, 'layerwise.showOutput');
    this.waitingToRestart = true;
    try {
      await new Promise(resolve => setTimeout(resolve, decision.delayMs));
    } finally {
      this.waitingToRestart = false;
    }
    if (this.disposed) return { action: CloseAction.DoNotRestart, handled: true };
    return { action: CloseAction.Restart, handled: true };
  }

  /** The client reached the running state. */
  onRunning(): void {
    this.policy.onRunning();
    this.record({ kind: 'running' });
    if (!this.status.text) return;
    this.showStatus('$(warning) Layerwise restarted', 'The Layerwise language server stopped unexpectedly and was restarted. Click for its output.', 'layerwise.showOutput');
    // Once the server has stayed up long enough to start a new series, the warning has done its job.
    clearTimeout(this.hideStatus);
    this.hideStatus = setTimeout(() => this.clearStatus(), this.healthyAfterMs);
  }

  /** The person restarted the server: a fresh series. */
  onManualRestart(): void {
    this.policy.reset();
    this.record({ kind: 'manual-restart' });
    this.clearStatus();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.hideStatus);
    this.status.dispose();
  }

  private notify(message: string): void {
    this.record({ kind: 'notified', message });
    void vscode.window.showErrorMessage(`Layerwise: ${message}`, 'Restart', 'Show Output').then(choice => {
      if (choice === 'Show Output') this.host.showOutput();
      if (choice === 'Restart') void this.host.restartByHand();
    });
  }

  private showStatus(text: string, tooltip: string, command: string): void {
    this.status.text = text;
    this.status.tooltip = tooltip;
    this.status.command = command;
    this.status.show();
  }

  private clearStatus(): void {
    this.status.text = '';
    this.status.hide();
  }

  private record(event: CrashEventBody): void {
    this.events.push({ at: Date.now(), ...event });
    if (this.events.length > 200) this.events.shift();
  }
}
