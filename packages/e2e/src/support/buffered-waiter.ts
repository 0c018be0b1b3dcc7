/**
 * Items that arrive over time (log lines, platform events), kept in order, with waits that also see
 * what arrived before they were called: no subscribe race, no polling.
 */
export class BufferedWaiter<T> {
  readonly items: T[] = [];
  readonly #waiters = new Set<() => void>();
  #failure: Error | undefined;

  /** Adds an item and wakes the waits. */
  push(...items: T[]): void {
    this.items.push(...items);
    this.#wake();
  }

  /** Ends every current and future wait with `error` unless its item already arrived. */
  fail(error: Error): void {
    this.#failure = error;
    this.#wake();
  }

  /** Resolves with the first item matching `predicate`; rejects after `timeoutMs`, naming `what`. */
  waitFor(predicate: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        settle();
      };
      const check = () => {
        const found = this.items.find(predicate);
        if (found !== undefined) finish(() => resolve(found));
        else if (this.#failure) finish(() => reject(this.#failure));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`[e2e] timed out after ${timeoutMs} ms waiting for ${what}`))),
        timeoutMs,
      );
      this.#waiters.add(check);
      check();
    });
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
