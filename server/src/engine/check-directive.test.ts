import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyze';
import { parseCheckOptions } from './check-directive';
import { parseConfig } from './config';
import { ruleById } from './rules';

function found(text: string, ids: string[], buildArgs?: Record<string, string>) {
  const rules = ids.map(id => ruleById(id)!);
  return analyze(text, { rules, buildArgs }).findings.map(f => `${f.ruleId}@${f.range.start.line + 1}:${f.severity}`);
}

describe('# check= options (BuildKit)', () => {
  it('parses skip, error and experimental, and rejects what BuildKit rejects', () => {
    const o = parseCheckOptions('skip=A, B;error=true;experimental=all');
    assert.deepEqual([...o.skip], ['A', 'B']);
    assert.equal(o.error, true);
    assert.equal(o.experimentalAll, true);
    assert.throws(() => parseCheckOptions('skip'), /invalid check option/);
    assert.throws(() => parseCheckOptions('foo=bar'), /invalid check option "foo"/);
    assert.throws(() => parseCheckOptions('error=maybe'), /ParseBool/);
  });
  it('a comment directly above an instruction skips checks for that instruction only', () => {
    const text = 'FROM scratch\n# check=skip=StageNameCasing // reason\n\nFROM scratch AS Foo\nFROM scratch AS Bar\n';
    assert.deepEqual(found(text, ['stage-name-casing']), ['stage-name-casing@5:info']);
    assert.deepEqual(found('FROM scratch\n# check=skip=all\n#\nFROM scratch AS Foo\n', ['stage-name-casing']), ['stage-name-casing@4:info'], 'a bare # ends the comment block');
  });
  it('error=true raises BuildKit findings to errors', () => {
    assert.deepEqual(found('#check=error=true\nFROM scratch AS Foo\n', ['stage-name-casing']), ['stage-name-casing@2:error']);
  });
  it('the BUILDKIT_DOCKERFILE_CHECK build argument replaces the directive', () => {
    const text = '#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n';
    assert.deepEqual(found(text, ['from-as-casing', 'inconsistent-instruction-casing']), []);
    assert.deepEqual(found(text, ['from-as-casing', 'inconsistent-instruction-casing'], { BUILDKIT_DOCKERFILE_CHECK: 'skip=ConsistentInstructionCasing;error=true' }), ['from-as-casing@2:error']);
  });
  it('experimental checks run only when enabled, and skip=all does not turn them off', () => {
    const body = '# foo is the thing\nARG bar=1\nFROM scratch\n';
    assert.deepEqual(found(body, ['invalid-definition-description']), []);
    assert.deepEqual(found('# check=experimental=InvalidDefinitionDescription\n' + body, ['invalid-definition-description']), ['invalid-definition-description@3:info']);
    assert.deepEqual(found('# check=skip=all;experimental=all\n' + body, ['invalid-definition-description']), ['invalid-definition-description@3:info']);
  });
  it('the configuration can turn an experimental rule on', () => {
    const rule = ruleById('invalid-definition-description')!;
    const config = parseConfig('rules:\n  invalid-definition-description: warning\n', 'test');
    const f = analyze('# foo is the thing\nARG bar=1\nFROM scratch\n', { rules: [rule], config }).findings;
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
  });
});
