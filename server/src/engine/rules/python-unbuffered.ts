import { defineRule } from '../rule';
import { pythonUnbufferedFlag, runsPython, startCommands } from '../knowledge/runtime';
import { variablesAt } from '../knowledge/stages';
import type { Fix } from '../types';

export default defineRule({
  id: 'python-unbuffered',
  aliases: [],
  category: 'correctness',
  severity: 'info',
  fixable: true,
  docs: {
    summary: 'The container runs Python without `PYTHONUNBUFFERED=1`, so its output can reach `docker logs` late or be lost in a crash.',
    why: [
      'When its output is not a terminal, Python collects what `print()` writes in a buffer of several kilobytes and',
      'passes it on only when the buffer is full or the program exits. In a container, stdout goes to Docker\'s log',
      'driver, not to a terminal, so `docker logs` and your log collector see messages minutes late, in bursts, and',
      'out of order with stderr. If the process is killed (out of memory, `docker kill`) the last buffered lines, often',
      'the ones explaining the crash, are never written.',
      '',
      'Setting `ENV PYTHONUNBUFFERED=1` (any non-empty value works) makes Python write every line as it is produced,',
      'which is what you want for logs. `python -u` does the same for one command.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'COPY main.py .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'ENV PYTHONUNBUFFERED=1',
      'COPY main.py .',
      'CMD ["python", "main.py"]',
    ].join('\n'),
    fix: [
      'Adds `ENV PYTHONUNBUFFERED=1` right after the FROM of the final stage. Applied by fix-all: it changes only when',
      'output is written, not what is written or what the program does. (A program that prints very large amounts to',
      'stdout becomes somewhat slower, since each line is written separately.) Placed at the top it invalidates the',
      'cache of the whole stage once; the line then never changes.',
    ].join(' '),
    context: { 'main.py': 'print("hi")\n' },
    notes: [
      'Python is recognised in ENTRYPOINT and CMD (also after wrappers such as `tini --`, `uv run`, `gosu user` or an',
      '`sh -c` script): `python`, `python3.12`, `pypy3` running a script or module, and Python programs such as uvicorn,',
      'gunicorn, celery, flask, streamlit. A bare `python` (an interactive prompt) is not reported. The rule is quiet when',
      'ENV sets `PYTHONUNBUFFERED` to a non-empty value in the final stage or a stage it is built `FROM`, when the',
      'command uses `python -u`, or when it sets `PYTHONUNBUFFERED=` itself.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const final = model.finalStage;
    if (!final) return;
    const start = startCommands(model, final);
    const culprit = [start.entrypoint, start.cmd].find(s => s?.commands.some(runsPython));
    if (!culprit) return;
    const value = variablesAt(model, final).get('PYTHONUNBUFFERED');
    if (value !== undefined && value !== '') return;
    for (const s of [start.entrypoint, start.cmd]) {
      if (!s) continue;
      if (s.commands.some(pythonUnbufferedFlag)) return;
      if (/PYTHONUNBUFFERED=[^\s"'\]]/.test(s.info.node.getArgumentsContent() ?? '')) return;
    }
    ctx.report({
      range: culprit.info.range,
      message: `\`${culprit.info.keyword}\` runs Python with buffered output: \`docker logs\` shows prints late and loses the last ones if the process dies. Add \`ENV PYTHONUNBUFFERED=1\` to the stage (or run \`python -u\`).`,
      fixes: (): Fix[] => {
        const lines = model.lines;
        const from = final.instructions[0];
        const endLine = from.range.end.line;
        const hasBreak = lines.nextLineStart(endLine) > lines.lineEnd(endLine);
        const at = lines.positionAt(lines.nextLineStart(endLine));
        const indent = /^\s*/.exec(lines.lineText(from.range.start.line))![0];
        const text = `${indent}ENV PYTHONUNBUFFERED=1`;
        return [{
          title: 'Add ENV PYTHONUNBUFFERED=1 after FROM',
          edits: [{ range: { start: at, end: at }, newText: hasBreak ? text + lines.eol : lines.eol + text }],
          safe: true,
        }];
      },
    });
  },
});
