import type { Readable } from "node:stream";

/**
 * Collects a container's log lines (pass {@link LogWatcher.consumer} to `withLogConsumer`) and lets
 * a test wait for a line instead of sleeping.
 */
export class LogWatcher {
  readonly lines: string[] = [];
  readonly #waiters = new Set<() => void>();

  /** The testcontainers log consumer. */
  readonly consumer = (stream: Readable): void => {
    let partial = "";
    stream.on("data", (chunk: Buffer | string) => {
      partial += chunk.toString();
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      this.lines.push(...lines.filter((line) => line.trim() !== ""));
      for (const waiter of [...this.#waiters]) waiter();
    });
  };

  /** Resolves with the first line (seen so far or later) matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const line = this.lines.find((l) => pattern.test(l));
        if (line !== undefined) finish(() => resolve(line));
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new Error(
                `[e2e] no log line matched ${pattern} in ${timeoutMs} ms:\n${this.lines.slice(-20).join("\n")}`,
              ),
            ),
          ),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        settle();
      };
      this.#waiters.add(check);
      check();
    });
  }
}
