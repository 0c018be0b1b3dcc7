import type { Readable } from "node:stream";
import { BufferedWaiter } from "./buffered-waiter.js";

/**
 * Collects a container's log lines (pass {@link LogWatcher.consumer} to `withLogConsumer`) and lets
 * a test wait for a line instead of sleeping.
 */
export class LogWatcher {
  readonly #lines = new BufferedWaiter<string>();

  /** The lines seen so far. */
  get lines(): readonly string[] {
    return this.#lines.items;
  }

  /** The testcontainers log consumer. */
  readonly consumer = (stream: Readable): void => {
    let partial = "";
    stream.on("data", (chunk: Buffer | string) => {
      partial += chunk.toString();
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      this.#lines.push(...lines.filter((line) => line.trim() !== ""));
    });
  };

  /** Resolves with the first line (seen so far or later) matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    return this.#lines
      .waitFor((line) => pattern.test(line), timeoutMs, `a log line matching ${pattern}`)
      .catch((error: Error) => {
        throw new Error(`${error.message}; last lines:\n${this.#lines.items.slice(-20).join("\n")}`);
      });
  }
}
