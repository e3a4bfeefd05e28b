import type { Rule } from './rule';

/**
 * Renders a rule's single description into the forms users read it in: the
 * generated documentation page, the hover, and plain text for the terminal.
 */

function aliasLine(rule: Rule): string {
  return rule.aliases.length ? `Also known as ${rule.aliases.map(a => `\`${a}\``).join(', ')}.` : '';
}

export function ruleMarkdownPage(rule: Rule): string {
  const d = rule.docs;
  const parts = [
    `# ${rule.id}`,
    '',
    `> ${d.summary}`,
    '',
    `| Category | Default severity | Quick fix | Aliases |`,
    `| --- | --- | --- | --- |`,
    `| ${rule.category} | ${rule.severity} | ${rule.fixable ? 'yes' : 'no'} | ${rule.aliases.map(a => `\`${a}\``).join(', ') || '—'} |`,
    '',
    '## Why it matters',
    '',
    d.why,
    '',
    '## Example that triggers it',
    '',
    '```dockerfile',
    d.bad,
    '```',
    '',
    '## Do this instead',
    '',
    '```dockerfile',
    d.good,
    '```',
  ];
  if (d.fix) parts.push('', '## Quick fix', '', d.fix);
  if (d.config) parts.push('', '## Configuration', '', 'This rule needs team configuration to run; the examples above assume this `.layerwise.yaml`:', '', '```yaml', d.config.trimEnd(), '```');
  if (d.notes) parts.push('', '## Notes', '', d.notes);
  if (rule.supersededBy?.length) {
    parts.push('', `Where ${rule.supersededBy.map(id => `\`${id}\``).join(' or ')} reports the same spot, that finding is shown instead of this one, so the problem appears once.`);
  }
  parts.push('', '## Turning it off', '', [
    `Per instruction: \`# layerwise ignore=${rule.id}\` on the line above it.`,
    `For the whole file: \`# layerwise global ignore=${rule.id}\`.`,
    `For a project: \`rules: { ${rule.id}: off }\` in \`.layerwise.yaml\`, or the \`layerwise.rules\` setting.`,
    rule.aliases.length ? `Existing \`# hadolint ignore=\` comments and \`# check=skip=\` directives that name an alias are honoured.` : '',
  ].filter(Boolean).join('\n'));
  parts.push('', '<!-- Generated from the rule module by `npm run docs`; edit the rule, not this file. -->', '');
  return parts.join('\n');
}

/** The hover for one finding: what is wrong here, why it matters, and what to do. */
export function ruleHoverMarkdown(rule: Rule, message: string, docsHref?: string): string {
  const d = rule.docs;
  const title = `**${rule.id}** · ${rule.category}${rule.aliases.length ? ` · ${rule.aliases.join(', ')}` : ''}`;
  const parts = [title, '', message, '', d.why, '', '**Do this instead**', '', '```dockerfile', d.good, '```'];
  if (d.fix) parts.push('', `**Quick fix:** ${d.fix}`);
  const footer = [
    docsHref ? `[Rule documentation](${docsHref})` : '',
    `Silence here with \`# layerwise ignore=${rule.id}\` above the instruction.`,
  ].filter(Boolean).join(' · ');
  parts.push('', footer);
  return parts.join('\n');
}

/** A compact listing for `layerwise rules`. */
export function ruleSummaryLine(rule: Rule): string {
  const aliases = aliasLine(rule);
  return `${rule.id.padEnd(28)} ${rule.severity.padEnd(8)} ${rule.category.padEnd(11)} ${rule.fixable ? 'fix' : '   '}  ${rule.docs.summary}${aliases ? ' ' + aliases : ''}`;
}

/** Plain-text explanation for `layerwise explain <rule>`. */
export function ruleText(rule: Rule): string {
  const d = rule.docs;
  const strip = (s: string) => s.replace(/`/g, '');
  return [
    `${rule.id} (${rule.category}, default ${rule.severity}${rule.fixable ? ', fixable' : ''})`,
    aliasLine(rule) && strip(aliasLine(rule)),
    '',
    strip(d.summary),
    '',
    strip(d.why),
    '',
    'Triggers:',
    d.bad.replace(/^/gm, '    '),
    '',
    'Instead:',
    d.good.replace(/^/gm, '    '),
    d.fix ? `\nFix: ${strip(d.fix)}` : '',
    d.notes ? `\nNotes: ${strip(d.notes)}` : '',
  ].filter(l => l !== undefined).join('\n');
}
