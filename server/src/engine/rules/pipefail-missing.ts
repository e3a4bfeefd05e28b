import type { DockerfileModel, InstructionInfo, Stage } from '../model';
import { defineRule } from '../rule';
import { runScript } from '../run';
import { commandName, parseShellCommands, type ShellCommand } from '../shell/commands';
import { baseImageFacts } from '../knowledge/runtime';
import { execForm } from '../knowledge/shell-source';
import { sourceOfUnverified } from '../knowledge/command-sites';
import { ancestry, lintStages } from '../knowledge/stages';
import type { Fix, Severity } from '../types';

/** Shells whose `-o pipefail` we trust (dash, Debian's /bin/sh, lacks it in most releases). */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh', 'busybox']);
const NON_POSIX = /^(pwsh|powershell|cmd)(\.exe)?$/i;
/** Commands on the left of a pipe that do not fail. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true']);
/** Downloads: when they fail, the right side gets empty or partial input. */
const FETCH = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'gsutil', 'aws']);
const INTERPRETERS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'python', 'python3', 'perl', 'ruby', 'node', 'php']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', 'in', '!', '{', '}']);

interface Pipe { left: string; right: string }
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

type ShellState = { kind: 'default' } | { kind: 'non-posix' } | { kind: 'posix'; name: string; pipefail: boolean; text: string };

