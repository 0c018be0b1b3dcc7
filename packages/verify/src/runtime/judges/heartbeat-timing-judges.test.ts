import { describe, expect, it } from "vitest";
import { judgeCadence, judgeFirstBeat } from "./heartbeat-timing-judges.js";

describe("judgeCadence", () => {
  it("passes beats no further apart than the bound, up to the window's end", () => {
    expect(judgeCadence([0, 1_000, 2_100, 3_000], { start: 0, end: 3_500 }, 1_000, 2_000).status).toBe(
      "pass",
    );
  });

  it("fails a gap between beats, or since the last one, longer than the bound", () => {
    const gap = judgeCadence([0, 1_000, 3_500], { start: 0, end: 4_000 }, 1_000, 2_000);
    expect(gap).toMatchObject({ status: "fail", detail: expect.stringMatching(/a gap of 2\.5 s/) });
    expect(judgeCadence([0, 1_000], { start: 0, end: 3_500 }, 1_000, 2_000).status).toBe("fail");
  });

  it("fails fewer than two beats", () => {
    expect(judgeCadence([0], { start: 0, end: 500 }, 1_000, 2_000).detail).toMatch(
      /^1 heartbeat\(s\) in 0\.5 s/,
    );
  });
});

describe("judgeFirstBeat", () => {
  it("passes a first beat at once, before or just after the first register", () => {
    expect(judgeFirstBeat(1_000, 900, 5_000, 2_000).status).toBe("pass");
    expect(judgeFirstBeat(1_000, 2_500, 5_000, 2_000).status).toBe("pass");
    expect(judgeFirstBeat(undefined, 2_500, 5_000, 2_000).status).toBe("pass");
  });

  it("fails a first beat held back past the bound, or none at all", () => {
    expect(judgeFirstBeat(1_000, 5_000, 6_000, 2_000).detail).toMatch(/4\.0 s after the first register/);
    expect(judgeFirstBeat(1_000, undefined, 6_000, 2_000).detail).toMatch(/no heartbeat in 6\.0 s.*#1784/);
  });
});
