import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { LABEL_TYPES, type LabelType } from './labels';
import { resolveRuleName } from './rules';
import { SEVERITY_SETTINGS, type Severity, type SeveritySetting } from './types';

/**
 * Team configuration. `.layerwise.yaml` at the project root or any folder above the Dockerfile:
 *
 *   rules:
 *     base-image-latest: error     # any rule id ...
 *     DL3042: off                  # ... or alias (hadolint code, BuildKit check name)
 *   labelSchema:                   # labels every image must carry, and the format of their values
 *     org.opencontainers.image.source: url
 *   strictLabels: true             # labels outside labelSchema are reported
 *   trustedRegistries: [docker.io, "*.corp.example"]
 *   failOn: warning                # default of `layerwise check --fail-on`
 *
 * Severities: off | hint | info | warning | error.
 *
 * A `.hadolint.yaml` / `.hadolint.yml` found the same way is read too, so a team's existing
 * hadolint policy applies unchanged (`ignored`, `override`, `trustedRegistries`, `label-schema`,
 * `strict-labels`, `failure-threshold`, `no-fail`); `.layerwise.yaml` and editor settings win over it.
 */
export interface LayerwiseConfig {
  /** Severity per rule id (aliases already resolved). */
  rules: Map<string, SeveritySetting>;
  /** Rule options this layer sets; unset ones fall through to lower layers, then to the defaults. */
  options?: Partial<RuleOptions>;
  /** The default of `check --fail-on` for Dockerfiles this configuration applies to. */
  failOn?: FailOn;
  /** Where it came from, for messages. */
  source?: string;
}

/**
 * Settings that rules read through `ctx.options`, always complete (defaults filled in).
 * A rule that needs a new setting adds a field here, a default in `DEFAULT_RULE_OPTIONS`
 * and its validation in `optionsFromObject`; the README's configuration section documents it.
 */
export interface RuleOptions {
  /** Labels each image must carry, and the format of their values (hadolint's `label-schema`). Empty: no schema. */
  readonly labelSchema: ReadonlyMap<string, LabelType>;
  /** Labels that are not in `labelSchema` are reported (hadolint's `strict-labels`). */
  readonly strictLabels: boolean;
  /**
   * Registries images may be pulled from; `*` wildcards at either end (`*.corp.example`, `registry.corp.*`)
   * and `*` for any. Images without a registry come from `docker.io`. Empty: every registry is trusted.
   */
  readonly trustedRegistries: readonly string[];
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = Object.freeze({
  labelSchema: new Map<string, LabelType>(),
  strictLabels: false,
  trustedRegistries: [],
});

export type FailOn = Severity | 'none';
export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'info', 'hint', 'none'];

export const CONFIG_FILE_NAMES = ['.layerwise.yaml', '.layerwise.yml'];
export const HADOLINT_CONFIG_FILE_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

export class ConfigError extends Error {}

export function emptyConfig(): LayerwiseConfig {
  return { rules: new Map() };
}

