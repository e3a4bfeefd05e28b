/**
 * The simple commands of a shell script, from a real shell parser (see parse.ts): across `&&`,
 * `||`, `;`, pipes, subshells, groups, `if`/`for`/`while`/`case`, functions, `$( … )` and
 * backticks, here-documents and line continuations. Words are unquoted; expansions stay as text;
 * redirections are not arguments.
 */
import { parseShell, type ParsedCommand, type ShellCommand } from './parse';

export type { Connector, ParsedCommand, ShellCommand, ShellParseError, ShellRedirect, ShellScript, ShellWord } from './parse';
export { parseShell } from './parse';

/** The simple commands of `script`, in source order (with their structure: see `ParsedCommand`). */
export function parseShellCommands(script: string): ParsedCommand[] {
  return parseShell(script).commands;
}

/** The command name without a leading path (`/usr/bin/pip3` → `pip3`). */
export function commandName(cmd: ShellCommand): string {
  const first = cmd.argv[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}
