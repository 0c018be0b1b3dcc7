/** Timers the mock platform owns, all unref'd so they never keep a process alive, and cleared together on close. */
export class TimerSet {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #sleepers = new Set<() => void>();

  timeout(fn: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
    return timer;
  }

  /** Runs `fn` every `ms`; `ms <= 0` schedules nothing. */
  interval(fn: () => void, ms: number): NodeJS.Timeout | undefined {
    if (ms <= 0) return undefined;
    const timer = setInterval(fn, ms);
    timer.unref();
    this.#timers.add(timer);
    return timer;
  }

  /** Resolves after `ms`, or at once when the set is cleared (so nothing waits on a closed mock platform). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.#sleepers.delete(wake);
        resolve();
      };
      this.#sleepers.add(wake);
      this.timeout(wake, ms);
    });
  }

  cancel(timer: NodeJS.Timeout | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#timers.delete(timer);
  }

  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const wake of [...this.#sleepers]) wake();
  }
}