/** The options rules see under this configuration. */
export function ruleOptions(config: LayerwiseConfig | undefined): RuleOptions {
  return { ...DEFAULT_RULE_OPTIONS, ...definedOnly(config?.options ?? {}) };
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

const LAYERWISE_KEYS = ['rules', 'labelSchema', 'strictLabels', 'trustedRegistries', 'failOn'];

export function parseConfig(text: string, source: string): LayerwiseConfig {
  const doc = parseYamlMapping(text, source);
  if (!doc) return { rules: new Map(), source };
  for (const key of Object.keys(doc)) {
    if (!LAYERWISE_KEYS.includes(key)) {
      const hint = HADOLINT_SPELLINGS[key] ? ` (did you mean "${HADOLINT_SPELLINGS[key]}"? "${key}" is hadolint's spelling, read from .hadolint.yaml)` : '';
      throw new ConfigError(`${source}: unknown key "${key}"${hint} (known: ${LAYERWISE_KEYS.join(', ')})`);
    }
  }
  const config: LayerwiseConfig = { rules: rulesFromObject(doc.rules, source), source };
  const options: Partial<RuleOptions> = {
    labelSchema: doc.labelSchema === undefined ? undefined : labelSchemaFrom(doc.labelSchema, source, 'labelSchema'),
    strictLabels: doc.strictLabels === undefined ? undefined : booleanFrom(doc.strictLabels, source, 'strictLabels'),
    trustedRegistries: doc.trustedRegistries === undefined ? undefined : registriesFrom(doc.trustedRegistries, source, 'trustedRegistries'),
  };
  if (Object.values(options).some(v => v !== undefined)) config.options = definedOnly(options);
  if (doc.failOn !== undefined) {
    const value = String(doc.failOn).toLowerCase() as FailOn;
    if (!FAIL_ON_VALUES.includes(value)) throw new ConfigError(`${source}: "failOn" is "${String(doc.failOn)}"; use one of ${FAIL_ON_VALUES.join(', ')}`);
    config.failOn = value;
  }
  return config;
}

const HADOLINT_SPELLINGS: Record<string, string> = {
  'label-schema': 'labelSchema', 'strict-labels': 'strictLabels', 'failure-threshold': 'failOn',
  ignored: 'rules: {<rule>: off}', override: 'rules: {<rule>: <severity>}',
};

/** hadolint's severities; `style` is our `hint`. */
const HADOLINT_SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };
const HADOLINT_THRESHOLD: Record<string, FailOn> = { error: 'error', warning: 'warning', info: 'info', style: 'hint', ignore: 'none', none: 'none' };

/**
 * A `.hadolint.yaml` as our configuration. Rule codes Layerwise has no equivalent for are skipped
 * (hadolint does the same with unknown codes); keys that only concern hadolint's own output
 * (`format`, `no-color`, `verbose`, `disable-ignore-pragma`) are ignored.
 */
export function parseHadolintConfig(text: string, source: string): LayerwiseConfig {
  const doc = parseYamlMapping(text, source);
  const config: LayerwiseConfig = { rules: new Map(), source };
  if (!doc) return config;

  const codes = (value: unknown, key: string): string[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some(v => typeof v !== 'string' && typeof v !== 'number')) {
      throw new ConfigError(`${source}: "${key}" must be a list of rule codes, e.g. [DL3008, DL3013]`);
    }
    return value.map(String);
  };
  const setAll = (names: string[], severity: SeveritySetting) => {
    for (const name of names) for (const id of resolveRuleName(name.trim())) config.rules.set(id, severity);
  };

  if (doc.override !== undefined && doc.override !== null) {
    if (typeof doc.override !== 'object' || Array.isArray(doc.override)) {
      throw new ConfigError(`${source}: "override" must map error, warning, info or style to lists of rule codes`);
    }
    for (const [level, list] of Object.entries(doc.override as Record<string, unknown>)) {
      const severity = HADOLINT_SEVERITY[level];
      if (!severity) throw new ConfigError(`${source}: "override.${level}" is not a hadolint severity; use error, warning, info or style`);
      setAll(codes(list, `override.${level}`), severity);
    }
  }
  // `ignored` wins over `override`, as in hadolint (an ignored rule reports nothing).
  setAll(codes(doc.ignored, 'ignored'), 'off');

  const options: { -readonly [K in keyof RuleOptions]?: RuleOptions[K] } = {};
  if (doc.trustedRegistries != null) options.trustedRegistries = registriesFrom(doc.trustedRegistries, source, 'trustedRegistries');
  if (doc['label-schema'] != null) options.labelSchema = labelSchemaFrom(doc['label-schema'], source, 'label-schema');
  if (doc['strict-labels'] != null) options.strictLabels = booleanFrom(doc['strict-labels'], source, 'strict-labels');
  if (Object.keys(options).length) config.options = options;

  if (doc['failure-threshold'] != null) {
    const threshold = HADOLINT_THRESHOLD[String(doc['failure-threshold']).toLowerCase()];
    if (!threshold) throw new ConfigError(`${source}: "failure-threshold" is "${String(doc['failure-threshold'])}"; use error, warning, info, style, ignore or none`);
    config.failOn = threshold;
  }
  if (doc['no-fail'] != null && booleanFrom(doc['no-fail'], source, 'no-fail')) config.failOn = 'none';
  return config;
}

