import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { perCommand } from './per-command';
import { clearShellParseCache, parseShellAt } from './parse-cache';

const offsets = (text: string, start: number) => Array.from({ length: text.length + 1 }, (_, i) => start + i);
const OPTIONS = { errexit: false, pipefail: false };

describe('perCommand', () => {
  it('computes once per command, and a moved copy of the command reuses the result', () => {
    clearShellParseCache();
    let calls = 0;
    const firstWord = perCommand(cmd => { calls++; return cmd.argv[0]; });
    const src = 'FOO=1 apt-get update && pip install x';
    const before = parseShellAt(src, offsets(src, 10), OPTIONS);
    const after = parseShellAt(src, offsets(src, 25), OPTIONS);
    assert.notEqual(after.commands[0], before.commands[0], 'a moved script gets copies');
    assert.deepEqual(before.commands.map(firstWord), ['apt-get', 'pip']);
    assert.deepEqual(after.commands.map(firstWord), ['apt-get', 'pip']);
    assert.equal(calls, 2);
  });
  it('a command that shares only the words, not the assignments, gets its own result', () => {
    clearShellParseCache();
    const assignmentCount = perCommand(cmd => cmd.assignments.length);
    const src = 'FOO=1 make';
    const cmd = parseShellAt(src, offsets(src, 0), OPTIONS).commands[0];
    assert.equal(assignmentCount(cmd), 1);
    assert.equal(assignmentCount({ argv: cmd.argv, assignments: [] }), 0);
    assert.equal(assignmentCount(cmd), 1);
  });
  it('remembers "nothing" too', () => {
    let calls = 0;
    const nothing = perCommand(() => { calls++; return undefined; });
    const cmd = { argv: ['true'], assignments: [] };
    assert.equal(nothing(cmd), undefined);
    assert.equal(nothing(cmd), undefined);
    assert.equal(calls, 1);
  });
});
