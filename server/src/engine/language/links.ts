/**
 * Document links: a FROM image to its page on the registry's website (where the registry has
 * one), and COPY/ADD sources to the files in the build context they copy.
 */
import type { JSONInstruction } from 'dockerfile-ast';
import { flagValue, type DockerfileModel, type InstructionInfo } from '../model';
import type { Range } from '../types';
import { imageReferenceRange } from './image-range';

export type LinkTarget = { kind: 'url'; url: string } | { kind: 'file'; path: string };

export interface DocumentLinkInfo { range: Range; target: LinkTarget; tooltip: string }

export interface LinkOptions {
  /** Whether a path relative to the build context is an existing file; omit for documents without one. */
  isContextFile?: (relativePath: string) => boolean;
}

export function documentLinks(model: DockerfileModel, options: LinkOptions = {}): DocumentLinkInfo[] {
  const links: DocumentLinkInfo[] = [];
  for (const stage of model.stages) {
    const image = stage.image;
    if (image.stage || image.isScratch || !image.name) continue;
    // A reference built from variables links as a whole; a literal one links its name, not the tag.
    const range = imageReferenceRange(stage, true);
    const url = registryPage(image.name);
    if (url && range) links.push({ range, target: { kind: 'url', url }, tooltip: `Open ${image.name} on its registry` });
  }
  if (options.isContextFile) {
    for (const info of model.instructions) {
      if (info.keyword === 'COPY' || info.keyword === 'ADD') links.push(...sourceLinks(info, options.isContextFile));
    }
  }
  return links;
}

/** The web page of an image repository, for registries that have one. */
export function registryPage(repository: string): string | undefined {
  const parts = repository.split('/');
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first.toLowerCase() : 'docker.io';
  const path = hasRegistry ? parts.slice(1) : parts;
  if (!path.length || path.some(p => !p)) return undefined;
  switch (registry) {
    case 'docker.io':
    case 'index.docker.io':
    case 'registry-1.docker.io': {
      const official = path.length === 1 || (path.length === 2 && path[0] === 'library');
      if (official) return `https://hub.docker.com/_/${path[path.length - 1]}`;
      return path.length === 2 ? `https://hub.docker.com/r/${path.join('/')}` : undefined;
    }
    // GitHub answers a browser on ghcr.io with the package's page.
    case 'ghcr.io': return path.length >= 2 ? `https://ghcr.io/${path.join('/')}` : undefined;
    case 'quay.io': return path.length === 2 ? `https://quay.io/repository/${path.join('/')}` : undefined;
    case 'mcr.microsoft.com': return `https://mcr.microsoft.com/en-us/artifact/mar/${path.join('/')}`;
    // Other registries (gcr.io, ECR, private ones) have no public page per repository.
    default: return undefined;
  }
}

/** Sources written as plain relative paths (no variables, globs or URLs) that are files in the context. */
function sourceLinks(info: InstructionInfo, isContextFile: (p: string) => boolean): DocumentLinkInfo[] {
  if (flagValue(info.node, 'from') !== undefined) return [];
  const sources = sourceArguments(info);
  const out: DocumentLinkInfo[] = [];
  for (const { value, range } of sources) {
    if (!value || /[$*?[\]]/.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('<<') || value.startsWith('git@')) continue;
    const path = value.replace(/^\.\/+/, '').replace(/^\/+/, '');
    if (!path || path.split('/').includes('..')) continue;
    let exists = false;
    try { exists = isContextFile(path); } catch { exists = false; }
    if (exists) out.push({ range, target: { kind: 'file', path }, tooltip: `Open ${path} from the build context` });
  }
  return out;
}

function sourceArguments(info: InstructionInfo): { value: string; range: Range }[] {
  const json = (info.node as JSONInstruction).getJSONStrings?.() ?? [];
  if (json.length) {
    // A JSON argument's range includes its quotes; the link covers the path inside them.
    const strings = json.map(s => {
      const { start, end } = s.getRange();
      return { value: s.getJSONValue(), range: { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } } };
    });
    return strings.slice(0, -1);
  }
  const args = info.node.getArguments().map(a => ({ value: a.getValue(), range: a.getRange() }));
  return args.slice(0, -1);
}
