// Regression tests from the fuzzer (test/fuzz): deeply nested substitutions overflowed the
// lexer's recursion, and 21 rules that expand words failed on the file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyze';

function nested(depth: number): string {
  return `FROM alpine:3.20\nARG A=${'${X:-'.repeat(depth)}v${'}'.repeat(depth)}\nRUN echo $A\n`;
}

describe('expandWord nesting', () => {
  it('reports a word nested thousands deep as an expansion error instead of overflowing the stack', () => {
    const result = analyze(nested(5000));
    assert.deepEqual(result.failures.map(f => `${f.ruleId}: ${f.error.message}`), []);
    const errors = result.findings.filter(f => f.ruleId === 'invalid-variable-substitution');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /nested more than 200 deep/);
  });

  it('expands nesting as deep as real files use it', () => {
    const result = analyze(nested(50));
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.findings.filter(f => f.ruleId === 'invalid-variable-substitution'), []);
  });
});
