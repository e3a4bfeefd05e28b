import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Instruction, Onbuild } from 'dockerfile-ast';
import { DockerfileModel } from '../model';
import { runScript } from '../run';
import { sourceScript } from '../knowledge/shell-source';

function runs(text: string): { model: DockerfileModel; nodes: Instruction[] } {
  const model = new DockerfileModel(text);
  const nodes = model.instructions.filter(i => i.keyword === 'RUN' || i.keyword === 'CMD').map(i => i.node);
  return { model, nodes };
}

/** The document text of each word of each command. */
function spans(model: DockerfileModel, node: Instruction): string[][] {
  return runScript(node).commands.map(c => c.words.map(w => model.text.slice(w.start, w.end)));
}

describe('runScript: shell form', () => {
  it('joins continuations and drops comment lines inside them, as the builder does', () => {
    const { model, nodes } = runs('FROM debian\nRUN apt-get update && \\\n    # comment && not a command\n    apt-get install -y \\\n\n      curl\n');
    const s = runScript(nodes[0]);
    assert.deepEqual(s.commands.map(c => c.argv), [['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']]);
    assert.deepEqual(spans(model, nodes[0]), [['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']]);
    assert.equal(s.commands[0].connector, '&&');
    assert.equal(s.source?.text, 'apt-get update &&     apt-get install -y       curl');
  });
  it('positions follow the `# escape=` character', () => {
    const { model, nodes } = runs('# escape=`\nFROM debian\nRUN echo a `\n    && echo "b c"\n');
    assert.deepEqual(spans(model, nodes[0]), [['echo', 'a'], ['echo', '"b c"']]);
    assert.deepEqual(runScript(nodes[0]).commands[1].argv, ['echo', 'b c']);
  });
  it('CRLF line endings', () => {
    const { model, nodes } = runs('FROM debian\r\nRUN a && \\\r\n    b --flag\r\n');
    assert.deepEqual(spans(model, nodes[0]), [['a'], ['b', '--flag']]);
  });
  it('flags before the script are not part of it', () => {
    const { model, nodes } = runs('FROM debian\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r r.txt\n');
    const s = runScript(nodes[0]);
    assert.deepEqual(s.commands.map(c => c.argv), [['pip', 'install', '-r', 'r.txt']]);
    assert.equal(s.mounts[0].type, 'cache');
    assert.equal(model.text.slice(s.commands[0].start, s.commands[0].end), 'pip install -r r.txt');
  });
  it('parse errors are reported with positions', () => {
    const { model, nodes } = runs('FROM debian\nRUN if true; then echo x\n');
    const s = runScript(nodes[0]);
    assert.ok(s.script?.errors.length);
    assert.equal(model.lines.positionAt(s.script!.errors[0].offset).line, 1);
  });
});

describe('runScript: here-documents', () => {
  it('`RUN <<EOF` runs the body as the script', () => {
    const { model, nodes } = runs('FROM debian\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n');
    const s = runScript(nodes[0]);
    assert.deepEqual(s.commands.map(c => c.argv[0]), ['set', 'apt-get', 'apt-get']);
    assert.equal(s.commands[1].errexit, true);
    assert.deepEqual(spans(model, nodes[0])[2], ['apt-get', 'install', '-y', 'curl']);
    assert.equal(s.source?.heredocIsScript, true);
    const src = sourceScript(model, nodes[0])!;
    assert.equal(src.heredoc, true);
    assert.equal(model.text.slice(src.end - 4, src.end), 'curl');
  });
  it('a body with a non-shell `#!` line is not shell', () => {
    const { nodes } = runs('FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n');
    assert.deepEqual(runScript(nodes[0]).commands, []);
  });
  it('a body fed to another program is data; a body fed to a shell is its script', () => {
    const { model, nodes } = runs('FROM debian\nRUN python3 <<EOF\nimport os; os.system("x")\nEOF\nRUN bash -e <<EOF && echo done\napt-get update\nEOF\n');
    assert.deepEqual(runScript(nodes[0]).commands.map(c => c.execArgv), [['python3']]);
    const second = runScript(nodes[1]).commands;
    assert.deepEqual(second.map(c => c.argv[0]), ['bash', 'apt-get', 'echo']);
    assert.equal(second[1].heredocScript, true);
    assert.deepEqual(spans(model, nodes[1])[1], ['apt-get', 'update']);
  });
});

