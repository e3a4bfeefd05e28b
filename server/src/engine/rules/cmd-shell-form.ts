import type { InstructionInfo } from '../model';
import { defineRule } from '../rule';
import { execForm } from '../knowledge/shell-source';
import { ancestry, lintStages } from '../knowledge/stages';
import type { Fix, Severity } from '../types';

/** Shell builtins and keywords: as the program of an exec-form command they do not exist. */
const SHELL_ONLY = new Set([
  'cd', 'export', 'set', 'unset', 'source', '.', 'eval', 'ulimit', 'umask', 'trap', 'alias', 'readonly', 'shift', 'wait',
  'if', 'then', 'for', 'while', 'until', 'case', 'function', 'select', '[[', 'declare', 'local', 'typeset', 'let', 'shopt', 'exit', 'return',
]);

export default defineRule({
  id: 'cmd-shell-form',
  aliases: ['DL3025', 'JSONArgsRecommended'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'CMD or ENTRYPOINT in shell form runs your program under `/bin/sh -c`, so it never receives stop signals.',
    why: [
      'Written without brackets (`CMD python main.py`), the command is handed to `/bin/sh -c`. The shell becomes',
      'process 1 of the container and your program its child. `docker stop` sends SIGTERM to process 1 only, and `sh`',
      'neither handles it nor passes it on, so the application never hears that it should shut down: Docker waits its',
      'grace period (10 seconds by default) and then kills it with SIGKILL. Requests in flight are cut off, files and',
      'connections are not closed cleanly, and every deploy or scale-down is slower.',
      '',
      'The exec form, a JSON array (`CMD ["python", "main.py"]`), starts the program directly as process 1, where it',
      'receives signals itself. For ENTRYPOINT it matters even more: in shell form, CMD and any arguments given to',
      '`docker run` are silently ignored. The exec form has no shell, so it does not expand `$VARIABLES`; if you need',
      'that, use a small entrypoint script that ends with `exec "$@"`, or write `exec` in front of the command.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'COPY main.py .',
      'CMD python main.py',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'COPY main.py .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    fix: [
      'Rewrites the command as a JSON array, only when that is exact: plain words, simple quotes, no variables, pipes,',
      '`&&`, `;`, redirections, globs, `~`, backticks or shell builtins (a leading `exec` is dropped, since the exec',
      'form does the same). For ENTRYPOINT it is not offered when the stage also sets CMD, which would then become',
      'arguments of the entrypoint. Invalid JSON such as `CMD [\'python\', \'main.py\']` is turned into valid JSON.',
      'Offered, not applied automatically: the program becomes process 1 and starts receiving signals, which is the',
      'point but still a change in how the container stops.',
    ].join(' '),
    context: { 'main.py': 'print("hi")\n' },
    notes: [
      'As in BuildKit\'s JSONArgsRecommended, the rule is quiet when a SHELL instruction in the stage (or a stage it is',
      'built `FROM`) chooses the shell explicitly. A shell-form command that starts with `exec` already makes the',
      'program process 1, so it is reported only as `info`. Text in brackets that is not valid JSON',
      '(single quotes, a missing comma) is reported with its own message, since Docker silently runs it through',
      '`/bin/sh -c` as a string. Deviation from hadolint: `HEALTHCHECK CMD` in shell form is not reported, since a',
      'health check is a short command run beside the main process, where signals do not matter.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      const chain = ancestry(stage);
      for (const info of stage.instructions) {
        if (info.keyword !== 'CMD' && info.keyword !== 'ENTRYPOINT') continue;
        const content = (info.node.getArgumentsContent() ?? '').trim();
        if (!content || execForm(model, info.node)) continue;
        // An explicit SHELL means the author chose the shell that runs it (BuildKit skips these too).
        const shellSet = chain.some(s => s.instructions.some(x => x.keyword === 'SHELL' && (s !== stage || x.index < info.index)));
        if (shellSet) continue;
        const looksJson = content.startsWith('[');
        const conversion = looksJson ? fromBrokenJson(content) : fromShell(content);
        const cmdInStage = stage.instructions.some(x => x.keyword === 'CMD');
        const blocked = info.keyword === 'ENTRYPOINT' && cmdInStage && !looksJson
          ? 'this stage also sets CMD, which the exec form would pass to the entrypoint as arguments'
          : undefined;
        const startsWithExec = !looksJson && /^exec\s/.test(content);
        const severity: Severity | undefined = startsWithExec ? 'info' : undefined;
        let message: string;
        if (looksJson) {
          message = `\`${info.keyword} ${shorten(content)}\` is not valid JSON (JSON needs double quotes and commas), so Docker runs the text through \`/bin/sh -c\` as one string. Write it as a JSON array${conversion.argv ? `: \`${info.keyword} ${json(conversion.argv)}\`` : ''}.`;
        } else if (startsWithExec) {
          message = `\`${info.keyword}\` in shell form with \`exec\`: the program does replace the shell and gets signals, but the image still needs \`/bin/sh\`. Prefer the exec form${conversion.argv ? ` \`${json(conversion.argv)}\`` : ''}.`;
        } else {
          const how = conversion.argv && !blocked
            ? `use the exec form \`${info.keyword} ${json(conversion.argv)}\``
            : `use the exec form (no quick fix: ${blocked ?? conversion.reason})`;
          message = `\`${info.keyword}\` in shell form runs under \`/bin/sh -c\`, so the program is not process 1 and does not receive SIGTERM on \`docker stop\`${info.keyword === 'ENTRYPOINT' ? ', and CMD and `docker run` arguments are ignored' : ''}; ${how}.`;
        }
        ctx.report({
          range: info.range,
          severity,
          message,
          fixes: () => (conversion.argv && !blocked ? execFix(info, conversion.argv) : []),
        });
      }
    }
  },
});

