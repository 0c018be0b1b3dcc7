import type { PlatformEvent } from "@molecule-ctk/mock-platform";
import { BufferedWaiter } from "./buffered-waiter.js";

/**
 * A subscription to the mock platform's server-sent events over HTTP (for a platform in a
 * container), so tests wait on events rather than poll. Everything received is kept, so a wait
 * also sees events that arrived before it was called.
 */
export class PlatformEventStream {
  readonly #received = new BufferedWaiter<PlatformEvent>();
  readonly #abort = new AbortController();

  private constructor() {}

  /** Opens `GET /__mock/events` (replaying from `since` when given) and resolves once connected. */
  static async open(baseUrl: string, adminToken: string, since?: number): Promise<PlatformEventStream> {
    const stream = new PlatformEventStream();
    const query = since === undefined ? "" : `?since=${since}`;
    const response = await fetch(`${baseUrl}/__mock/events${query}`, {
      headers: { Authorization: `Bearer ${adminToken}`, Accept: "text/event-stream" },
      signal: stream.#abort.signal,
    });
    if (response.status !== 200 || !response.body) {
      throw new Error(`[e2e] ${baseUrl}/__mock/events answered ${response.status}: ${await response.text()}`);
    }
    void stream.#read(response.body);
    return stream;
  }

  /** Every event received so far, oldest first. */
  get received(): readonly PlatformEvent[] {
    return this.#received.items;
  }

  /** Resolves with the first received event matching `predicate`; rejects after `timeoutMs`. */
  waitFor(
    predicate: (event: PlatformEvent) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<PlatformEvent> {
    return this.#received.waitFor(predicate, timeoutMs, what);
  }

  /** Waits for the workspace's status to change to `status`. */
  waitForStatus(workspaceId: string, status: string, timeoutMs = 60_000): Promise<PlatformEvent> {
    return this.waitFor(
      (e) => e.type === "STATUS_CHANGED" && e.workspaceId === workspaceId && e.data.to === status,
      timeoutMs,
      `workspace ${workspaceId} to become ${status}`,
    );
  }

  /** Ends the subscription. */
  close(): void {
    this.#abort.abort();
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let boundary = buffer.indexOf("\n\n");
        while (boundary >= 0) {
          this.#accept(buffer.slice(0, boundary));
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf("\n\n");
        }
      }
      this.#received.fail(new Error("[e2e] the platform closed its event stream"));
    } catch (error) {
      this.#received.fail(
        this.#abort.signal.aborted ? new Error("[e2e] event stream closed") : (error as Error),
      );
    }
  }

  #accept(frame: string): void {
    const data = frame
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).trimStart())
      .join("\n");
    if (!data) return;
    this.#received.push(JSON.parse(data) as PlatformEvent);
  }
}
