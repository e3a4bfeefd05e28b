import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileModel } from '../engine/model';
import { runShellCheck, runShellCheckSync, shellCheckVersion, type ShellCheckFinding } from './run';
import { shellCheckScripts } from './scripts';

/** `code line:col-line:col "text"` for each finding (1-based), the text read from the document. */
async function check(text: string): Promise<string[]> {
  const model = new DockerfileModel(text);
  const result = await runShellCheck(model);
  assert.equal(result.status, 'ok', JSON.stringify(result));
  return result.findings.map(f => show(model, f));
}

function show(model: DockerfileModel, f: ShellCheckFinding): string {
  const s = model.lines.offsetAt(f.range.start), e = model.lines.offsetAt(f.range.end);
  return `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${JSON.stringify(model.text.slice(s, e))}`;
}

const codes = (lines: string[]) => [...new Set(lines.map(l => l.split(' ')[0]))].sort();

describe('ShellCheck on RUN scripts', () => {
  before(async () => {
    if (!(await shellCheckVersion())) assert.fail('install shellcheck (apt-get install shellcheck): these tests run the real program');
  });

  it('maps findings to exact lines and columns across line continuations', async () => {
    const found = await check('FROM debian\nRUN echo start && \\\n    # a comment line the builder drops\n    cd $dir && \\\n\tls `pwd`\n');
    assert.ok(found.includes('SC2086 4:8-4:12 "$dir"'), found.join('\n'));
    assert.ok(found.includes('SC2046 5:5-5:10 "`pwd`"'), found.join('\n'));
  });

  it('maps with the `# escape=` backtick, CRLF line endings and characters outside the BMP', async () => {
    assert.ok((await check('# escape=`\nFROM debian\nRUN echo ok `\n    && cd $d\n')).includes('SC2086 4:11-4:13 "$d"'));
    assert.ok((await check('FROM debian\r\nRUN echo a && \\\r\n    cd $d\r\n')).includes('SC2086 3:8-3:10 "$d"'));
    assert.ok((await check('FROM debian\nRUN echo "🐳" && cd $d\n')).includes('SC2086 2:21-2:23 "$d"'));
  });

  it('checks `RUN <<EOF` bodies, with lines inside the body', async () => {
    const found = await check('FROM debian\nRUN <<EOF\nset -e\ncd $d\nEOF\n');
    assert.ok(found.includes('SC2086 4:4-4:6 "$d"'), found.join('\n'));
  });

  it('ARG and ENV names in scope are exported, as hadolint does; a FROM resets ARGs', async () => {
    const text = 'ARG g\nFROM debian AS base\nARG a\nENV E=1 F=2\nRUN echo "$a $E $F $g"\nFROM base\nRUN echo "$E $a"\n';
    const found = await check(text);
    assert.deepEqual(found.filter(f => f.startsWith('SC2154')), ['SC2154 5:20-5:22 "$g"', 'SC2154 7:14-7:16 "$a"']);
  });

  it('proxy build arguments are predefined', async () => {
    assert.deepEqual(await check('FROM debian\nRUN echo "$HTTP_PROXY $no_proxy"\n'), []);
  });

  it('uses the stage shell: sh by default, bash after SHELL, nothing for PowerShell', async () => {
    assert.deepEqual(codes(await check('FROM debian\nRUN echo $RANDOM\n')), ['SC3028']);
    assert.deepEqual(await check('FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo $RANDOM\n'), []);
    assert.deepEqual(await check('FROM debian\nSHELL ["pwsh", "-c"]\nRUN echo $x\n'), []);
    const model = new DockerfileModel('FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN true\nSHELL ["/bin/ash", "-c"]\nRUN true\n');
    assert.deepEqual(shellCheckScripts(model).map(s => s.dialect), ['bash', 'dash']);
  });

  it('skips exec form and shebang bodies of other interpreters', async () => {
    assert.deepEqual(await check('FROM debian\nRUN ["echo", "$x"]\nRUN <<EOF\n#!/usr/bin/env python3\nprint($x)\nEOF\n'), []);
  });

  it('ONBUILD RUN is checked with ENV but without the ARGs of this build', async () => {
    const found = await check('FROM debian\nARG a\nENV E=1\nONBUILD RUN echo "$a $E"\n');
    assert.deepEqual(found, ['SC2154 4:19-4:21 "$a"']);
  });

  it('`# hadolint ignore=SC…` and `# layerwise ignore=SC…` suppress codes for the next RUN; global ignores everywhere', async () => {
    assert.deepEqual(await check('FROM debian\n# hadolint ignore=SC2086,SC2154\nRUN cd $d || exit\n'), []);
    assert.deepEqual(codes(await check('FROM debian\n# layerwise ignore=SC2154\nRUN cd $d || exit\n')), ['SC2086']);
    assert.deepEqual(await check('# layerwise global ignore=SC2086\nFROM debian\nRUN echo "$HOME" $HOME\n'), []);
  });

  it('severity, link and message', async () => {
    const model = new DockerfileModel('FROM debian\nRUN echo `date` $x\n');
    const result = await runShellCheck(model);
    const by = (id: string) => result.findings.find(f => f.ruleId === id)!;
    assert.equal(by('SC2006').severity, 'hint', 'style is a hint');
    assert.equal(by('SC2086').severity, 'info');
    assert.equal(by('SC2154').severity, 'warning');
    assert.equal(by('SC2086').href, 'https://www.shellcheck.net/wiki/SC2086');
    assert.match(by('SC2154').message, /x is referenced but not assigned/);
  });

  it('ShellCheck\'s own fixes map to document edits', async () => {
    const model = new DockerfileModel('FROM debian\nRUN a=$(date) && \\\n    echo $a\n');
    const sc2086 = (await runShellCheck(model)).findings.find(f => f.ruleId === 'SC2086')!;
    const [fix] = sc2086.fixes!();
    assert.equal(fix.safe, false);
    assert.deepEqual(fix.edits.map(e => [e.range.start.line, e.range.start.character, e.newText]), [[2, 9, '"'], [2, 11, '"']]);
  });

  it('a missing program is reported as missing, not as a failure', async () => {
    const result = await runShellCheck(new DockerfileModel('FROM debian\nRUN echo $x\n'), { path: '/nonexistent/shellcheck' });
    assert.equal(result.status, 'missing');
    assert.equal(runShellCheckSync(new DockerfileModel('FROM debian\nRUN echo $y\n'), { path: '/nonexistent/shellcheck' }).status, 'missing');
  });

  it('the blocking variant agrees', () => {
    const model = new DockerfileModel('FROM debian\nRUN cd $z\n');
    const blocking = runShellCheckSync(model).findings.map(f => show(model, f));
    assert.deepEqual(blocking.sort(), ['SC2086 2:8-2:10 "$z"', 'SC2154 2:8-2:10 "$z"', 'SC2164 2:5-2:10 "cd $z"']);
  });
});
