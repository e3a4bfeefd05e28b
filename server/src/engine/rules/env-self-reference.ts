import type { Property } from 'dockerfile-ast';
import type { InstructionInfo } from '../model';
import { defineRule } from '../rule';
import { lintStages, variablesAt } from '../knowledge/stages';
import type { Fix } from '../types';

export default defineRule({
  id: 'env-self-reference',
  aliases: ['DL3044'],
  category: 'correctness',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'An ENV refers to a variable that the same ENV defines, which it cannot see yet.',
    why: [
      'All the values in one ENV instruction are expanded with the environment from before that instruction. In',
      '`ENV APP_HOME=/app APP_BIN=$APP_HOME/bin`, `$APP_HOME` is not `/app` but whatever it was before (usually',
      'nothing), so `APP_BIN` becomes `/bin`. Nothing fails; the value is just wrong.',
      '',
      'Define the variable in an earlier ENV, then refer to it.',
    ].join('\n'),
    bad: 'FROM alpine:3.20\nENV APP_HOME=/app APP_BIN=$APP_HOME/bin',
    good: 'FROM alpine:3.20\nENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin PATH=/app/bin:$PATH',
    fix: [
      'Splits the ENV before the first value that uses a variable defined in it, so that the value sees the new',
      'definition. Offered, not applied automatically: the variable\'s value changes (to what was meant).',
    ].join(' '),
    notes: [
      'As hadolint\'s DL3044: a variable that already had a value from an earlier ENV or ARG (of this stage or the stages',
      'it is built on) is not reported, since the author may mean the old value, and neither is a variable used in its',
      'own definition (`PATH=/opt/bin:$PATH`). References inside single quotes, or escaped as `\\$`, are not expansions',
      'and are ignored. Deviation: hadolint counts ENV and ARG names from anywhere earlier in the file, we only those in',
      'scope for the stage.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      for (const info of stage.instructions) {
        if (info.keyword !== 'ENV') continue;
        const props = (info.node as unknown as { getProperties(): Property[] }).getProperties();
        if (props.length < 2) continue;
        const known = knownBefore(model, stage, info);
        for (let i = 0; i < props.length; i++) {
          const value = props[i].getUnescapedValue() ?? '';
          // Names another pair of this ENV defines (before or after this one): invisible to this value.
          const elsewhere = (n: string) => props.findIndex((p, j) => j !== i && p.getName() === n);
          const refs = references(value).filter(n => elsewhere(n) >= 0 && !known.has(n));
          if (!refs.length) continue;
          const name = refs[0];
          const definedAt = elsewhere(name);
          ctx.report({
            range: props[i].getRange(),
            message: `\`$${name}\` here is not the \`${name}\` this ENV defines: every value of one ENV is expanded with the variables from before it. Define \`${name}\` in an earlier ENV.`,
            fixes: () => (definedAt < i ? splitFix(model, info, props, i) : []),
          });
          break;
        }
      }
    }
  },
});

/** Names that had a value before this instruction: ENV/ARG of the stage chain, or global ARGs for the pseudo-stage. */
function knownBefore(model: import('../model').DockerfileModel, stage: import('../model').Stage, info: InstructionInfo): Set<string> {
  if (stage.index >= 0) return new Set(variablesAt(model, stage, info.index).keys());
  const names = new Set(model.globalArgs.keys());
  for (const other of stage.instructions) {
    if (other.index >= info.index) break;
    if (other.keyword === 'ENV' || other.keyword === 'ARG') {
      for (const p of (other.node as unknown as { getProperties(): Property[] }).getProperties()) names.add(p.getName());
    }
  }
  return names;
}

/** Variable names a value expands: `$NAME` and `${NAME…}`, outside single quotes and not escaped. */
export function references(raw: string): string[] {
  const names: string[] = [];
  let single = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && !single) { i++; continue; }
    if (c === "'") { single = !single; continue; }
    if (single || c !== '$') continue;
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/.exec(raw.slice(i));
    if (m) names.push(m[1] ?? m[2]);
  }
  return names;
}

function splitFix(model: import('../model').DockerfileModel, info: InstructionInfo, props: Property[], at: number): Fix[] {
  const prevEnd = model.lines.offsetAt(props[at - 1].getRange().end);
  const start = model.lines.offsetAt(props[at].getRange().start);
  const keyword = info.node.getInstruction();
  const indent = /^\s*/.exec(model.lines.lineText(info.range.start.line))![0];
  return [{
    title: `Split the ENV so ${props[at].getName()} sees the new value`,
    edits: [{ range: { start: model.lines.positionAt(prevEnd), end: model.lines.positionAt(start) }, newText: `${model.lines.eol}${indent}${keyword} ` }],
    safe: false,
  }];
}
