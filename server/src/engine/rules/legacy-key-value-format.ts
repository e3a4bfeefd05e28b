import { buildkitParse, spanRange } from '../builder';
import { defineRule } from '../rule';

export default defineRule({
  id: 'legacy-key-value-format',
  aliases: ['LegacyKeyValueFormat'],
  category: 'style',
  severity: 'info',
  fixable: true,
  docs: {
    summary: 'ENV or LABEL uses the legacy `KEY value` form instead of `KEY=value`.',
    why: [
      'The old form `ENV NAME value` sets one variable to everything after the first space, quotes and all, and cannot',
      'set several at once; Docker keeps it for compatibility and recommends `NAME=value`. With `=` the value ends at',
      'the next space unless quoted, the same rules as everywhere else, and several pairs fit on one line.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nENV APP_HOME /srv/app\nLABEL org.opencontainers.image.title demo',
    good: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\nLABEL org.opencontainers.image.title=demo',
    fix: 'Rewrites `NAME value` as `NAME=value`, quoting the value when it holds spaces. Offered only when the value has no quotes or escapes, so that it means exactly the same; applied automatically.',
    notes: 'Same as BuildKit\'s LegacyKeyValueFormat (ENV and LABEL). The finding points at the pair rather than the whole instruction.',
  },
  check(ctx) {
    const model = ctx.model;
    for (const node of buildkitParse(model).nodes) {
      const target = node.trigger ?? node;
      if ((target.command !== 'env' && target.command !== 'label') || !target.kvs) continue;
      for (const kv of target.kvs) {
        if (kv.hasEquals) continue;
        const kw = target.command.toUpperCase();
        const range = spanRange(model, node.line, { start: kv.key.start, end: kv.value.end });
        const raw = kv.value.text;
        // Exact only when nothing in the value is interpreted differently inside double quotes.
        const simple = !/["'\\`]/.test(raw) && !raw.includes(model.ast.getEscapeCharacter());
        const value = /\s/.test(raw) ? `"${raw}"` : raw;
        ctx.report({
          range,
          message: `"${kw} key=value" should be used instead of legacy "${kw} key value" format: write \`${kw} ${kv.key.text}=${value.length > 40 ? value.slice(0, 37) + '…' : value}\`.`,
          fixes: () => (simple && !/[\r\n]/.test(model.lines.textOf(range)) ? [{ title: `Write ${kv.key.text}=…`, edits: [{ range, newText: `${kv.key.text}=${value}` }], safe: true }] : []),
        });
      }
    }
  },
});