export default defineRule({
  id: 'pipefail-missing',
  aliases: ['DL4006'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'A RUN pipes commands without `pipefail`, so a failure on the left of the pipe does not fail the build.',
    why: [
      'A pipeline\'s exit status is that of its last command. In `RUN curl -fsSL https://example.com/install.sh | sh`,',
      'if the download fails, `sh` reads an empty script, succeeds, and the build carries on with nothing installed;',
      'in `RUN wget -O - https://… | tar -xz` a broken download can leave half a folder. The error surfaces much later,',
      'if at all.',
      '',
      'With `pipefail` the pipeline fails when any command in it fails. Set it once per stage with',
      '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (on Alpine, `SHELL ["/bin/ash", "-o", "pipefail", "-c"]`), or start',
      'the RUN with `set -o pipefail &&` in a shell that supports it (`/bin/sh` on Debian and Ubuntu, dash, mostly does not).',
    ].join('\n'),
    bad: [
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*',
      'RUN curl -fsSL https://example.com/install.sh | sh',
    ].join('\n'),
    good: [
      'FROM debian:12-slim',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*',
      'RUN curl -fsSL https://example.com/install.sh | sh',
    ].join('\n'),
    fix: [
      'Inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (`/bin/ash` on Alpine) before the first RUN of the stage that',
      'pipes, when the stage uses the default shell and its base image is known to have that shell. Offered, not applied',
      'automatically: later RUN and shell-form CMD instructions then run under that shell.',
    ].join(' '),
    notes: [
      'Like hadolint\'s DL4006: a SHELL with `-o pipefail` for bash, zsh or ash (also ksh) silences the rule, PowerShell',
      'and cmd are ignored, and a SHELL that uses plain `sh` is still reported because `sh` may not support the option',
      '(as info: it works where `/bin/sh` is BusyBox, as on Alpine). Deviations: a SHELL set in a stage this one is',
      'built `FROM` counts, as it does in Docker; a RUN that runs `set -o pipefail` itself is not reported; exec-form',
      '`["bash", "-c", "…"]` RUNs are checked with their own options; Windows base images and',
      '`# hadolint shell=powershell` files are skipped. Severity follows the risk: a warning when a download (`curl`,',
      '`wget`…) is piped, or anything is piped into a shell or interpreter (`| sh`, `| python3`); info for other pipes',
      '(`find | xargs`); a hint when only `echo` or `printf` output is piped, which cannot fail.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    if (/^\s*#\s*hadolint\s+shell\s*=\s*(pwsh|powershell|cmd)/im.test(model.text)) return;
    for (const stage of lintStages(model)) {
      if (stage.index >= 0 && baseImageFacts(stage).family === 'windows') continue;
      const chain = stage.index >= 0 ? ancestry(stage) : [stage];
      let fixAnchor: InstructionInfo | undefined;
      for (const info of stage.instructions) {
        if (info.keyword !== 'RUN' || !model.lines.textOf(info.range).includes('|')) continue;
        const shell = shellAt(model, chain, info);
        if (shell.kind === 'non-posix') continue;
        const pipes = pipesOf(model, info);
        if (!pipes) continue;
        if (shell.kind === 'posix' && shell.pipefail && PIPEFAIL_SHELLS.has(shell.name)) continue;
        if (setsPipefail(runScript(info.node).commands)) continue;
        let severity: Severity | undefined;
        let message: string;
        const dangerous = pipes.find(p => FETCH.has(p.left) || (INTERPRETERS.has(p.right) && !CANNOT_FAIL.has(p.left)));
        const named = pipes.find(p => p.left && !CANNOT_FAIL.has(p.left));
        if (shell.kind === 'posix' && shell.pipefail) {
          severity = 'info';
          message = `The SHELL \`${shell.text}\` asks \`${shell.name}\` for \`-o pipefail\`, which not every \`/bin/sh\` supports (dash, Debian's and Ubuntu's, rejects it in most releases); name a shell that does, such as \`/bin/bash\` or \`/bin/ash\`.`;
        } else if (dangerous) {
          message = INTERPRETERS.has(dangerous.right)
            ? `This RUN pipes ${dangerous.left ? `\`${dangerous.left}\`` : 'a command'} into \`${dangerous.right}\` without \`pipefail\`: if ${dangerous.left ? `\`${dangerous.left}\`` : 'it'} fails, \`${dangerous.right}\` runs an empty or partial script and the build carries on. Set \`SHELL ["/bin/bash", "-o", "pipefail", "-c"]\` before it (or \`set -o pipefail &&\` in bash).`
            : `This RUN pipes \`${dangerous.left}\` into another command without \`pipefail\`: if the download fails, the build carries on with partial or empty output. Set \`SHELL ["/bin/bash", "-o", "pipefail", "-c"]\` before it (or \`set -o pipefail &&\` in bash).`;
        } else if (pipes.every(p => CANNOT_FAIL.has(p.left))) {
          severity = 'hint';
          message = `This RUN pipes the output of \`${pipes[0].left}\`, which does not fail, so pipefail changes nothing here; \`SHELL ["/bin/bash", "-o", "pipefail", "-c"]\` would still protect later pipes.`;
        } else {
          severity = 'info';
          message = `This RUN pipes ${named ? `\`${named.left}\`` : 'a command'} into another command without \`pipefail\`, so a failure on the left of the pipe does not fail the build. Set \`SHELL ["/bin/bash", "-o", "pipefail", "-c"]\` before it (or \`set -o pipefail &&\` in bash).`;
        }
        if (!fixAnchor && shell.kind === 'default') fixAnchor = info;
        const anchor = shell.kind === 'default' ? fixAnchor : undefined;
        ctx.report({ range: info.range, severity, message, fixes: () => (anchor ? shellFix(model, stage, anchor) : []) });
      }
    }
  },
});

/** The SHELL in effect for `info`: the last SHELL before it in the stage or the stages it is built on. */
function shellAt(model: DockerfileModel, chain: Stage[], info: InstructionInfo): ShellState {
  let state: ShellState = { kind: 'default' };
  for (const s of chain) {
    for (const x of s.instructions) {
      if (x.index >= info.index) break;
      if (x.keyword !== 'SHELL') continue;
      const argv = execForm(model, x.node)?.argv;
      if (!argv || !argv.length) continue;
      const name = argv[0].replace(/^.*[\\/]/, '');
      if (NON_POSIX.test(name)) { state = { kind: 'non-posix' }; continue; }
      state = { kind: 'posix', name: name === 'busybox' ? (argv[1] ?? 'sh') : name, pipefail: hasPipefailOption(argv.slice(1)), text: JSON.stringify(argv) };
    }
  }
  return state;
}

/** `-o pipefail`, `-eo pipefail`, `-opipefail` among shell options. */
function hasPipefailOption(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-c') break;
    if (/^-[A-Za-z]*o$/.test(a) && args[i + 1] === 'pipefail') return true;
    if (a === '-opipefail' || a === '--pipefail') return true;
  }
  return false;
}

