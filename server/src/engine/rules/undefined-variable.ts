import { defineRule } from '../rule';
import type { Range, Severity } from '../types';
import type { DockerfileModel } from '../model';
import { suggest, variablesOf, type Reference } from '../variables';

export default defineRule({
  id: 'undefined-variable',
  aliases: ['UndefinedVar'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'An instruction uses a variable that is not defined at that point, so Docker substitutes nothing.',
    why: [
      'Docker replaces `$NAME` in ENV, LABEL, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL, ARG values and `RUN --mount`',
      'options *while building*, with the ARG and ENV values in effect at that line. A name that is not defined there becomes an',
      'empty string without any error: `ENV PATH=$PAHT:/opt/bin` throws PATH away, `COPY $SRC .` copies the whole',
      'context. Common causes are a typo, an ARG declared only before FROM (those are visible to FROM lines only;',
      'repeat `ARG NAME` inside the stage), or using the variable before the line that sets it.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nENV PATH=$PAHT:/opt/app/bin',
    good: 'FROM alpine:3.20\nENV PATH=$PATH:/opt/app/bin',
    fix: 'Replaces the name with the defined variable it most likely means, when one is close enough (offered, not applied automatically).',
    notes: [
      'Same as BuildKit\'s UndefinedVar, including which instructions are checked, the "did you mean" suggestion and',
      'the resolution rules (see `variables.ts`): an ARG without value declares the name (no report), a stage built on',
      'another inherits its ENV and ARG values, a global ARG is visible inside a stage only after `ARG NAME`, bodies',
      'of `COPY <<EOF` heredocs are expanded, RUN/CMD/ENTRYPOINT are left to the shell.',
      '',
      'Deviations: BuildKit knows the base image\'s environment; we know it for the official images listed in',
      '`knowledge/image-env.ts` (so `$JAVA_HOME` after `FROM eclipse-temurin` is fine). After any other registry image',
      'an unknown name might come from the image, so it is reported as `info` with that caveat. A reference with a',
      'default or alternative (`${NAME:-x}`, `${NAME:+x}`, `${NAME?msg}`) handles the unset case on purpose and is',
      '`info` too (BuildKit warns about it like any other). The finding points at',
      'the variable, not the whole instruction. A name set earlier in the *same* ENV instruction (`ENV A=1 B=$A`) is',
      'left to `env-self-reference` (DL3044), which explains that case.',
    ].join('\n'),
  },
  check(ctx) {
    const vars = variablesOf(ctx.model, { buildArgs: ctx.buildArgs });
    const seen = new Set<string>();
    for (const ref of vars.references) {
      if (ref.context === 'from' || ref.context === 'platform' || ref.definition || ref.declared) continue;
      if (ref.name === 'BUILDKIT_SBOM_SCAN_CONTEXT' || ref.name === 'BUILDKIT_SBOM_SCAN_STAGE') continue;
      const scope = ref.info ? vars.scopeOf(ref.info) : vars.instructions.find(s => s.node === ref.node);
      if (!scope) continue;
      // `ENV A=1 B=$A`: the DL3044 rule explains this one.
      if (setEarlierInSameEnv(ctx.model, ref)) continue;
      const key = `${ref.range.start.line}:${ref.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const guess = suggest(ref.name, scope.env.keys());
      const image = ref.stage?.image;
      // `${NAME:-default}`, `${NAME:+x}`, `${NAME?msg}`: the author handles the unset case on purpose,
      // also for references nested in the alternative (`${A:+${A}:}`, reported once, as the outer one).
      const enclosing = vars.references.filter(r => r !== ref && r.node === ref.node && contains(r.range, ref.range));
      if (enclosing.some(r => r.name === ref.name && !r.definition)) continue;
      const guarded = [ref, ...enclosing].some(r => !!r.modifier && /^:?[-+?]$/.test(r.modifier));
      const severity: Severity | undefined = ref.imageMaySet || guarded ? 'info' : undefined;
      const where = ref.context === 'heredoc' ? ' in this heredoc (its marker is not quoted, so Docker expands it)' : '';
      const hint = ref.imageMaySet
        ? ` unless the base image \`${image}\` sets it`
        : guarded ? ` (the \`${ref.modifier}\` form handles that, but an ARG or ENV for the name is never declared)` : '';
      ctx.report({
        range: ref.range,
        severity,
        message: `Usage of undefined variable '$${ref.name}'${guess ? ` (did you mean $${guess}?)` : ''}${where}: Docker substitutes an empty string${hint}. ${guess ? `Use \`$${guess}\`, or define` : 'Define'} it with ARG or ENV before this line.`,
        fixes: () => (guess ? [{ title: `Use $${guess}`, edits: [{ range: ref.nameRange, newText: guess }], safe: false }] : []),
      });
    }
  },
});

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end) && !(outer.start.line === inner.start.line && outer.start.character === inner.start.character && outer.end.character === inner.end.character && outer.end.line === inner.end.line);
}

/** `ENV A=1 B=$A`: the name is a key of an earlier pair of the same ENV. */
function setEarlierInSameEnv(model: DockerfileModel, ref: Reference): boolean {
  const kvs = ref.node.command === 'env' ? ref.node.kvs : undefined;
  if (!kvs) return false;
  const at = model.lines.offsetAt(ref.range.start);
  const k = kvs.findIndex(kv => ref.node.line.docOffset(kv.value.start) <= at && at < ref.node.line.docEnd(kv.value.end));
  return k > 0 && kvs.slice(0, k).some(kv => kv.key.text === ref.name);
}