function shorten(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

function json(argv: string[]): string {
  return `[${argv.map(a => JSON.stringify(a)).join(', ')}]`;
}

function execFix(info: InstructionInfo, argv: string[]): Fix[] {
  const range = info.node.getArgumentsRange();
  if (!range) return [];
  return [{ title: `Use the exec form: ${info.keyword} ${json(argv)}`, edits: [{ range, newText: json(argv) }], safe: false }];
}

/**
 * Splits a shell-form command into words when no shell feature is involved, so that the
 * exec form runs exactly the same program with the same arguments.
 */
export function fromShell(text: string): { argv?: string[]; reason: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t') { if (inWord) words.push(word); word = ''; inWord = false; continue; }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { reason: 'it has an unterminated quote' };
      word += text.slice(i + 1, end); inWord = true; i = end; continue;
    }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) return { reason: 'it has an unterminated quote' };
      const inner = text.slice(i + 1, end);
      if (/[$`\\]/.test(inner)) return { reason: 'a double-quoted word uses `$`, backticks or backslashes, which the shell expands' };
      word += inner; inWord = true; i = end; continue;
    }
    if (c === '$') return { reason: 'it uses `$` variables, which only a shell expands' };
    if (c === '`') return { reason: 'it uses backticks (command substitution)' };
    if (c === '\\') return { reason: 'it uses backslash escapes' };
    if ('&|;'.includes(c)) return { reason: 'it chains commands with `&&`, `|` or `;`, which needs a shell (use an entrypoint script)' };
    if ('<>'.includes(c)) return { reason: 'it uses redirections' };
    if ('()'.includes(c)) return { reason: 'it uses subshell brackets' };
    if ('*?['.includes(c)) return { reason: 'it uses glob patterns, which the shell expands' };
    if ('{}'.includes(c)) return { reason: 'it uses braces, which the shell may expand' };
    if (c === '~' && !inWord) return { reason: 'it uses `~`, which the shell expands to the home folder' };
    if (c === '#' && !inWord) return { reason: 'it contains a shell comment' };
    if (c === '\n' || c === '\r') return { reason: 'it spans several lines of script' };
    word += c; inWord = true;
  }
  if (inWord) words.push(word);
  if (!words.length) return { reason: 'it is empty' };
  if (words[0] === 'exec' && words.length > 1 && !words[1].startsWith('-')) words.shift();
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) return { reason: 'it starts with a variable assignment, which only a shell understands' };
  if (SHELL_ONLY.has(words[0]) || words[0] === 'exec') return { reason: `\`${words[0]}\` is a shell builtin, not a program` };
  return { argv: words, reason: '' };
}

/** `['python', 'main.py']` and other near-JSON: the intended array, when it is unambiguous. */
export function fromBrokenJson(text: string): { argv?: string[]; reason: string } {
  const m = /^\[(.*)\]$/s.exec(text.trim());
  if (!m) return { reason: 'the brackets are not balanced' };
  const items: string[] = [];
  // Quoted words separated by commas (a forgotten comma is forgiven: the intent is clear).
  const re = /\s*(?:'([^'\\"]*)'|"([^"\\]*)")\s*,?/y;
  const body = m[1].trim();
  if (!body) return { argv: [], reason: '' };
  let pos = 0;
  while (pos < body.length) {
    re.lastIndex = pos;
    const item = re.exec(body);
    if (!item) return { reason: 'the list is not a simple list of quoted words' };
    items.push(item[1] ?? item[2]);
    pos = re.lastIndex;
  }
  return { argv: items, reason: '' };
}
