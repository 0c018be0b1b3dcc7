import { describe, expect, it } from "vitest";
import { PlatformEvents } from "../context/platform-events.js";
import { EventStreamHub, SlowSubscriberError, toSse } from "./event-stream-hub.js";

// Issue 15 (reliability): every buffer a server keeps has a bound. The upstream platform's SSE
// broadcaster drops a subscriber whose channel is full (events/broadcaster.go); the mock bounds bytes.
const hub = (maxSubscribers: number, maxBufferedBytes: number) => {
  const events = new PlatformEvents();
  return { events, streams: new EventStreamHub(events, { maxSubscribers, maxBufferedBytes }) };
};

const emitMany = (events: PlatformEvents, n: number) => {
  for (let i = 0; i < n; i++) events.emit("WORKSPACE_HEARTBEAT", "w", { pad: "x".repeat(200) });
};

describe("EventStreamHub", () => {
  it("refuses a subscriber past the cap, and a cancelled one frees its slot", async () => {
    const { streams } = hub(2, 64 * 1024);
    const a = streams.open()!;
    expect(streams.open()).toBeDefined();
    expect(streams.open()).toBeUndefined();
    expect(streams.size).toBe(2);
    await a.cancel();
    expect(streams.size).toBe(1);
    expect(streams.open()).toBeDefined();
  });

  it("drops a reader that leaves more than its byte bound unread, and frees its buffer", async () => {
    const { events, streams } = hub(4, 16 * 1024);
    const stream = streams.open()!;
    emitMany(events, 200); // ~60 KB of events, never read
    expect(streams.size).toBe(0);
    const reader = stream.getReader();
    await expect(reader.read()).rejects.toBeInstanceOf(SlowSubscriberError);
  });

  it("keeps a reader that keeps up, however many bytes pass through it", async () => {
    const { events, streams } = hub(4, 16 * 1024);
    const reader = streams.open()!.getReader();
    let sent = ": connected\n\n".length;
    events.on((event) => {
      sent += toSse(event).byteLength;
    });
    let read = 0;
    for (let round = 0; round < 20; round++) {
      emitMany(events, 20); // ~7 KB a round, under the bound; the reader then catches up
      while (read < sent) read += (await reader.read()).value!.byteLength;
    }
    expect(read).toBeGreaterThan(16 * 1024 * 5);
    expect(streams.size).toBe(1);
    await reader.cancel();
  });
});
