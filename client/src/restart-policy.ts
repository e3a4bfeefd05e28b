/**
 * When the language server dies: how long to wait before starting it again, when to give
 * up, and when the person is told. Pure (no vscode, an injectable clock) so the schedule
 * is unit-tested; extension.ts turns its decisions into a LanguageClient error handler.
 *
 * A crash series is a run of crashes without a healthy stretch in between. Within one
 * series the delays double (0.5 s, 1 s, 2 s, 4 s … up to a cap), and once the budget of
 * crashes inside the window is spent the server stays down and the person is told — once
 * per series, however many crashes led there.
 */

export interface RestartPolicyOptions {
  /** The first delay; each further crash in the series doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Crashes allowed within `windowMs`; the next one stops the restarts. */
  crashBudget: number;
  windowMs: number;
  /** A server that ran this long before crashing starts a new series. */
  healthyAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  firstDelayMs: 500,
  maxDelayMs: 30_000,
  crashBudget: 5,
  windowMs: 3 * 60_000,
  healthyAfterMs: 60_000,
};

export type CrashDecision =
  /** Start the server again after `delayMs`; `attempt` counts the restarts of this series (1-based). */
  | { action: 'restart'; delayMs: number; attempt: number }
  /** Leave it down; `notify` is true only for the first give-up of a series. */
  | { action: 'stop'; crashes: number; windowMs: number; notify: boolean };

export class RestartPolicy {
  private readonly options: RestartPolicyOptions;
  /** Crash times of the current series that are still inside the window. */
  private crashes: number[] = [];
  private attempt = 0;
  private runningSince: number | undefined;
  private told = false;

  constructor(options: Partial<RestartPolicyOptions> = {}, private readonly now: () => number = Date.now) {
    this.options = { ...DEFAULT_RESTART_POLICY, ...options };
    const o = this.options;
    if (!(o.firstDelayMs >= 0 && o.maxDelayMs >= o.firstDelayMs && o.crashBudget >= 0 && o.windowMs > 0 && o.healthyAfterMs >= 0)) {
      throw new RangeError(`Inconsistent restart policy: ${JSON.stringify(o)}`);
    }
  }

  /** The server answered its initialize request. */
  onRunning(): void {
    this.runningSince = this.now();
  }

  /** The connection closed without being asked to: what to do about it. */
  onCrash(): CrashDecision {
    const t = this.now();
    if (this.runningSince !== undefined && t - this.runningSince >= this.options.healthyAfterMs) this.newSeries();
    this.runningSince = undefined;
    this.crashes = this.crashes.filter(c => t - c < this.options.windowMs);
    this.crashes.push(t);
    if (this.crashes.length > this.options.crashBudget) {
      return { action: 'stop', crashes: this.crashes.length, windowMs: this.options.windowMs, notify: this.claimNotification() };
    }
    this.attempt++;
    const delayMs = Math.min(this.options.maxDelayMs, this.options.firstDelayMs * 2 ** (this.attempt - 1));
    return { action: 'restart', delayMs, attempt: this.attempt };
  }

  /**
   * Whether a message about this series may still be shown: true once per series, then
   * false until a new series starts (a healthy stretch or a manual restart).
   */
  claimNotification(): boolean {
    const first = !this.told;
    this.told = true;
    return first;
  }

  /** The person restarted the server by hand: a fresh series with a full budget. */
  reset(): void {
    this.newSeries();
    this.runningSince = undefined;
  }

  private newSeries(): void {
    this.crashes = [];
    this.attempt = 0;
    this.told = false;
  }
}
