import { defineRule } from '../rule';
import { hasVariable, labelPairs } from '../labels';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** Why a label key breaks Docker's key conventions, or undefined when it follows them. */
export function labelKeyProblem(key: string): string | undefined {
  if (RESERVED.some(ns => key.startsWith(ns))) return `uses the \`${RESERVED.find(ns => key.startsWith(ns))}*\` namespace, which Docker reserves for itself`;
  if (hasVariable(key)) return 'is built from a variable, so the key only exists at build time and tools cannot rely on it';
  if (/[A-Z]/.test(key) && /^[a-z0-9._/-]+$/.test(key.toLowerCase())) return 'has upper-case letters; keys are lower-case by convention, and tools compare them exactly';
  const bad = [...new Set(key.replace(/[a-z0-9._/-]/g, ''))];
  if (bad.length) return `contains ${bad.map(c => (c === ' ' ? 'a space' : `\`${c}\``)).join(', ')}; use only lower-case letters, digits, \`.\`, \`-\`, \`_\` and \`/\``;
  if (!/^[a-z]/.test(key)) return 'must start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'must end with a lower-case letter or a digit';
  if (/\.\.|--/.test(key)) return 'has consecutive separators (`..` or `--`)';
  return undefined;
}

export default defineRule({
  id: 'label-key-invalid',
  aliases: ['DL3048'],
  category: 'style',
  severity: 'hint',
  fixable: false,
  docs: {
    summary: 'A LABEL key does not follow Docker\'s key format: lower-case reverse-DNS names, no reserved namespace.',
    why: [
      'Labels are read by tools: registries, scanners, `docker inspect --format`, orchestrators. Docker\'s convention',
      'for keys is a lower-case reverse-DNS name (`org.opencontainers.image.source`, `com.example.team`) that starts',
      'with a letter, ends with a letter or digit, and has no doubled `.` or `-`. Tools match keys exactly, so',
      '`Maintainer` and `maintainer` are two different labels, and a key built from a variable may not exist at all.',
      '',
      'The `com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces are reserved for Docker itself.',
      'For standard metadata prefer the OCI keys (`org.opencontainers.image.*`).',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nLABEL Maintainer="team@example.com" com.docker.extension.title="tool"',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="team@example.com" com.example.tool.title="tool"',
    notes: [
      'Default severity is `hint`, like hadolint\'s `style` level; a key in a reserved Docker namespace is reported as `info`.',
      'Raise it in `.layerwise.yaml` (`rules: { label-key-invalid: warning }`) to enforce the convention.',
      'Like hadolint, `_` and `/` are accepted inside keys. A key built from a variable (`LABEL $NAME=x`) is reported too.',
    ].join('\n'),
  },
  check(ctx) {
    for (const pair of labelPairs(ctx.model)) {
      const problem = labelKeyProblem(pair.key);
      if (!problem) continue;
      ctx.report({
        range: pair.keyRange,
        message: `The label key \`${pair.key}\` ${problem}.`,
        severity: RESERVED.some(ns => pair.key.startsWith(ns)) ? 'info' : undefined,
      });
    }
  },
});
