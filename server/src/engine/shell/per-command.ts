import type { ShellCommand } from './parse';

/**
 * A memo for results that depend only on a command's `argv` and `assignments` (never on where
 * the command is), kept by those two arrays rather than by the command object: a RUN that moved
 * between document versions gets a copy of its commands that shares them (shell/parse-cache.ts),
 * so such results carry over to the new version. One entry per `argv`; a made-up command that
 * shares only the `argv` (`{ argv: cmd.argv, assignments: [] }`) is computed on its own.
 * Results are shared: callers must not change them.
 */
export class PerCommand<T> {
  private readonly entries = new WeakMap<readonly string[], { assignments: readonly string[]; value: T }>();

  /** The remembered result, or undefined when there is none. */
  get(cmd: ShellCommand): T | undefined {
    const e = this.entries.get(cmd.argv);
    return e && e.assignments === cmd.assignments ? e.value : undefined;
  }

  set(cmd: ShellCommand, value: T): void {
    if (!this.entries.has(cmd.argv)) this.entries.set(cmd.argv, { assignments: cmd.assignments, value });
  }
}

/** `compute` remembered per command as `PerCommand` keeps it. `compute` must read nothing but the command's words. */
export function perCommand<T>(compute: (cmd: ShellCommand) => T | undefined): (cmd: ShellCommand) => T | undefined {
  const memo = new PerCommand<T | null>();
  return cmd => {
    let value = memo.get(cmd);
    if (value === undefined) memo.set(cmd, (value = compute(cmd) ?? null));
    return value ?? undefined;
  };
}
