import { buildkitNames } from '../check-directive';
import {
  DIRECTIVES, HEALTHCHECK_MODES, HEREDOC_STARTERS, INSTRUCTION_FLAGS, MOUNT_TYPES, SHELL_FORMS, STOP_SIGNALS,
  directiveSpec, mountOption, mountType, type FlagSpec, type ValueChoice,
} from '../knowledge/buildkit-flags';
import { INSTRUCTION_NOTES } from '../knowledge/instructions';
import type { DockerfileModel, InstructionInfo } from '../model';
import { ALL_RULES } from '../rules';
import type { Position, Range } from '../types';
import { cursorSite, type ArgumentSite } from './completion-context';
import { imageEntries } from './completion-images';
import { EntryList, startsWithIgnoringCase, suffixRange, type CompletionEntry } from './completion-items';
import { contextPathEntries, type ContextLister } from './completion-paths';
import { displayValue, visibleVariables } from './completion-variables';

export type { CompletionEntry, CompletionKind } from './completion-items';
export type { ContextLister } from './completion-paths';

export interface CompletionOptions {
  /** The client accepts snippet syntax. */
  snippets?: boolean;
  /** The character that triggered the request, when one did. */
  trigger?: string;
  /** The build context, for COPY/ADD source paths. */
  context?: ContextLister;
}

/** Sort groups: lower comes first. */
const FIRST = 1, NORMAL = 3, LATER = 5, LAST = 8;

/**
 * Completion at a position of the shared parse. Returns only what fits where the cursor is,
 * and nothing after a typed blank unless the next word has a fixed set of values (typing a
 * space in a RUN command must never pop a list).
 */
export function completionsAt(model: DockerfileModel, pos: Position, options: CompletionOptions = {}): CompletionEntry[] {
  const site = cursorSite(model, pos);
  const range = (start: number): Range => ({ start: { line: pos.line, character: start }, end: { line: pos.line, character: Math.min(pos.character, model.lines.lineText(pos.line).length) } });
  switch (site.kind) {
    case 'none': return [];
    case 'directive': return directiveEntries(site.line, site.character, pos.line);
    case 'keyword': {
      if (options.trigger === ' ') return [];
      const list = new EntryList(range(site.start));
      keywordEntries(list, site.word, false, options.snippets ?? false);
      return list.entries;
    }
    case 'argument': return argumentEntries(model, site, range(site.start), options);
  }
}

// ---------------------------------------------------------------------------------------------
// Directives

