/**
 * Splits a shell script into simple commands (argv lists) across `&&`, `||`, `;`,
 * `|`, `&`, newlines and subshell/grouping brackets, honouring quotes, escapes,
 * `$(...)`, backticks and comments. Words are unquoted; expansions stay as text.
 */
export interface ShellCommand {
  argv: string[];
  /** Environment assignments written before the command name (`FOO=1 cmd`). */
  assignments: string[];
}

const OPERATOR_CHARS = new Set(['&', '|', ';', '\n', '(', ')']);

export function parseShellCommands(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;

  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    const assignments: string[] = [];
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) assignments.push(words.shift()!);
    // `{` and `}` group commands; they are not command names.
    while (words[0] === '{' || words[0] === '!') words.shift();
    if (words.length && words[words.length - 1] === '}') words.pop();
    if (words.length || assignments.length) commands.push({ argv: words, assignments });
    words = [];
  };

  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === '\\') {
      if (script[i + 1] === '\n') { i++; continue; } // line continuation
      if (i + 1 < script.length) { word += script[i + 1]; inWord = true; i++; }
      continue;
    }
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? script.length : end;
      word += script.slice(i + 1, stop);
      inWord = true;
      i = stop;
      continue;
    }
    if (c === '"') {
      i++;
      inWord = true;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length && '"\\$`\n'.includes(script[i + 1])) {
          if (script[i + 1] !== '\n') word += script[i + 1];
          i += 2;
          continue;
        }
        if (script[i] === '$' && script[i + 1] === '(') { const end = skipBalanced(script, i + 1); word += script.slice(i, end); i = end; continue; }
        word += script[i++];
      }
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      const end = skipBalanced(script, i + 1);
      word += script.slice(i, end);
      inWord = true;
      i = end - 1;
      continue;
    }
    if (c === '`') {
      const end = script.indexOf('`', i + 1);
      const stop = end < 0 ? script.length : end + 1;
      word += script.slice(i, stop);
      inWord = true;
      i = stop - 1;
      continue;
    }
    if (c === '#' && !inWord) {
      const nl = script.indexOf('\n', i);
      i = (nl < 0 ? script.length : nl) - 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { endWord(); continue; }
    if (OPERATOR_CHARS.has(c)) {
      // `2>&1`, `>&2` and `&>` are redirections, not command separators.
      if (c === '&' && (script[i - 1] === '>' || script[i + 1] === '>')) { word += c; inWord = true; continue; }
      if (c === '|' && script[i - 1] === '>') { word += c; inWord = true; continue; }
      endCommand();
      continue;
    }
    word += c;
    inWord = true;
  }
  endCommand();
  return commands;
}

/** Returns the index just past the bracket that closes the `(` at `open`. */
function skipBalanced(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === "'") { const e = s.indexOf("'", i + 1); if (e < 0) return s.length; i = e; continue; }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return s.length;
}

/** The command name without a leading path (`/usr/bin/pip3` → `pip3`). */
export function commandName(cmd: ShellCommand): string {
  const first = cmd.argv[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}
