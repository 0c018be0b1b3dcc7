import type { PlatformEvent, PlatformEvents } from "../context/platform-events.js";

const encoder = new TextEncoder();

/** One platform event as a server-sent event: `id`, `event` (its type) and `data` (the JSON event). */
export function toSse(event: PlatformEvent): Uint8Array {
  return encoder.encode(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** Open SSE streams of platform events; closing the hub ends them all (so a server can close). */
export class EventStreamHub {
  readonly #closers = new Set<() => void>();

  constructor(private readonly events: PlatformEvents) {}

  /** A stream replaying the history after `since` (if given), then every new event. */
  open(since?: number): ReadableStream<Uint8Array> {
    let close = () => {};
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(encoder.encode(": connected\n\n"));
        if (since !== undefined)
          for (const event of this.events.history(since)) controller.enqueue(toSse(event));
        const off = this.events.on((event) => controller.enqueue(toSse(event)));
        close = () => {
          off();
          this.#closers.delete(close);
          try {
            controller.close();
          } catch {
            // already closed by the reader
          }
        };
        this.#closers.add(close);
      },
      cancel: () => close(),
    });
  }

  closeAll(): void {
    for (const close of [...this.#closers]) close();
  }
}
