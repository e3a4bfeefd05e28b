import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import type { DockerfileModel } from '../model';
import { runScript } from '../run';
import type { ShellCommand } from '../shell/commands';

/**
 * Where the words of a RUN (or shell-form CMD/ENTRYPOINT) sit in the document, so rules can point
 * at one command and fixes can insert a flag right after a word. A view of `runScript`'s parse,
 * which carries the positions: `commands[i]` here is `runScript(node).commands[i]`.
 */
export interface SourceWord {
  /** Unquoted value, as in `ShellCommand.argv`. */
  text: string;
  /** Document offsets of the word as written, quotes included. */
  start: number;
  end: number;
}

export interface SourceCommand {
  argv: SourceWord[];
  assignments: SourceWord[];
}

export interface SourceScript {
  commands: SourceCommand[];
  /** Document offset just after the last character of the script (where `&& more` can be appended). */
  end: number;
  /** A shell comment runs to the end of the script: text appended at `end` would be commented out. */
  endsInComment: boolean;
  /** The script comes from heredoc bodies. */
  heredoc: boolean;
  /** Operators that join commands at any level: `&&`, `||`, `;`, `|`, `&`, `newline`, `(`. */
  operators: Set<string>;
}

/** The escape character of the document (`# escape=` directive), `\` by default. */
export function escapeCharOf(model: DockerfileModel): string {
  const d = model.directives.find(x => x.name === 'escape');
  return d && (d.value === '`' || d.value === '\\') ? d.value : '\\';
}

/**
 * Source positions of the shell commands of a shell-form instruction (RUN, CMD, ENTRYPOINT, or
 * an ONBUILD trigger). Undefined for exec form, and for scripts of a non-POSIX SHELL.
 */
export function sourceScript(model: DockerfileModel, node: Instruction, _verifyAgainstRun = true): SourceScript | undefined {
  void model;
  const run = runScript(node);
  if (run.form !== 'shell') return undefined;
  if (!run.source || !run.script) return undefined;
  return {
    commands: run.commands.map(c => ({ argv: c.words, assignments: c.assignmentWords })),
    end: run.source.end,
    endsInComment: run.script.endsInComment,
    heredoc: run.source.heredoc,
    operators: run.script.operators as Set<string>,
  };
}

/** An exec-form argument list with the document range of each element. */
export interface ExecForm {
  argv: string[];
  /** Offsets of each JSON string, quotes included. */
  spans: { start: number; end: number }[];
}

/**
 * Parses the JSON array of an exec-form instruction (`CMD ["a", "b"]`) with a real JSON
 * parser: dockerfile-ast's `getJSONValue` drops spaces inside strings (`"a b"` → `ab`).
 * Undefined when the instruction is not valid exec form, which Docker runs as shell form.
 */
export function execForm(model: DockerfileModel, node: Instruction): ExecForm | undefined {
  const strings = (node as JSONInstruction).getJSONStrings?.() ?? [];
  if (!startsWithBracket(node)) return undefined;
  const content = node.getArgumentsContent();
  if (!content) return undefined;
  const trimmed = content.trim();
  if (!trimmed.startsWith('[')) return undefined;
  let parsed: unknown;
  try { parsed = JSON.parse(trimmed); } catch { return undefined; }
  if (!Array.isArray(parsed) || !parsed.every(x => typeof x === 'string')) return undefined;
  const spans = strings.map(s => ({ start: model.lines.offsetAt(s.getRange().start), end: model.lines.offsetAt(s.getRange().end) }));
  return { argv: parsed as string[], spans: spans.length === parsed.length ? spans : [] };
}

/**
 * Whether the arguments start with `[`, read from the document: most RUNs are shell form, and
 * joining the continuation lines of their arguments (`getArgumentsContent`) costs more than the rest.
 */
function startsWithBracket(node: Instruction): boolean {
  const document = (node as unknown as { document?: { getText(): string; offsetAt(p: unknown): number } }).document;
  const first = node.getArguments()[0];
  if (!document || !first) return !!first;
  return document.getText()[document.offsetAt(first.getRange().start)] === '[';
}

/**
 * The command behind wrappers that run another command unchanged: `sudo`, `env A=1`, `nice`,
 * `time`, `exec`, `command`. `offset` is how many words were skipped.
 */
export function unwrapCommand(cmd: ShellCommand): { argv: string[]; assignments: string[]; offset: number } {
  let i = 0;
  const argv = cmd.argv;
  const assignments = [...cmd.assignments];
  for (;;) {
    const name = (argv[i] ?? '').slice((argv[i] ?? '').lastIndexOf('/') + 1);
    if (!['sudo', 'env', 'nice', 'time', 'exec', 'command', 'nohup'].includes(name) || i + 1 >= argv.length) break;
    i++;
    while (i < argv.length - 1 && (argv[i].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]))) {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) assignments.push(argv[i]);
      // `sudo -u user`, `nice -n 10` take a value.
      else if (['-u', '-g', '-n', '-a'].includes(argv[i]) && i + 2 < argv.length) i++;
      i++;
    }
  }
  return { argv: argv.slice(i), assignments, offset: i };
}