/** `set -o pipefail`, `set -euo pipefail`… in the script itself. */
function setsPipefail(commands: ShellCommand[]): boolean {
  return commands.some(c => commandName(c) === 'set' && hasPipefailOption(c.argv.slice(1)));
}

/**
 * The commands on the left of each pipe in the RUN, or undefined when it has none. Shell form is read
 * from the source (to see the operators); exec form only when it runs a shell with `-c`.
 */
function pipesOf(model: DockerfileModel, info: InstructionInfo): Pipe[] | undefined {
  const exec = execForm(model, info.node);
  if (exec) {
    const argv = exec.argv;
    const name = (argv[0] ?? '').replace(/^.*\//, '');
    const c = argv.indexOf('-c');
    if (!SHELLS.has(name) || c < 0 || c + 1 >= argv.length) return undefined;
    if (hasPipefailOption(argv.slice(1, c + 1)) && PIPEFAIL_SHELLS.has(name)) return undefined;
    return pipesInScript(argv[c + 1]);
  }
  const script = sourceOfUnverified(model, info.node);
  if (!script || !script.operators.has('|')) return undefined;
  const pipes: Pipe[] = [];
  for (let i = 0; i + 1 < script.commands.length; i++) {
    const a = script.commands[i], b = script.commands[i + 1];
    const aEnd = (a.argv.at(-1) ?? a.assignments.at(-1))?.end;
    const bStart = (b.assignments[0] ?? b.argv[0])?.start;
    if (aEnd === undefined || bStart === undefined) continue;
    // Between the two commands: the operator, blanks, continuations, closing brackets of a group.
    const raw = model.text.slice(aEnd, bStart);
    if (!raw.includes('|')) continue;
    const between = raw.replace(/[\\`]\r?\n/g, ' ').replace(/\s+/g, '').replace(/^[;)}]+/, '');
    if (/^\|(?!\|)/.test(between)) {
      pipes.push({ left: nameOf(a.argv[0]?.text), right: nameOf(b.argv[0]?.text) });
    }
  }
  // The operator was seen but not placed (unusual syntax): still a pipe, of unknown commands.
  return pipes.length ? pipes : [{ left: '', right: '' }];
}

/** A command name for messages: the word without its path, or '' when it is not a plain command name. */
function nameOf(word: string | undefined): string {
  const name = (word ?? '').replace(/^.*\//, '');
  return /^[A-Za-z_][A-Za-z0-9_.+-]*$/.test(name) && !KEYWORDS.has(name) ? name : '';
}

/** For a script string (exec-form `-c`): the commands on each side of `|`. */
function pipesInScript(script: string): Pipe[] | undefined {
  const pipes: Pipe[] = [];
  // Split on single `|` outside quotes, then take the last command of each left part.
  let quote = '';
  let start = 0;
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote) { if (c === quote) quote = ''; else if (c === '\\' && quote === '"') i++; continue; }
    if (c === '"' || c === "'") { quote = c; continue; }
    if (c === '\\') { i++; continue; }
    if (c === '|' && script[i + 1] !== '|' && script[i - 1] !== '|' && script[i - 1] !== '>') {
      const left = parseShellCommands(script.slice(start, i)).at(-1);
      const right = parseShellCommands(script.slice(i + 1)).at(0);
      pipes.push({ left: nameOf(left?.argv[0]), right: nameOf(right?.argv[0]) });
      start = i + 1;
    }
  }
  return pipes.length ? pipes : undefined;
}

function shellFix(model: DockerfileModel, stage: Stage, anchor: InstructionInfo): Fix[] {
  if (stage.index < 0) return [];
  const family = baseImageFacts(stage).family;
  const shell = family === 'alpine' ? '/bin/ash' : family === 'debian' || family === 'rhel' ? '/bin/bash' : undefined;
  if (!shell) return [];
  const line = anchor.range.start.line;
  const indent = /^\s*/.exec(model.lines.lineText(line))![0];
  const at = { line, character: 0 };
  return [{
    title: `Set SHELL ["${shell}", "-o", "pipefail", "-c"] before this RUN`,
    edits: [{ range: { start: at, end: at }, newText: `${indent}SHELL ["${shell}", "-o", "pipefail", "-c"]${model.lines.eol}` }],
    safe: false,
  }];
}
