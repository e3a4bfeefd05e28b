import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Read access to the build context a Dockerfile is built from. Rules ask it which
 * manifests exist; hovers ask it what a COPY takes. Paths are relative, with `/`.
 */
export interface BuildContext {
  /** Absolute folder on disk; undefined for in-memory contexts. */
  readonly root?: string;
  exists(relPath: string): boolean;
  /** File text, or undefined when missing or larger than a small limit. */
  readText(relPath: string): string | undefined;
}

const MAX_READ_BYTES = 256 * 1024;

/** A build context backed by a folder on disk. Results are cached for the object's life. */
export class DiskBuildContext implements BuildContext {
  private readonly existsCache = new Map<string, boolean>();

  constructor(readonly root: string) {}

  exists(relPath: string): boolean {
    let hit = this.existsCache.get(relPath);
    if (hit === undefined) {
      hit = fs.existsSync(this.resolve(relPath));
      this.existsCache.set(relPath, hit);
    }
    return hit;
  }

  readText(relPath: string): string | undefined {
    try {
      const file = this.resolve(relPath);
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_READ_BYTES) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  private resolve(relPath: string): string {
    const resolved = path.resolve(this.root, relPath);
    // Never read outside the context, whatever a Dockerfile says.
    if (resolved !== this.root && !resolved.startsWith(this.root + path.sep)) return path.join(this.root, '\0');
    return resolved;
  }
}

/** A build context made of given files, for tests and rule examples. */
export class MemoryBuildContext implements BuildContext {
  readonly root = undefined;
  constructor(private readonly files: Record<string, string>) {}

  exists(relPath: string): boolean {
    const p = normalise(relPath);
    return p in this.files || Object.keys(this.files).some(f => f.startsWith(p + '/'));
  }

  readText(relPath: string): string | undefined {
    return this.files[normalise(relPath)];
  }
}

function normalise(p: string): string {
  return p.replace(/^\.\//, '').replace(/\/+$/, '');
}
