import { describe, expect, it } from "vitest";
import { BoundedLog } from "./bounded-log.js";

describe("BoundedLog", () => {
  it("keeps the newest `maxEntries` entries, in order, across many compactions", () => {
    const log = new BoundedLog<number>(7, Number.MAX_SAFE_INTEGER);
    for (let i = 0; i < 10_000; i++) {
      log.push(i, 1);
      const kept = log.filter(() => true);
      expect(kept).toEqual(Array.from({ length: Math.min(i + 1, 7) }, (_, k) => i - Math.min(i, 6) + k));
    }
    expect(log.length).toBe(7);
    expect(log.size).toBe(7);
  });

  it("drops the oldest entries until the total size fits, and counts only what it keeps", () => {
    const log = new BoundedLog<string>(100, 10);
    for (const [entry, size] of [
      ["a", 4],
      ["b", 4],
      ["c", 4],
      ["d", 1],
    ] as const)
      log.push(entry, size);
    expect(log.filter(() => true)).toEqual(["b", "c", "d"]);
    expect(log.size).toBe(9);
  });

  it("keeps the newest entry however large, and drops it once a newer one comes", () => {
    const log = new BoundedLog<string>(100, 10);
    log.push("small", 1);
    log.push("huge", 50);
    expect(log.filter(() => true)).toEqual(["huge"]);
    log.push("next", 1);
    expect(log.filter(() => true)).toEqual(["next"]);
    expect(log.size).toBe(1);
  });

  it("filters oldest first and forgets everything on clear", () => {
    const log = new BoundedLog<number>(5, 100);
    for (let i = 0; i < 12; i++) log.push(i, 1);
    expect(log.filter((n) => n % 2 === 0)).toEqual([8, 10]);
    log.clear();
    expect([log.length, log.size, log.filter(() => true)]).toEqual([0, 0, []]);
    log.push(99, 1);
    expect(log.filter(() => true)).toEqual([99]);
  });
});
