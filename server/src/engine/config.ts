import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SEVERITY_SETTINGS, type SeveritySetting } from './types';
import { resolveRuleName } from './rules';

/**
 * Team configuration, `.layerwise.yaml` at the project root or any folder above the Dockerfile:
 *
 *   rules:
 *     base-image-latest: error     # any rule id ...
 *     DL3042: off                  # ... or alias (hadolint code, BuildKit check name)
 *
 * Severities: off | hint | info | warning | error.
 */
export interface LayerwiseConfig {
  /** Severity per rule id (aliases already resolved). */
  rules: Map<string, SeveritySetting>;
  /** Where it came from, for messages. */
  source?: string;
}

export const CONFIG_FILE_NAMES = ['.layerwise.yaml', '.layerwise.yml'];

export class ConfigError extends Error {}

export function emptyConfig(): LayerwiseConfig {
  return { rules: new Map() };
}

/** Validates a plain `{ruleOrAlias: severity}` object (from YAML or editor settings). */
export function rulesFromObject(obj: unknown, source: string): Map<string, SeveritySetting> {
  const rules = new Map<string, SeveritySetting>();
  if (obj === undefined || obj === null) return rules;
  if (typeof obj !== 'object' || Array.isArray(obj)) throw new ConfigError(`${source}: "rules" must be a mapping of rule id to severity`);
  for (const [name, value] of Object.entries(obj as Record<string, unknown>)) {
    const ids = resolveRuleName(name);
    if (!ids.length) throw new ConfigError(`${source}: unknown rule "${name}" (see \`layerwise rules\`)`);
    const severity = String(value).toLowerCase() as SeveritySetting;
    if (!SEVERITY_SETTINGS.includes(severity)) {
      throw new ConfigError(`${source}: rule "${name}" has severity "${String(value)}"; use one of ${SEVERITY_SETTINGS.join(', ')}`);
    }
    for (const id of ids) rules.set(id, severity);
  }
  return rules;
}

export function parseConfig(text: string, source: string): LayerwiseConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${source}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return { rules: new Map(), source };
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(`${source}: expected a mapping at the top level`);
  const known = new Set(['rules']);
  for (const key of Object.keys(doc)) {
    if (!known.has(key)) throw new ConfigError(`${source}: unknown key "${key}" (known: ${[...known].join(', ')})`);
  }
  return { rules: rulesFromObject((doc as { rules?: unknown }).rules, source), source };
}

export function loadConfigFile(file: string): LayerwiseConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseConfig(text, file);
}

/** The nearest config file in `dir` or its ancestors, stopping at `stopAt` (inclusive) when given. */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let current = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(current);
    if (current === stop || parent === current) return undefined;
    current = parent;
  }
}

/** Later layers win: defaults < config file < editor settings. */
export function mergeConfigs(...layers: (LayerwiseConfig | undefined)[]): LayerwiseConfig {
  const rules = new Map<string, SeveritySetting>();
  for (const layer of layers) layer?.rules.forEach((v, k) => rules.set(k, v));
  return { rules, source: layers.filter(Boolean).map(l => l!.source).filter(Boolean).join(' + ') || undefined };
}
