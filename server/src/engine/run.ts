import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { flagsOf } from './model';
import { parseShell, type ParsedCommand, type ShellScript, type ShellWord } from './shell/parse';
import { parseShellAt } from './shell/parse-cache';
import { decodeJsonString, POSIX_SHELLS, describeShell, scriptSource, shellFor, type ScriptSource, type ShellInfo } from './shell/dockerfile';

export type { ScriptSource, ShellInfo } from './shell/dockerfile';

/** A `RUN --mount=...` declaration, with its comma-separated options. */
export interface Mount { type: string; options: Map<string, string> }

export interface RunScript {
  form: 'shell' | 'exec';
  /**
   * Every simple command, in source order, with its words and their document offsets, the
   * connector to the next command, and whether it runs in a pipeline, subshell, substitution or
   * condition (see `ParsedCommand`). Empty for scripts of a non-POSIX SHELL (PowerShell, cmd).
   */
  commands: ParsedCommand[];
  mounts: Mount[];
  /** The shell that runs a shell-form script: the stage's SHELL (`/bin/sh -c` by default). For exec form, the shell of `["sh", "-c", …]`, if any. */
  shell: ShellInfo;
  /** The parse: errors, operators, `set -e` / `pipefail` at the end. Undefined when nothing was parsed as shell. */
  script?: ShellScript;
  /** Shell form: the text the shell receives and the document offset of each character. */
  source?: ScriptSource;
}

const cache = new WeakMap<Instruction, RunScript>();

/**
 * The commands a RUN executes, from its shell form, exec form or here-documents, parsed as shell
 * under the stage's SHELL. Works for shell-form CMD and ENTRYPOINT too. Memoised per parse.
 */
export function runScript(node: Instruction): RunScript {
  let script = cache.get(node);
  if (!script) {
    script = buildRunScript(node);
    cache.set(node, script);
  }
  return script;
}

function buildRunScript(node: Instruction): RunScript {
  const mounts = flagsOf(node)
    .filter(f => f.getName().toLowerCase() === 'mount')
    .map(f => parseMount(f.getValue() ?? ''));
  // Like Docker, only a valid JSON array of strings is exec form: `RUN [ -f x ] && ...` is shell.
  const argv = (node as JSONInstruction).getJSONStrings?.()?.length ? execFormArgv(node) : undefined;
  if (argv) return execScript(node, mounts, argv);
  const shell = shellFor(node);
  const source = scriptSource(node, false);
  if (!source) return { form: 'shell', commands: [], mounts, shell };
  // A `RUN <<EOF` body with a `#!` line runs under that interpreter, not the SHELL.
  const interpreter = source.shebang ? shebangShell(source.shebang) : shell;
  if (!interpreter.posix) return { form: 'shell', commands: [], mounts, shell, source };
  const script = parseShellAt(source.text, source.offsets, interpreter);
  return { form: 'shell', commands: script.commands, mounts, shell, script, source };
}

function shebangShell(line: string): ShellInfo {
  const parts = line.trim().split(/\s+/);
  const argv = /(^|\/)env$/.test(parts[0]) ? parts.slice(1).filter(p => !p.startsWith('-')) : parts;
  return describeShell(argv, 'default');
}

function execScript(node: Instruction, mounts: Mount[], exec: string[]): RunScript {
  const strings = (node as JSONInstruction).getJSONStrings();
  const document = (node as unknown as { document?: { getText(): string; offsetAt(p: unknown): number } }).document;
  const doc = document?.getText() ?? '';
  const spans = document && strings.length === exec.length
    ? strings.map(s => ({ start: document.offsetAt(s.getRange().start), end: document.offsetAt(s.getRange().end) }))
    : undefined;
  const argv = exec;
  // `["sh", "-c", "script"]` runs a script: analyse the script itself.
  // The script follows the first option word holding `c` (`-c`, `-ec`, `-o pipefail -c`).
  let c = -1;
  for (let i = 1; i < argv.length && /^[-+][A-Za-z]+$/.test(argv[i]); i++) {
    if (argv[i].slice(1).includes('c')) { c = i; break; }
    if (argv[i].slice(1).includes('o')) i++;
  }
  const shell = describeShell(argv.slice(0, c >= 0 ? c + 1 : 1), 'default');
  if (POSIX_SHELLS.has(shell.name) && c >= 1 && argv[c + 1] !== undefined) {
    const span = spans?.[c + 1];
    const decoded = span ? decodeJsonString(doc, span.start, span.end) : undefined;
    const exact = !!decoded && decoded.text === argv[c + 1];
    const script = parseShell(argv[c + 1], {
      errexit: shell.errexit, pipefail: shell.pipefail,
      mapOffset: o => exact ? decoded.offsets[Math.min(o, decoded.offsets.length - 1)] : span?.start ?? 0,
      mapEnd: o => exact ? decoded.ends[Math.min(o, decoded.ends.length) - 1] ?? decoded.offsets[0] : span?.end ?? 0,
    });
    return { form: 'exec', commands: script.commands, mounts, shell, script };
  }
  const words: ShellWord[] = argv.map((text, i) => ({ text, raw: spans ? doc.slice(spans[i].start, spans[i].end) : JSON.stringify(text), start: spans?.[i].start ?? 0, end: spans?.[i].end ?? 0 }));
  const range = node.getArgumentsRange?.();
  const start = range && document ? document.offsetAt(range.start) : 0;
  const end = range && document ? document.offsetAt(range.end) : 0;
  const command: ParsedCommand = {
    argv, execArgv: argv, assignments: [], words, assignmentWords: [], redirects: [], start, end,
    subshell: false, substitution: false, condition: false, conditional: false, inFunction: false, background: false,
    negated: false, heredocScript: false, errexit: false, pipefail: false, substitutions: [],
  };
  return { form: 'exec', commands: argv.length ? [command] : [], mounts, shell: describeShell(argv.slice(0, 1), 'default') };
}

/** Exec-form arguments decoded as JSON (dockerfile-ast's per-string values lose inner spaces). */
function execFormArgv(node: Instruction): string[] | undefined {
  const content = node.getArgumentsContent();
  if (!content) return undefined;
  try {
    const parsed: unknown = JSON.parse(content);
    return Array.isArray(parsed) && parsed.every(a => typeof a === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function parseMount(value: string): Mount {
  const options = new Map<string, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) options.set(part.trim().toLowerCase(), 'true');
    else options.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return { type: options.get('type') ?? 'bind', options };
}