function parseYamlMapping(text: string, source: string): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${source}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return undefined;
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(`${source}: expected a mapping at the top level`);
  return doc as Record<string, unknown>;
}

function labelSchemaFrom(value: unknown, source: string, key: string): Map<string, LabelType> {
  if (value === null) return new Map();
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${source}: "${key}" must map label names to a value format (${LABEL_TYPES.join(', ')})`);
  }
  const schema = new Map<string, LabelType>();
  for (const [label, type] of Object.entries(value as Record<string, unknown>)) {
    // hadolint reads an empty type as `text`.
    const t = (type === null || type === '' ? 'text' : String(type).toLowerCase()) as LabelType;
    if (!LABEL_TYPES.includes(t)) {
      throw new ConfigError(`${source}: label "${label}" in "${key}" has type "${String(type)}"; use one of ${LABEL_TYPES.join(', ')}`);
    }
    schema.set(label, t);
  }
  return schema;
}

function registriesFrom(value: unknown, source: string, key: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some(v => typeof v !== 'string' || !v.trim())) {
    throw new ConfigError(`${source}: "${key}" must be a list of registry host names, e.g. [docker.io, "*.corp.example"]`);
  }
  for (const r of list as string[]) {
    if (/\s|\//.test(r.trim()) || r.slice(1, -1).includes('*')) {
      throw new ConfigError(`${source}: "${r}" in "${key}" is not a registry host name (a \`*\` may only start or end it, as in "*.corp.example")`);
    }
  }
  return (list as string[]).map(r => r.trim().toLowerCase());
}

function booleanFrom(value: unknown, source: string, key: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(`${source}: "${key}" must be true or false, not ${JSON.stringify(value)}`);
  return value;
}

function definedOnly<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function readConfigText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function isHadolintConfigFile(file: string): boolean {
  return /^\.?hadolint\.ya?ml$/i.test(path.basename(file));
}

/** Loads `.layerwise.yaml`, or a hadolint configuration when the file is named like one (or `kind` says so). */
export function loadConfigFile(file: string, kind: 'layerwise' | 'hadolint' = isHadolintConfigFile(file) ? 'hadolint' : 'layerwise'): LayerwiseConfig {
  const text = readConfigText(file);
  return kind === 'hadolint' ? parseHadolintConfig(text, file) : parseConfig(text, file);
}

export function loadHadolintConfigFile(file: string): LayerwiseConfig {
  return loadConfigFile(file, 'hadolint');
}

/** The nearest config file in `dir` or its ancestors, stopping at `stopAt` (inclusive) when given. */
export function findConfigFile(dir: string, stopAt?: string, names: readonly string[] = CONFIG_FILE_NAMES): string | undefined {
  let current = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    for (const name of names) {
      const candidate = path.join(current, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(current);
    if (current === stop || parent === current) return undefined;
    current = parent;
  }
}

/**
 * The nearest `.hadolint.yaml` / `.hadolint.yml` in `dir` or its ancestors. hadolint's per-user files
 * (`~/.config/hadolint.yaml` and friends) are not read: results would differ between machines and CI.
 */
export function findHadolintConfigFile(dir: string, stopAt?: string): string | undefined {
  return findConfigFile(dir, stopAt, HADOLINT_CONFIG_FILE_NAMES);
}

/**
 * Later layers win: defaults < `.hadolint.yaml` < `.layerwise.yaml` < editor settings.
 * Each rule severity, each option and `failOn` is taken from the last layer that sets it.
 */
export function mergeConfigs(...layers: (LayerwiseConfig | undefined)[]): LayerwiseConfig {
  const rules = new Map<string, SeveritySetting>();
  let options: Partial<RuleOptions> | undefined;
  let failOn: FailOn | undefined;
  for (const layer of layers) {
    if (!layer) continue;
    layer.rules.forEach((v, k) => rules.set(k, v));
    if (layer.options) options = { ...options, ...definedOnly(layer.options) };
    if (layer.failOn) failOn = layer.failOn;
  }
  const merged: LayerwiseConfig = { rules, source: layers.filter(Boolean).map(l => l!.source).filter(Boolean).join(' + ') || undefined };
  if (options) merged.options = options;
  if (failOn) merged.failOn = failOn;
  return merged;
}
