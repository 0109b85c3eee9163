// A bounded cache that keeps the working set: two generations — entries found in the old one move to the new one;
// when the new one is full, the old one is dropped. An editor session keeps what the open documents use, without the
// memory of every text ever typed (and without the cost of LRU bookkeeping on every hit).
export class GenerationalCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private limit: number) {}

  get(key: K): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  /** Grows the generation size (a document with more mappings than the limit must fit in one generation). */
  ensureCapacity(entries: number): void {
    if (entries > this.limit) this.limit = entries;
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
  }
}
