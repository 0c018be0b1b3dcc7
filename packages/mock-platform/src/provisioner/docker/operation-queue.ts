/**
 * Runs operations one at a time per key (a workspace id), in call order, so a restart racing a
 * delete cannot interleave their Docker calls. Different keys run concurrently.
 */
export class DockerOperationQueue {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `operation` after every operation queued earlier under `key`, whatever their outcome. */
  run<T>(key: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(operation);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  async drain(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}
