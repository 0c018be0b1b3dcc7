import type { PlatformEvent, PlatformEvents } from "../context/platform-events.js";

const encoder = new TextEncoder();

/** One platform event as a server-sent event: `id`, `event` (its type) and `data` (the JSON event). */
export function toSse(event: PlatformEvent): Uint8Array {
  return encoder.encode(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** Bounds of the event streams: how many may be open, and how many bytes each may hold unread. */
export interface EventStreamLimits {
  maxSubscribers: number;
  maxBufferedBytes: number;
}

export const DEFAULT_EVENT_STREAM_LIMITS: EventStreamLimits = {
  maxSubscribers: 64,
  maxBufferedBytes: 1024 * 1024,
};

/** Why a stream ended from the platform's side (a reader that cancels ends it too). */
export class SlowSubscriberError extends Error {
  constructor(maxBufferedBytes: number) {
    super(`[mock-platform] event stream dropped: its reader left ${maxBufferedBytes} bytes unread`);
    this.name = "SlowSubscriberError";
  }
}

/**
 * Open SSE streams of platform events, bounded: at most `maxSubscribers` at once (`open` refuses
 * more), each holding at most `maxBufferedBytes` its reader has not taken; a reader that falls
 * further behind is dropped (its stream errors and its buffer is freed), not buffered forever. A
 * reader that cancels, or whose connection closes, is removed at once. Closing the hub ends them all.
 */
export class EventStreamHub {
  readonly #closers = new Set<() => void>();

  constructor(
    private readonly events: PlatformEvents,
    private readonly limits: EventStreamLimits = DEFAULT_EVENT_STREAM_LIMITS,
  ) {}

  /** Streams open now. */
  get size(): number {
    return this.#closers.size;
  }

  /** A stream replaying the history after `since` (if given), then every new event; undefined when full. */
  open(since?: number): ReadableStream<Uint8Array> | undefined {
    if (this.#closers.size >= this.limits.maxSubscribers) return undefined;
    const { maxBufferedBytes } = this.limits;
    let close = () => {};
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          let ended = false;
          const end = (error?: Error) => {
            if (ended) return;
            ended = true;
            off();
            this.#closers.delete(close);
            try {
              if (error) controller.error(error);
              else controller.close();
            } catch {
              // already closed by the reader
            }
          };
          const push = (chunk: Uint8Array) => {
            if (ended) return;
            // desiredSize is the room left under the byte bound; an unread backlog past it drops the reader.
            if ((controller.desiredSize ?? 0) < chunk.byteLength)
              end(new SlowSubscriberError(maxBufferedBytes));
            else controller.enqueue(chunk);
          };
          const off = this.events.on((event) => push(toSse(event)));
          close = () => end();
          this.#closers.add(close);
          push(encoder.encode(": connected\n\n"));
          if (since !== undefined) for (const event of this.events.history(since)) push(toSse(event));
        },
        cancel: () => close(),
      },
      { highWaterMark: maxBufferedBytes, size: (chunk) => chunk.byteLength },
    );
    return stream;
  }

  closeAll(): void {
    for (const close of [...this.#closers]) close();
  }
}