function directiveEntries(before: string, character: number, line: number): CompletionEntry[] {
  const at = (start: number): Range => ({ start: { line, character: start }, end: { line, character } });
  const name = /^(\s*#\s*)([A-Za-z]*)$/.exec(before);
  if (name) {
    const list = new EntryList(at(name[1].length));
    for (const d of DIRECTIVES) {
      if (!startsWithIgnoringCase(d.name, name[2])) continue;
      list.add(NORMAL, { label: d.name, kind: 'directive', detail: `# ${d.name}=${d.value}`, documentation: d.doc, insertText: `${d.name}=`, retrigger: true });
    }
    return list.entries;
  }
  const valued = /^\s*#\s*([A-Za-z]+)\s*=\s*(.*)$/.exec(before);
  const spec = valued && directiveSpec(valued[1]);
  if (!valued || !spec) return [];
  const value = valued[2];
  if (spec.name !== 'check') {
    const list = new EntryList(at(character - value.length));
    choiceEntries(list, spec.choices, value, 'value');
    return list.entries;
  }
  // `# check=skip=A,B;error=true`: complete the part after the last `;`, then after its `=` and `,`.
  const part = value.slice(value.lastIndexOf(';') + 1);
  const eq = part.indexOf('=');
  if (eq < 0) {
    const list = new EntryList(at(character - part.length));
    choiceEntries(list, spec.choices, part, 'value');
    return list.entries;
  }
  const key = part.slice(0, eq).trim().toLowerCase();
  const current = part.includes(',') ? part.slice(part.lastIndexOf(',') + 1) : part.slice(eq + 1);
  const list = new EntryList(at(character - current.length));
  if (key === 'skip' || key === 'experimental') {
    choiceEntries(list, [{ value: 'all', doc: key === 'skip' ? 'Turn every check off.' : 'Turn every experimental check on.' }], current, 'value');
    const names = new Set<string>();
    for (const rule of ALL_RULES) for (const n of buildkitNames(rule)) names.add(n);
    for (const n of [...names].sort()) {
      const rule = ALL_RULES.find(r => r.aliases.includes(n));
      if (startsWithIgnoringCase(n, current)) list.add(NORMAL, { label: n, kind: 'value', detail: 'BuildKit check', documentation: rule?.docs.summary, insertText: n });
    }
  } else if (key === 'error') {
    choiceEntries(list, [{ value: 'true', doc: 'Warnings from checks fail the build.' }, { value: 'false', doc: 'Checks only warn (the default).' }], current, 'value');
  }
  return list.entries;
}

// ---------------------------------------------------------------------------------------------
// Keywords

const SNIPPETS: Record<string, string> = {
  FROM: 'FROM ${1:image}:${2:tag}',
  RUN: 'RUN ${1:command}',
  COPY: 'COPY ${1:source} ${2:destination}',
  ADD: 'ADD ${1:source} ${2:destination}',
  ENV: 'ENV ${1:NAME}=${2:value}',
  ARG: 'ARG ${1:NAME}',
  WORKDIR: 'WORKDIR ${1:/app}',
  USER: 'USER ${1:app}',
  EXPOSE: 'EXPOSE ${1:8080}',
  CMD: 'CMD ["${1:executable}"]',
  ENTRYPOINT: 'ENTRYPOINT ["${1:executable}"]',
  HEALTHCHECK: 'HEALTHCHECK --interval=${1:30s} --timeout=${2:5s} CMD ${3:command}',
  LABEL: 'LABEL ${1:key}="${2:value}"',
  VOLUME: 'VOLUME ["${1:/data}"]',
  SHELL: 'SHELL ["${1:/bin/bash}", "-o", "pipefail", "-c"]',
  STOPSIGNAL: 'STOPSIGNAL ${1:SIGTERM}',
  ONBUILD: 'ONBUILD ${1:RUN}',
  MAINTAINER: 'MAINTAINER ${1:name}',
};
/** Instructions an ONBUILD cannot carry. */
const NOT_TRIGGERS = new Set(['FROM', 'ONBUILD', 'MAINTAINER']);
/** Roughly how often each instruction is written, so the common ones come first. */
const KEYWORD_ORDER = ['FROM', 'RUN', 'COPY', 'ENV', 'ARG', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'LABEL', 'ADD', 'HEALTHCHECK', 'VOLUME', 'SHELL', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER'];

function keywordEntries(list: EntryList, prefix: string, asTrigger: boolean, snippets: boolean): void {
  for (const keyword of KEYWORD_ORDER) {
    if (asTrigger && NOT_TRIGGERS.has(keyword)) continue;
    if (!startsWithIgnoringCase(keyword, prefix)) continue;
    const note = INSTRUCTION_NOTES[keyword];
    const deprecated = keyword === 'MAINTAINER';
    list.add(deprecated ? LAST : NORMAL, {
      label: keyword, kind: 'keyword', detail: note?.syntax, documentation: note?.note, deprecated,
      insertText: `${keyword} `,
      snippet: snippets ? SNIPPETS[keyword] : undefined,
    });
    // The heredoc form is worth its own entry: few people remember the syntax.
    if (snippets && (keyword === 'RUN' || keyword === 'COPY')) {
      list.add(NORMAL, {
        label: `${keyword} <<EOF`, kind: 'snippet', filterText: keyword,
        detail: keyword === 'RUN' ? 'RUN a multi-line script (heredoc)' : 'COPY an inline file (heredoc)',
        documentation: keyword === 'RUN'
          ? 'Runs the lines up to `EOF` as one script in one layer: no `&& \\` chains. Put `set -e` first (or use `#!/bin/bash -e`) so a failing line fails the build.'
          : 'Writes the lines up to `EOF` to a file in the image, without a file in the build context.',
        insertText: `${keyword} <<EOF`,
        snippet: keyword === 'RUN' ? 'RUN <<EOF\nset -e\n${1:command}\nEOF' : 'COPY <<EOF ${1:/path/in/image}\n${2:content}\nEOF',
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Inside an instruction

/** Kinds of completion that are worth offering right after a typed blank. */
function fixedValuesFollow(site: ArgumentSite): boolean {
  if (site.onbuildTrigger) return true;
  if (site.args.length === 0) return ['HEALTHCHECK', 'STOPSIGNAL', 'SHELL'].includes(site.keyword);
  return site.keyword === 'FROM' && site.args.length === 1;
}

function argumentEntries(model: DockerfileModel, site: ArgumentSite, range: Range, options: CompletionOptions): CompletionEntry[] {
  if (options.trigger === ' ' && (site.word || !fixedValuesFollow(site))) return [];
  const list = new EntryList(range);
  const word = site.word;

  if (site.onbuildTrigger) {
    keywordEntries(list, word, true, options.snippets ?? false);
    return list.entries;
  }

  const variable = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(word);
  if (variable) {
    variableEntries(model, site, list, variable[2] ?? '', variable[1] === '{', range);
    return list.entries;
  }

  if (word.startsWith('-') && site.args.length === 0) {
    flagEntries(model, site, list, range);
    return list.entries;
  }

  const argIndex = site.args.length;
  switch (site.keyword) {
    case 'FROM':
      if (argIndex === 0) imageEntries(model, site, list, range);
      else if (argIndex === 1 && startsWithIgnoringCase('AS', word)) {
        list.add(NORMAL, { label: 'AS', kind: 'keyword', detail: 'AS <name>', documentation: 'Names this stage, so `COPY --from=<name>` and later `FROM <name>` can refer to it.', insertText: 'AS ', snippet: options.snippets ? 'AS ${1:name}' : undefined });
      }
      break;
    case 'RUN':
      if (argIndex === 0 && word.startsWith('<')) heredocEntries(list, word, false, options.snippets ?? false);
      break;
    case 'COPY':
    case 'ADD':
      if (argIndex === 0 && word.startsWith('<')) heredocEntries(list, word, true, options.snippets ?? false);
      else if (!site.flags.some(f => /^--from=/i.test(f)) && options.context) contextPathEntries(options.context, word, list, range);
      break;
    case 'HEALTHCHECK':
      if (argIndex === 0) choiceEntries(list, HEALTHCHECK_MODES, word, 'keyword', ' ');
      break;
    case 'STOPSIGNAL':
      if (argIndex === 0) choiceEntries(list, STOP_SIGNALS, word, 'value');
      break;
    case 'SHELL':
      if (argIndex === 0) choiceEntries(list, SHELL_FORMS, word, 'value');
      break;
  }
  return list.entries;
}

/** Heredoc openers; with snippets, the body and the closing marker too (and a COPY's destination). */
function heredocEntries(list: EntryList, prefix: string, copies: boolean, snippets: boolean): void {
  for (const h of HEREDOC_STARTERS) {
    if (!startsWithIgnoringCase(h.value, prefix)) continue;
    const snippet = copies ? `${h.value} \${1:/path/in/image}\n\${2}\nEOF` : `${h.value}\n\${1}\nEOF`;
    list.add(NORMAL, { label: h.value, kind: 'snippet', documentation: h.doc, insertText: h.value, snippet: snippets ? snippet : undefined });
  }
}

/** Fixed values that start with what is typed; `range` when they replace less than the list's range. */
function choiceEntries(list: EntryList, choices: readonly ValueChoice[], prefix: string, kind: CompletionEntry['kind'], suffix = '', range?: Range): void {
  for (const c of choices) {
    if (!startsWithIgnoringCase(c.value, prefix)) continue;
    list.add(NORMAL, { label: c.value, kind, documentation: c.doc, insertText: c.value + suffix, range });
  }
}

function variableEntries(model: DockerfileModel, site: ArgumentSite, list: EntryList, prefix: string, braced: boolean, range: Range): void {
  const nameRange = suffixRange(range, prefix);
  const closes = braced && !site.after.startsWith('}');
  const vars = visibleVariables(model, site.info);
  for (const v of vars) {
    if (!startsWithIgnoringCase(v.name, prefix)) continue;
    const where = v.origin === 'platform' ? 'Set by the builder for every build (value shown for a linux/amd64 build).'
      : v.origin === 'platform-undeclared' ? `Set by the builder, but inside a stage only after \`ARG ${v.name}\`: without that line it is empty here.`
        : v.origin === 'global' ? 'A global ARG (declared before the first FROM).'
          : 'An ARG or ENV in effect at this line.';
    list.add(v.origin === 'platform' || v.origin === 'platform-undeclared' ? LATER : FIRST, {
      label: v.name, kind: 'variable', detail: displayValue(v.name, v.value), range: nameRange,
      documentation: `\`${v.name}\` = ${v.value === undefined ? '_set at build time_' : `\`${displayValue(v.name, v.value)}\``}\n\n${where}`,
      insertText: closes ? `${v.name}}` : v.name,
    });
  }
}

function flagEntries(model: DockerfileModel, site: ArgumentSite, list: EntryList, range: Range): void {
  const specs = INSTRUCTION_FLAGS[site.keyword] ?? [];
  const word = site.word;
  const eq = word.indexOf('=');
  if (eq < 0) {
    const used = new Set(site.flags.map(f => f.replace(/^--/, '').split('=')[0].toLowerCase()));
    for (const spec of specs) {
      if (used.has(spec.name) && !spec.repeatable) continue;
      const label = `--${spec.name}`;
      if (!startsWithIgnoringCase(label, word)) continue;
      const takesValue = !!spec.value && !spec.boolean;
      list.add(NORMAL, {
        label, kind: 'flag', detail: spec.value ? `${label}=${spec.value}` : label, documentation: flagDoc(spec),
        insertText: takesValue ? `${label}=` : label, retrigger: takesValue,
      });
    }
    return;
  }
  const name = word.slice(2, eq).toLowerCase();
  const value = word.slice(eq + 1);
  const spec = specs.find(s => s.name === name);
  if (!spec) return;
  const at = (typed: string) => suffixRange(range, typed);
  if (site.keyword === 'RUN' && name === 'mount') { mountEntries(model, site.info, list, value, at); return; }
  if (spec.stageValue) { stageEntries(model, site.info, list, value, at(value)); return; }
  choiceEntries(list, spec.choices ?? [], value, 'value', '', at(value));
}

function flagDoc(spec: FlagSpec): string {
  return spec.since ? `${spec.doc}\n\n_Since ${spec.since}._` : spec.doc;
}

/** `--mount=type=cache,target=/x,sharing=l|`: the option or value after the last comma. */
function mountEntries(model: DockerfileModel, info: InstructionInfo, list: EntryList, value: string, at: (typed: string) => Range): void {
  const segments = value.split(',');
  const current = segments.pop()!;
  const given = new Map(segments.map(s => { const i = s.indexOf('='); return [(i < 0 ? s : s.slice(0, i)).toLowerCase(), i < 0 ? '' : s.slice(i + 1)] as const; }));
  // BuildKit's default mount type is bind.
  const type = mountType(given.get('type') ?? 'bind');
  const eq = current.indexOf('=');
  if (eq < 0) {
    if (!given.has('type') && startsWithIgnoringCase('type', current)) {
      list.add(FIRST, { label: 'type', kind: 'value', detail: 'type=cache|secret|bind|ssh|tmpfs', documentation: 'What to mount; without it, `bind`.', insertText: 'type=', retrigger: true, range: at(current) });
    }
    for (const o of type?.options ?? []) {
      if ([o.name, ...(o.aliases ?? [])].some(n => given.has(n)) || !startsWithIgnoringCase(o.name, current)) continue;
      list.add(NORMAL, { label: o.name, kind: 'value', detail: o.value ? `${o.name}=${o.value}` : o.name, documentation: o.doc, insertText: o.value ? `${o.name}=` : o.name, retrigger: !!o.value, range: at(current) });
    }
    return;
  }
  const key = current.slice(0, eq).toLowerCase();
  const typed = current.slice(eq + 1);
  if (key === 'type') {
    for (const t of MOUNT_TYPES) {
      if (startsWithIgnoringCase(t.type, typed)) list.add(NORMAL, { label: t.type, kind: 'value', detail: `--mount=type=${t.type}`, documentation: t.doc, insertText: `${t.type},`, retrigger: true, range: at(typed) });
    }
    return;
  }
  const option = type && mountOption(type, key);
  if (!option) return;
  if (option.stageValue) { stageEntries(model, info, list, typed, at(typed)); return; }
  choiceEntries(list, option.choices ?? [], typed, 'value', '', at(typed));
}

/** Earlier stages, by name first, then by index. */
function stageEntries(model: DockerfileModel, info: InstructionInfo, list: EntryList, typed: string, range: Range): void {
  const current = info.stage?.index ?? model.stages.length;
  const earlier = model.stages.filter(s => s.index < current);
  for (const s of earlier) {
    const image = s.image.raw || 'scratch';
    if (s.name && startsWithIgnoringCase(s.name, typed)) {
      list.add(FIRST, { label: s.name, kind: 'stage', detail: `stage ${s.index}: FROM ${image}`, documentation: `The stage \`${s.name}\` (line ${s.from.getRange().start.line + 1}), built from \`${image}\`.`, insertText: s.name, range });
    }
  }
  for (const s of earlier) {
    const label = String(s.index);
    if (startsWithIgnoringCase(label, typed)) list.add(LATER, { label, kind: 'stage', detail: `stage ${s.index}: FROM ${s.image.raw || 'scratch'}`, documentation: s.name ? `Stage ${s.index} by number; its name \`${s.name}\` reads better and survives reordering.` : `Stage ${s.index}, which has no name: add \`AS <name>\` to its FROM to refer to it by name.`, insertText: label, range });
  }
}