describe('runScript: exec form', () => {
  it('a plain argv, with the span of each JSON string', () => {
    const { model, nodes } = runs('FROM debian\nRUN ["apt-get", "install", "-y", "a b"]\n');
    const s = runScript(nodes[0]);
    assert.equal(s.form, 'exec');
    assert.deepEqual(s.commands[0].argv, ['apt-get', 'install', '-y', 'a b']);
    assert.deepEqual(spans(model, nodes[0]), [['"apt-get"', '"install"', '"-y"', '"a b"']]);
  });
  it('text starting with `[` that is not a JSON array of strings is shell form, as Docker runs it', () => {
    const { model, nodes } = runs('FROM debian\nRUN [ -f /x ] && echo yes\n');
    const s = runScript(nodes[0]);
    assert.equal(s.form, 'shell');
    assert.deepEqual(s.commands.map(c => c.argv), [['[', '-f', '/x', ']'], ['echo', 'yes']]);
    assert.equal(sourceScript(model, nodes[0])?.commands.length, 2);
  });
  it('`["sh", "-c", "…"]` is parsed as a script, with positions inside the JSON string', () => {
    const { model, nodes } = runs('FROM debian\nRUN ["/bin/bash", "-o", "pipefail", "-c", "curl -s \\"$U\\" | tar -x && echo ok"]\n');
    const s = runScript(nodes[0]);
    assert.deepEqual(s.commands.map(c => c.argv), [['curl', '-s', '$U'], ['tar', '-x'], ['echo', 'ok']]);
    assert.equal(s.commands[0].pipefail, true);
    assert.deepEqual(spans(model, nodes[0])[0], ['curl', '-s', '\\"$U\\"']);
  });
});

describe('runScript: the stage SHELL', () => {
  const text = [
    'FROM debian AS base',
    'RUN a | b',
    'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]',
    'RUN c | d',
    'ONBUILD RUN e',
    'FROM base AS child',
    'RUN f',
    'FROM debian',
    'RUN g',
    'SHELL ["powershell", "-Command"]',
    'RUN Get-Item x | Out-Null',
  ].join('\n');
  const model = new DockerfileModel(text);
  const node = (line: number) => model.instructionAtLine(line)!.node;
  it('defaults to /bin/sh -c', () => {
    const s = runScript(node(1));
    assert.equal(s.shell.name, 'sh');
    assert.equal(s.shell.origin, 'default');
    assert.equal(s.commands[0].pipefail, false);
  });
  it('a SHELL applies to later RUNs, with its -e and -o pipefail', () => {
    const s = runScript(node(3));
    assert.equal(s.shell.name, 'bash');
    assert.equal(s.shell.pipefail, true);
    assert.equal(s.shell.errexit, true);
    assert.deepEqual(s.commands.map(c => [c.pipefail, c.errexit]), [[true, true], [true, true]]);
    assert.equal(s.script?.pipefail, true);
  });
  it('ONBUILD triggers take the shell at their ONBUILD', () => {
    const trigger = (node(4) as Onbuild).getTriggerInstruction()!;
    assert.equal(runScript(trigger).shell.name, 'bash');
  });
  it('a stage built on another inherits its SHELL; a new stage starts over', () => {
    assert.equal(runScript(node(6)).shell.name, 'bash');
    assert.equal(runScript(node(8)).shell.name, 'sh');
  });
  it('PowerShell and cmd scripts are not parsed as POSIX shell', () => {
    const s = runScript(node(10));
    assert.equal(s.shell.name, 'powershell');
    assert.equal(s.shell.posix, false);
    assert.deepEqual(s.commands, []);
    assert.equal(s.script, undefined);
    assert.equal(sourceScript(model, node(10)), undefined);
  });
  it('a `# hadolint shell=` pragma and Windows base images', () => {
    const m = new DockerfileModel('# hadolint shell=powershell\nFROM debian\nRUN a\n');
    assert.equal(runScript(m.instructionAtLine(2)!.node).shell.posix, false);
    const w = new DockerfileModel('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n');
    assert.equal(runScript(w.instructionAtLine(1)!.node).shell.name, 'cmd');
  });
});

describe('sourceScript delegates to the parse', () => {
  it('its commands are runScript\'s, index for index, with document offsets', () => {
    const { model, nodes } = runs('FROM debian\nRUN cd /x && VERSION=$(cat v) make "$VERSION" # build\n');
    const src = sourceScript(model, nodes[0])!;
    const run = runScript(nodes[0]);
    assert.equal(src.commands.length, run.commands.length);
    assert.deepEqual(src.commands.map(c => c.argv.map(w => w.text)), run.commands.map(c => c.argv));
    assert.deepEqual(src.commands[1].assignments.map(w => model.text.slice(w.start, w.end)), ['VERSION=$(cat v)']);
    assert.equal(src.endsInComment, true);
    assert.deepEqual([...src.operators], ['&&']);
    assert.equal(model.text.slice(src.end - 7, src.end), '# build');
  });
});
