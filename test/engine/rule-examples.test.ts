// Every rule's documented examples are tests: bad fires, good does not, and the bad
// example with the rule's fix applied parses, no longer fires, and is stable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { MemoryBuildContext } from '../../server/src/engine/context';
import { ALL_RULES } from '../../server/src/engine/rules';
import { applyEdits } from '../../server/src/engine/text';
import type { Rule } from '../../server/src/engine/rule';

function findingsOf(rule: Rule, text: string) {
  const buildContext = new MemoryBuildContext(rule.docs.context ?? {});
  return analyze(text, { rules: [rule], buildContext }).findings;
}

/** Applies the first fix of the first finding until the rule is quiet (bounded). */
function applyFixesUntilQuiet(rule: Rule, text: string): string {
  for (let round = 0; round < 10; round++) {
    const finding = findingsOf(rule, text).find(f => (f.fixes?.() ?? []).length);
    if (!finding) return text;
    text = applyEdits(text, finding.fixes!()[0].edits);
  }
  return text;
}

describe('rule documentation examples', () => {
  it('every rule has complete documentation and a unique kebab-case id', () => {
    const ids = new Set<string>();
    for (const rule of ALL_RULES) {
      assert.match(rule.id, /^[a-z]+(-[a-z0-9]+)*$/, `rule id ${rule.id}`);
      assert.ok(!ids.has(rule.id), `duplicate rule id ${rule.id}`);
      ids.add(rule.id);
      for (const field of ['summary', 'why', 'bad', 'good'] as const) {
        assert.ok(rule.docs[field].trim().length > 10, `${rule.id}: docs.${field} is missing or too short`);
      }
      assert.equal(rule.fixable, !!rule.docs.fix, `${rule.id}: fixable rules describe their fix, and only they do`);
    }
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      it('fires on the bad example', () => {
        assert.ok(findingsOf(rule, rule.docs.bad).length > 0, `${rule.id} did not fire on its bad example:\n${rule.docs.bad}`);
      });
      it('stays quiet on the good example', () => {
        const found = findingsOf(rule, rule.docs.good);
        assert.deepEqual(found.map(f => f.message), [], `${rule.id} fired on its good example`);
      });
      if (rule.fixable) {
        it('its fix repairs the bad example, and fixing again changes nothing', () => {
          const fixed = applyFixesUntilQuiet(rule, rule.docs.bad);
          assert.notEqual(fixed, rule.docs.bad, `${rule.id} offered no fix on its bad example`);
          assert.deepEqual(findingsOf(rule, fixed).map(f => f.message), [], `${rule.id} still fires after its fix:\n${fixed}`);
          assert.equal(applyFixesUntilQuiet(rule, fixed), fixed, 'a second fix pass changed the text');
          // The fixed text must still parse into the same number of stages.
          const before = analyze(rule.docs.bad, { rules: [] }).model.stages.length;
          assert.equal(analyze(fixed, { rules: [] }).model.stages.length, before);
        });
      }
    });
  }
});
