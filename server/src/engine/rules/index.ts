import type { Rule } from '../rule';
import baseImageLatest from './base-image-latest';
import baseImageUntagged from './base-image-untagged';
import copyAllBeforeInstall from './copy-all-before-install';
import secretInEnvOrArg from './secret-in-env-or-arg';

/** Every rule, in the order they are documented. One file per rule in this folder. */
export const ALL_RULES: readonly Rule[] = [
  copyAllBeforeInstall,
  baseImageLatest,
  baseImageUntagged,
  secretInEnvOrArg,
];

const BY_ID = new Map(ALL_RULES.map(r => [r.id, r]));
const BY_NAME = new Map<string, Rule[]>();
for (const rule of ALL_RULES) {
  for (const name of [rule.id, ...rule.aliases]) {
    const key = name.toLowerCase();
    BY_NAME.set(key, [...(BY_NAME.get(key) ?? []), rule]);
  }
}

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Rule ids for an id or alias (case-insensitive); several rules may share an alias. */
export function resolveRuleName(name: string): string[] {
  return (BY_NAME.get(name.toLowerCase()) ?? []).map(r => r.id);
}
