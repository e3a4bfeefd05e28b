/**
 * LABEL facts shared by the label rules: the key/value pairs with their ranges, and the
 * value formats a label schema can require (hadolint's `label-schema` types).
 */
import type { Label } from 'dockerfile-ast';
import spdxExceptions from 'spdx-exceptions/index.json';
import spdxDeprecatedExceptions from 'spdx-exceptions/deprecated.json';
import spdxIds from 'spdx-license-ids/index.json';
import spdxDeprecatedIds from 'spdx-license-ids/deprecated.json';
import type { DockerfileModel, InstructionInfo } from './model';
import type { RuleContext } from './rule';
import type { Range } from './types';

/** Value formats of a label schema, spelled as in `.hadolint.yaml`. */
export type LabelType = 'text' | 'url' | 'hash' | 'rfc3339' | 'spdx' | 'semver' | 'email';
export const LABEL_TYPES: readonly LabelType[] = ['text', 'url', 'hash', 'rfc3339', 'spdx', 'semver', 'email'];

export interface LabelPair {
  /** Unquoted, as Docker stores it. */
  key: string;
  value: string;
  keyRange: Range;
  valueRange: Range;
  instruction: InstructionInfo;
}

/** Every `key=value` of every LABEL instruction, in file order. */
export function labelPairs(model: DockerfileModel): LabelPair[] {
  const pairs: LabelPair[] = [];
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'LABEL') continue;
    for (const p of (instruction.node as Label).getProperties()) {
      const keyRange = p.getNameRange();
      pairs.push({ key: p.getName(), value: p.getValue() ?? '', keyRange, valueRange: p.getValueRange() ?? keyRange, instruction });
    }
  }
  return pairs;
}

/** A `$NAME` or `${NAME}` reference: the value is only known at build time. */
export function hasVariable(text: string): boolean {
  return /(^|[^\\])\$(\{|[A-Za-z_])/.test(text);
}

/** RFC 3986 absolute URI; http(s) URLs must also name a host. */
export function isUrl(value: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(value);
  if (!m) return false;
  const rest = m[2];
  if (!/^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(rest)) return false;
  if ((rest.match(/#/g) ?? []).length > 1) return false;
  if (/^https?$/i.test(m[1])) return /^\/\/[^/?#@]*@?[A-Za-z0-9[][^/?#]*/.test(rest);
  return true;
}

/** RFC 3339 `date-time`, e.g. `2024-05-01T12:30:00Z` or `2024-05-01T14:30:00.5+02:00`. */
export function isRfc3339(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (!days || day < 1 || day > days || hour > 23 || minute > 59 || second > 60) return false;
  if (m[9] && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  return true;
}

const LICENSES = new Set([...spdxIds, ...spdxDeprecatedIds].map(s => s.toLowerCase()));
const EXCEPTIONS = new Set([...spdxExceptions, ...spdxDeprecatedExceptions].map(s => s.toLowerCase()));

/**
 * An SPDX license expression: one identifier (`MIT`, `Apache-2.0`, `GPL-2.0-or-later`, `LicenseRef-x`)
 * or a compound with AND, OR, WITH and parentheses, as the OCI `licenses` annotation allows.
 */
export function isSpdx(value: string): boolean {
  const tokens = value.match(/\(|\)|[^\s()]+/g);
  if (!tokens) return false;
  let i = 0;
  const peek = () => tokens[i]?.toUpperCase();
  const simple = (): boolean => {
    const t = tokens[i++];
    if (!t) return false;
    if (/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(t)) return true;
    return LICENSES.has(t.replace(/\+$/, '').toLowerCase());
  };
  const primary = (): boolean => {
    if (tokens[i] === '(') {
      i++;
      if (!expression() || tokens[i] !== ')') return false;
      i++;
      return true;
    }
    if (!simple()) return false;
    if (peek() === 'WITH') {
      i++;
      const exception = tokens[i++];
      return !!exception && EXCEPTIONS.has(exception.toLowerCase());
    }
    return true;
  };
  const expression = (): boolean => {
    if (!primary()) return false;
    while (peek() === 'AND' || peek() === 'OR') {
      i++;
      if (!primary()) return false;
    }
    return true;
  };
  return expression() && i === tokens.length;
}

/** A commit id: 7 to 40 hex digits (abbreviated or full SHA-1), or a 64-digit SHA-256 one. */
export function isGitHash(value: string): boolean {
  return /^[0-9a-fA-F]{7,40}$/.test(value) || /^[0-9a-fA-F]{64}$/.test(value);
}

/** Semantic Versioning 2.0.0, e.g. `1.4.2`, `2.0.0-rc.1+build.5` (no leading `v`). */
export function isSemver(value: string): boolean {
  return /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/.test(value);
}

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uffff-]+";
const ADDR_SPEC = `(?:${ATOM}(?:\\.${ATOM})*|"(?:[^"\\\\\\r\\n]|\\\\.)*")@(?:[A-Za-z0-9\\u0080-\\uffff](?:[A-Za-z0-9\\u0080-\\uffff-]*[A-Za-z0-9\\u0080-\\uffff])?(?:\\.[A-Za-z0-9\\u0080-\\uffff](?:[A-Za-z0-9\\u0080-\\uffff-]*[A-Za-z0-9\\u0080-\\uffff])?)*|\\[[^\\]\\\\\\s]*\\])`;
const EMAIL = new RegExp(`^${ADDR_SPEC}$`);
const MAILBOX = new RegExp(`^[^<>@]*<${ADDR_SPEC}>$`);

/** An RFC 5322 address, `jane@example.com`, or a mailbox with a display name, `Jane Doe <jane@example.com>`. */
export function isEmail(value: string): boolean {
  return EMAIL.test(value) || MAILBOX.test(value.trim());
}

/** The check for each value format; `text` accepts anything. */
export const LABEL_VALUE_CHECKS: Record<LabelType, (value: string) => boolean> = {
  text: () => true,
  url: isUrl,
  hash: isGitHash,
  rfc3339: isRfc3339,
  spdx: isSpdx,
  semver: isSemver,
  email: isEmail,
};

/**
 * Reports each label of the schema whose value does not have the format the schema gives it.
 * Empty values are `label-value-empty`'s, and values with `$VARIABLES` are only known at build time.
 */
export function reportLabelValues(ctx: RuleContext, type: LabelType, message: (pair: LabelPair) => string): void {
  const schema = ctx.options.labelSchema;
  if (![...schema.values()].includes(type)) return;
  const valid = LABEL_VALUE_CHECKS[type];
  for (const pair of labelPairs(ctx.model)) {
    if (schema.get(pair.key) !== type || !pair.value.trim() || hasVariable(pair.value)) continue;
    if (!valid(pair.value)) ctx.report({ range: pair.valueRange, message: message(pair) });
  }
}
