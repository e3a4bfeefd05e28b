/**
 * Optional tag lookup on Docker Hub for FROM completion (`layerwise.completion.registryTags`,
 * off by default). The offline table always answers first; this only adds published tags.
 * One request per repository, cached; a lookup that fails or takes longer than the budget
 * gives nothing and says nothing, so completion works the same offline. Only Docker Hub
 * repositories are looked up (no credentials are ever sent anywhere).
 */

/** Docker Hub's API; tests point it at a local server. */
const DEFAULT_BASE_URL = 'https://hub.docker.com';
/** How long a completion request waits for the registry. */
export const REGISTRY_WAIT_MS = 800;
/** A request never lives longer than this, even when nobody waits for it any more. */
const REQUEST_TIMEOUT_MS = 5000;
const FRESH_MS = 10 * 60_000;
const FAILED_RETRY_MS = 60_000;

interface CacheEntry { at: number; tags?: string[]; pending?: Promise<string[] | undefined> }

export class RegistryTags {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly baseUrl = process.env.LAYERWISE_REGISTRY_URL || DEFAULT_BASE_URL) {}

  /**
   * Recently published tags of a Docker Hub repository (empty when it is not on Docker Hub or
   * the registry cannot be reached). Waits at most `waitMs`; `pending` then says the lookup
   * goes on in the background, so a later keystroke gets the answer.
   */
  async tags(repo: string, waitMs = REGISTRY_WAIT_MS): Promise<{ tags: string[]; pending: boolean }> {
    const path = hubPath(repo);
    if (!path) return { tags: [], pending: false };
    const entry = this.entryFor(path);
    if (entry.tags || !entry.pending) return { tags: entry.tags ?? [], pending: false };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>(resolve => { timer = setTimeout(() => resolve(undefined), waitMs); });
    try {
      const tags = await Promise.race([entry.pending, timeout]);
      return { tags: tags ?? [], pending: !!entry.pending };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The cache entry, with a lookup started when there is none, or it expired (stale tags are served meanwhile). */
  private entryFor(path: string): CacheEntry {
    const now = Date.now();
    const entry = this.cache.get(path);
    if (entry && (entry.pending || now - entry.at < (entry.tags ? FRESH_MS : FAILED_RETRY_MS))) return entry;
    const next: CacheEntry = { at: now, tags: entry?.tags };
    next.pending = this.fetchTags(path).then(tags => {
      next.pending = undefined;
      next.at = Date.now();
      if (tags) next.tags = tags;
      return next.tags;
    });
    this.cache.set(path, next);
    return next;
  }

  private async fetchTags(path: string): Promise<string[] | undefined> {
    try {
      const url = `${this.baseUrl.replace(/\/+$/, '')}/v2/repositories/${path}/tags?page_size=100&ordering=last_updated`;
      const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!response.ok) return undefined;
      const body = await response.json() as { results?: { name?: unknown }[] };
      const names = (body.results ?? []).map(r => r.name).filter((n): n is string => typeof n === 'string' && /^[\w][\w.-]{0,127}$/.test(n));
      return names.length ? names : undefined;
    } catch {
      return undefined;
    }
  }
}

/** `python` → `library/python`, `bitnami/redis` → itself; images on other registries → undefined. */
export function hubPath(repo: string): string | undefined {
  const name = repo.toLowerCase().replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  const parts = name.split('/');
  // A first part with a dot or a colon (or `localhost`) is another registry.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) return undefined;
  if (!parts.every(p => /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(p))) return undefined;
  if (parts.length === 1) return `library/${parts[0]}`;
  return parts.length === 2 ? name : undefined;
}
