/**
 * A log bounded by its number of entries and by their total size (whatever unit the caller weighs
 * entries in). The oldest entries go first; the newest always stays, however large.
 *
 * Dropping advances a head index instead of shifting the array, and the array is compacted once the
 * dropped prefix outgrows the kept entries: each append costs O(1) amortised, where a `splice(0, n)`
 * per append moved every kept entry each time the log was full.
 */
export class BoundedLog<T> {
  #entries: (T | undefined)[] = [];
  #sizes: number[] = [];
  #head = 0;
  #total = 0;

  /**
   * @param maxEntries entries kept
   * @param maxSize total size of the entries kept
   */
  constructor(
    private readonly maxEntries: number,
    private readonly maxSize: number,
  ) {}

  /** The number of entries kept. */
  get length(): number {
    return this.#entries.length - this.#head;
  }

  /** The total size of the entries kept. */
  get size(): number {
    return this.#total;
  }

  /** Appends `entry`, weighing `size`, and drops the oldest entries until both bounds hold again. */
  push(entry: T, size: number): void {
    this.#entries.push(entry);
    this.#sizes.push(size);
    this.#total += size;
    while (this.length > 1 && (this.length > this.maxEntries || this.#total > this.maxSize)) {
      this.#total -= this.#sizes[this.#head]!;
      this.#entries[this.#head] = undefined;
      this.#head++;
    }
    if (this.#head > 0 && this.#head >= this.length) {
      this.#entries.splice(0, this.#head);
      this.#sizes.splice(0, this.#head);
      this.#head = 0;
    }
  }

  /** The entries kept that match `predicate`, oldest first. */
  filter(predicate: (entry: T) => boolean): T[] {
    const matches: T[] = [];
    for (let i = this.#head; i < this.#entries.length; i++) {
      const entry = this.#entries[i] as T;
      if (predicate(entry)) matches.push(entry);
    }
    return matches;
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries = [];
    this.#sizes = [];
    this.#head = 0;
    this.#total = 0;
  }
}
