import type { Heredoc, Instruction, JSONInstruction } from 'dockerfile-ast';
import { flagsOf } from './model';
import { parseShellCommands, type ShellCommand } from './shell/commands';

/** A `RUN --mount=...` declaration, with its comma-separated options. */
export interface Mount { type: string; options: Map<string, string> }

export interface RunScript {
  form: 'shell' | 'exec';
  commands: ShellCommand[];
  mounts: Mount[];
}

const cache = new WeakMap<Instruction, RunScript>();

/** The commands a RUN executes, from its shell form, exec form or heredoc bodies. Memoised per parse. */
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
  if (argv) {
    // `["sh", "-c", "script"]` runs a script: analyse the script itself.
    if (argv.length >= 3 && /(^|\/)(ba|da)?sh$/.test(argv[0]) && argv[1] === '-c') {
      return { form: 'exec', commands: parseShellCommands(argv[2]), mounts };
    }
    return { form: 'exec', commands: [{ argv, assignments: [] }], mounts };
  }
  const heredocs = (node as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs?.() ?? [];
  let text = node.getArgumentsContent() ?? '';
  if (heredocs.length) {
    const doc = node as unknown as { document?: { getText(range: unknown): string } };
    const bodies = heredocs.map(h => {
      const range = h.getContentRange();
      return range && doc.document ? doc.document.getText(range) : '';
    });
    // The line holding `<<EOF` is a command too (often just `<<EOF`, sometimes `python3 <<EOF`).
    const firstLine = text.split('\n', 1)[0].replace(/<<-?\s*["']?\w+["']?/g, '');
    text = [firstLine, ...bodies].join('\n');
  }
  return { form: 'shell', commands: parseShellCommands(text), mounts };
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
