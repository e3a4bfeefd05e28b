/**
 * A least-recently-used map from script texts to what was computed from them, bounded by the
 * number of entries and by the total length of the keys (a proxy for what the values hold:
 * offsets and parses grow with the script). While someone types in a RUN, every keystroke adds
 * a new text; the bound keeps that from piling up.
 */
export class RecentByText<V> {
  private readonly entries = new Map<string, V>();
  private chars = 0;

  constructor(private readonly maxEntries: number, private readonly maxChars: number) {}

  /** The value for `key`, which becomes the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.entries.delete(key)) this.chars -= key.length;
    this.entries.set(key, value);
    this.chars += key.length;
    while (this.entries.size > 1 && (this.entries.size > this.maxEntries || this.chars > this.maxChars)) {
      const oldest = this.entries.keys().next().value!;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number { return this.entries.size; }
}
