import { describe, expect, it } from "vitest";
import { PlatformEvents } from "./platform-events.js";

describe("PlatformEvents history", () => {
  it("keeps at most `events` events, the newest", () => {
    const events = new PlatformEvents({ events: 3, chars: 1_000_000 });
    for (let i = 0; i < 5; i++) events.emit("WORKSPACE_HEARTBEAT", `w${i}`);
    expect(events.history().map((e) => e.workspaceId)).toEqual(["w2", "w3", "w4"]);
  });

  it("keeps at most `chars` characters of payload JSON in all, the newest", () => {
    const card = (c: string) => ({ agent_card: { name: c.repeat(100) } });
    const size = JSON.stringify(card("a")).length;
    const events = new PlatformEvents({ events: 2000, chars: 3 * size });
    for (const c of "abcdefg") events.emit("AGENT_CARD_UPDATED", c, card(c));
    expect(events.history().map((e) => e.workspaceId)).toEqual(["e", "f", "g"]);
  });

  it("keeps the newest event even when its payload alone is over `chars`", () => {
    const events = new PlatformEvents({ events: 2000, chars: 10 });
    events.emit("AGENT_CARD_UPDATED", "big", { agent_card: { name: "n".repeat(100) } });
    expect(events.history()).toHaveLength(1);
    expect(events.cursor()).toBe(1);
  });
});
