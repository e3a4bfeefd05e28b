/**
 * What a Dockerfile means, as a comparable value: what BuildKit reads from it (directives,
 * keywords, flags, arguments, key/value pairs, heredoc bodies, the comments it attaches to
 * instructions), the words and commands a shell reads from shell-form commands, and what
 * dockerfile-ast (the editor features' parse) reads. Formatting must leave it identical; the
 * formatter's tests (and the fuzz properties) compare it before and after.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { parseText, type BkNode } from '../builder';
import { expandWord, NO_VARIABLES } from '../expand';
import { parseShell } from '../shell/parse';

const SHELL_FORM = new Set(['run', 'cmd', 'entrypoint', 'healthcheck']);

function shellReading(script: string): unknown {
  try {
    const parsed = parseShell(script);
    return {
      commands: parsed.allCommands.map(c => ({
        words: c.words.map(w => w.raw),
        assignments: c.assignmentWords.map(w => w.raw),
        redirects: c.redirects.map(r => [r.operator, r.descriptor, r.target, r.body?.text]),
        connector: c.connector,
      })),
      errors: parsed.errors.length,
    };
  } catch (e) {
    return { crashed: (e as Error).message };
  }
}

/**
 * BuildKit reads FROM's `AS`, HEALTHCHECK's `CMD`/`NONE` and ONBUILD's trigger keyword in any
 * case, like keywords (dockerfile-ast counts HEALTHCHECK's flags and ONBUILD's trigger among the arguments).
 */
function caseInsensitiveWords(command: string, args: string[]): string[] {
  if (command === 'from' && args.length === 3 && args[1].toLowerCase() === 'as') return [args[0], 'as', args[2]];
  const out = [...args];
  if (command === 'onbuild' && out.length) out[0] = out[0].toLowerCase();
  const type = out.findIndex(a => !a.startsWith('--'));
  if (command === 'healthcheck' && type >= 0 && /^(cmd|none)$/i.test(out[type])) out[type] = out[type].toLowerCase();
  return out;
}

function nodeMeaning(node: BkNode, escape: string): unknown {
  const target = node.trigger ?? node;
  const shellForm = SHELL_FORM.has(target.command) && !target.json;
  const args = caseInsensitiveWords(target.command, target.args.map(a => a.text));
  return {
    command: node.command,
    flags: node.flags.map(f => f.text),
    trigger: node.trigger ? { command: node.trigger.command, flags: node.trigger.flags.map(f => f.text) } : undefined,
    json: target.json,
    // A shell-form command is one string; what matters is the words BuildKit and the shell read in it.
    args: shellForm ? args.map(a => expandWord(a, NO_VARIABLES, { escape, rawQuotes: true, rawEscapes: true, skipUnsetEnv: true }).words) : args,
    shell: shellForm && escape === '\\' ? args.map(shellReading) : undefined,
    kvs: target.kvs?.map(kv => [kv.key.text, kv.value.text, kv.hasEquals]),
    heredocs: target.heredocs.map(h => [h.name, h.expand, h.chomp, h.fd, h.content]),
    comments: node.comments,
    error: node.error?.message,
  };
}

/** dockerfile-ast's reading: keyword, flags and arguments of every instruction. */
function astMeaning(text: string): unknown {
  const ast = DockerfileParser.parse(text);
  return {
    escape: ast.getEscapeCharacter(),
    instructions: ast.getInstructions().map(i => ({
      keyword: i.getKeyword().toUpperCase(),
      flags: 'getFlags' in i ? (i as unknown as { getFlags(): { toString(): string }[] }).getFlags().map(f => f.toString()) : [],
      args: caseInsensitiveWords(i.getKeyword().toLowerCase(), i.getArguments().map(a => a.getValue())),
    })),
  };
}

export function dockerfileMeaning(text: string): unknown {
  const parsed = parseText(text);
  return {
    escape: parsed.escape,
    directives: parsed.directives.map(d => [d.name, d.value]),
    errors: parsed.errors.map(e => e.message),
    nodes: parsed.nodes.map(n => nodeMeaning(n, parsed.escape)),
    ast: astMeaning(text),
  };
}
