import { describeImage, knownImageFamilies, PREFIX_FAMILY_REPOSITORIES, TAG_PATTERNS, type ImageFacts } from '../knowledge/images';
import type { DockerfileModel } from '../model';
import type { Position, Range } from '../types';
import { cursorSite, type ArgumentSite } from './completion-context';
import { EntryList, startsWithIgnoringCase, suffixRange, type CompletionEntry } from './completion-items';

/**
 * The image word of a FROM: earlier stages and well-known repositories before the `:`,
 * tags from the offline tag patterns after it. Nothing is fetched.
 */
export function imageEntries(model: DockerfileModel, site: ArgumentSite, list: EntryList, range: Range): void {
  const word = site.word;
  if (word.includes('@') || word.includes('$')) return;
  const colon = word.lastIndexOf(':');
  // A colon before the last slash is a registry port, not a tag.
  if (colon > word.lastIndexOf('/')) {
    tagEntries(word.slice(0, colon), word.slice(colon + 1), list, range, []);
    return;
  }
  const current = site.info.stage?.index ?? model.stages.length;
  for (const s of model.stages) {
    if (s.index >= current || !s.name || !startsWithIgnoringCase(s.name, word)) continue;
    list.add(1, { label: s.name, kind: 'stage', detail: `stage: FROM ${s.image.raw}`, documentation: `Builds on the stage \`${s.name}\`: everything it produced is the starting point here.`, insertText: s.name });
  }
  for (const family of knownImageFamilies()) {
    const names = family.prefix ? PREFIX_FAMILY_REPOSITORIES.filter(r => r.startsWith(family.name)) : [family.name, ...(family.aliases ?? [])];
    for (const name of names) {
      if (!startsWithIgnoringCase(name, word)) continue;
      list.add(family.deprecated ? 7 : 3, {
        label: name, kind: 'image', detail: `${family.title} — ${family.publisher}`, documentation: familyDoc(family),
        insertText: name, deprecated: !!family.deprecated,
      });
    }
  }
}

function familyDoc(family: ImageFacts): string {
  const lines = [family.about];
  if (family.deprecated) lines.push(`**Deprecated.** ${family.deprecated}`);
  const patterns = TAG_PATTERNS[family.name];
  if (patterns?.length) lines.push(`Tags: ${patterns.map(p => `\`${p.pattern}\``).join(', ')}.`);
  if (family.pins.length) lines.push(`Good pins (as of the offline snapshot): ${family.pins.map(p => `\`${p}\``).join(', ')}.`);
  return lines.join('\n\n');
}

/** The image and partial tag being typed in a FROM (`python:3.1|`), for an optional registry lookup. */
export interface TagQuery { repo: string; typed: string; range: Range }

export function tagQueryAt(model: DockerfileModel, pos: Position): TagQuery | undefined {
  const site = cursorSite(model, pos);
  if (site.kind !== 'argument' || site.keyword !== 'FROM' || site.args.length > 0 || site.word.startsWith('-')) return undefined;
  const word = site.word;
  const colon = word.lastIndexOf(':');
  if (colon <= word.lastIndexOf('/') || word.includes('@') || word.includes('$')) return undefined;
  const line = pos.line;
  return { repo: word.slice(0, colon), typed: word.slice(colon + 1), range: { start: { line, character: site.start }, end: { line, character: site.start + word.length } } };
}

/**
 * Tag entries for a query: the offline pins and patterns first, then `extra` tags (from a
 * registry) that the table does not already offer. Known families only, unless `extra` has some.
 */
export function tagCompletions(query: TagQuery, extra: readonly string[]): CompletionEntry[] {
  const list = new EntryList(query.range);
  tagEntries(query.repo, query.typed, list, query.range, extra);
  return list.entries;
}

function tagEntries(repo: string, typed: string, list: EntryList, range: Range, extra: readonly string[]): void {
  const tagRange = suffixRange(range, typed);
  const family = describeImage(repo)?.family;
  const seen = new Set<string>();
  const offer = (tag: string, pattern: string | undefined, group: number) => {
    if (seen.has(tag) || !startsWithIgnoringCase(tag, typed)) return;
    seen.add(tag);
    const info = describeImage(repo, tag);
    const facts = info ? [`${info.variant.label}`, `libc: ${info.variant.libc}`, `about ${info.variant.size} compressed`] : [];
    if (info?.releaseLabel) facts.push(info.releaseLabel);
    const pinning = !info ? 'Listed by the registry; Layerwise has no offline facts about this image.'
      : info.missing.length ? `Still moves when upstream publishes a new ${info.missing.join(' or ')}.`
        : 'Names one release: rebuilds start from the same version (a digest pins the exact bytes).';
    list.add(group, {
      label: tag, kind: 'value', detail: pattern ?? 'recommended pin', range: tagRange,
      documentation: `\`${repo}:${tag}\`${facts.length ? ` — ${facts.join(', ')}.` : ''}\n\n${pinning}${info?.endOfLife ? '\n\n**End of life upstream.**' : ''}`,
      insertText: tag,
    });
  };
  if (family) {
    for (const pin of family.pins) offer(pin, undefined, 1);
    for (const p of TAG_PATTERNS[family.name] ?? []) for (const example of p.examples) offer(example, p.pattern, 3);
  }
  for (const tag of extra) offer(tag, 'published tag (registry)', 5);
}
