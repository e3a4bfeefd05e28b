import type { Heredoc } from 'dockerfile-ast';
import { flagsOf, type DockerfileModel, type InstructionInfo } from '../model';
import { defineRule } from '../rule';
import { sourceOf } from '../knowledge/command-sites';
import { runScript } from '../run';
import { escapeCharOf, execForm } from '../knowledge/shell-source';
import { lintStages } from '../knowledge/stages';
import type { Fix } from '../types';

export default defineRule({
  id: 'consecutive-run',
  aliases: ['DL3059'],
  category: 'style',
  severity: 'hint',
  fixable: true,
  docs: {
    summary: 'Consecutive RUN instructions that each run one command could be one RUN.',
    why: [
      'Each RUN makes a layer and a cache step. A string of one-command RUNs (`RUN mkdir /data`, `RUN chown app /data`,',
      '`RUN chmod 700 /data`) makes the image history longer and the build slower without buying anything, and files',
      'that one step creates and a later step deletes stay in the earlier layer.',
      '',
      'Steps that belong together read better as one RUN joined with `&&`. Keep them apart when they change at',
      'different rates: a slow, stable step (installing system packages) in its own RUN stays cached while a later,',
      'often-changing one is rebuilt. That is why this is only a hint.',
    ].join('\n'),
    bad: [
      'FROM debian:12-slim',
      'RUN mkdir -p /data',
      'RUN chmod 700 /data',
    ].join('\n'),
    good: [
      'FROM debian:12-slim',
      'RUN mkdir -p /data \\',
      '    && chmod 700 /data',
    ].join('\n'),
    fix: 'Joins the RUN with the one before it using `&&`. Offered, not applied automatically: the image has one layer fewer.',
    notes: [
      'As hadolint\'s DL3059: only RUNs next to each other (comments between them do not count) that each run a single',
      'command, with the same flags (`--mount`, `--network`), are reported; a RUN that already chains commands shows the',
      'author split the steps on purpose. The finding is on the second RUN. Hint by default; raise it in `.layerwise.yaml`',
      'if your project wants fewer layers. No fix is offered for exec-form or heredoc RUNs, or when a comment sits',
      'between the two.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of lintStages(model)) {
      let prev: InstructionInfo | undefined;
      for (const info of stage.instructions) {
        if (info.keyword !== 'RUN') { prev = undefined; continue; }
        if (prev && single(model, info) && single(model, prev) && flagsKey(prev) === flagsKey(info)) {
          const before = prev;
          ctx.report({
            range: info.range,
            message: `This RUN and the one on line ${before.range.start.line + 1} each run one command; if they belong together, join them with \`&&\` into one RUN (one layer, one cache step).`,
            fixes: () => mergeFix(model, before, info),
          });
        }
        prev = info;
      }
    }
  },
});

function single(model: DockerfileModel, info: InstructionInfo): boolean {
  const script = runScript(info.node);
  // `RUN [ -f x ] && …` starts with a bracket but is not JSON: shell form, whatever the splitter thought.
  if (script.form === 'exec' && !execForm(model, info.node)) return false;
  // PowerShell or cmd scripts are not parsed, so how many commands they run is unknown.
  if (script.form === 'shell' && !script.script) return false;
  return script.commands.length <= 1;
}

function flagsKey(info: InstructionInfo): string {
  return flagsOf(info.node).map(f => `${f.getName().toLowerCase()}=${f.getValue() ?? ''}`).sort().join(' ');
}

function heredocs(info: InstructionInfo): number {
  return ((info.node as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs?.() ?? []).length;
}

function mergeFix(model: DockerfileModel, prev: InstructionInfo, cur: InstructionInfo): Fix[] {
  if (heredocs(prev) || heredocs(cur)) return [];
  if (runScript(prev.node).form !== 'shell' || runScript(cur.node).form !== 'shell') return [];
  // A comment line between them would end up inside the joined RUN.
  if (cur.range.start.line !== prev.range.end.line + 1) return [];
  const a = sourceOf(model, prev.node);
  const b = cur.node.getArgumentsRange();
  if (!a || a.endsInComment || !b || !runScript(cur.node).commands.length) return [];
  const escape = escapeCharOf(model);
  const text = model.lines.textOf(b).trim();
  return [{
    title: 'Join with the RUN before',
    edits: [{ range: { start: model.lines.positionAt(a.end), end: cur.range.end }, newText: ` ${escape}${model.lines.eol}    && ${text}` }],
    safe: false,
  }];
}
