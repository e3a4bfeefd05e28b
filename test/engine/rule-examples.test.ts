// Every rule's documented examples are tests: bad fires, good does not, and the bad
// example with the rule's fix applied parses, no longer fires, and is stable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { parseConfig } from '../../server/src/engine/config';
import { applyFileChanges, MemoryBuildContext } from '../../server/src/engine/context';
import { ALL_RULES } from '../../server/src/engine/rules';
import { applyEdits } from '../../server/src/engine/text';
import type { Rule } from '../../server/src/engine/rule';

type Files = Record<string, string>;

function findingsOf(rule: Rule, text: string, files: Files = rule.docs.context ?? {}) {
  // Rules that read options (label schema, trusted registries) document the configuration their examples assume.
  const config = rule.docs.config ? parseConfig(rule.docs.config, `${rule.id} docs.config`) : undefined;
  return analyze(text, { rules: [rule], config, buildContext: new MemoryBuildContext(files) }).findings;
}

/**
 * Applies the first fix of the first finding until the rule is quiet (bounded). Fixes may
 * edit the Dockerfile and create or append to files in the build context (`.dockerignore`).
 */
function applyFixesUntilQuiet(rule: Rule, text: string, files: Files = rule.docs.context ?? {}): { text: string; files: Files } {
  for (let round = 0; round < 10; round++) {
    const finding = findingsOf(rule, text, files).find(f => (f.fixes?.() ?? []).length);
    if (!finding) break;
    const fix = finding.fixes!()[0];
    text = applyEdits(text, fix.edits);
    files = applyFileChanges(files, fix);
  }
  return { text, files };
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
          const original = { text: rule.docs.bad, files: rule.docs.context ?? {} };
          const fixed = applyFixesUntilQuiet(rule, original.text, original.files);
          assert.notDeepEqual(fixed, original, `${rule.id} offered no fix on its bad example`);
          assert.deepEqual(findingsOf(rule, fixed.text, fixed.files).map(f => f.message), [], `${rule.id} still fires after its fix:\n${fixed.text}`);
          assert.deepEqual(applyFixesUntilQuiet(rule, fixed.text, fixed.files), fixed, 'a second fix pass changed something');
          // The fixed text must still parse into the same number of stages.
          const before = analyze(rule.docs.bad, { rules: [] }).model.stages.length;
          assert.equal(analyze(fixed.text, { rules: [] }).model.stages.length, before);
        });
      }
    });
  }
});
