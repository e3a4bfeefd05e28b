import type { Rule } from '../engine/rule';
import { ruleById } from '../engine/rules';

/**
 * TEST-ONLY fault injection. When this environment variable names a rule id at start-up, that
 * rule reports its findings and then throws on every check, so tests can prove against the real
 * server that a failing rule is isolated: logged once, disabled for that document, its partial
 * findings dropped, every other rule still published. Never set it in normal use.
 */
export const FAULTY_RULE_VARIABLE = 'LAYERWISE_TEST_FAULTY_RULE';

/** Reads the variable once; returns the rule made faulty, if any. */
export function injectRuleFaults(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const id = env[FAULTY_RULE_VARIABLE];
  if (!id) return undefined;
  const rule = ruleById(id) as { -readonly [K in keyof Rule]: Rule[K] } | undefined;
  if (!rule) {
    process.stderr.write(`${FAULTY_RULE_VARIABLE}=${id}: no such rule; nothing injected\n`);
    return undefined;
  }
  const check = rule.check.bind(rule);
  rule.check = ctx => {
    check(ctx);
    throw new Error(`fault injected into ${id} by ${FAULTY_RULE_VARIABLE}`);
  };
  process.stderr.write(`${FAULTY_RULE_VARIABLE}: rule ${id} throws on every check (test-only fault injection)\n`);
  return id;
}
