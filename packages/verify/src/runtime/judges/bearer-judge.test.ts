import { describe, expect, it } from "vitest";
import { judgeVolumeBearers, type VolumeToken, volumeTokensAt } from "./bearer-judge.js";
import { observed } from "./judges-test-utils.js";

const tokens: VolumeToken[] = [
  { at: 1_000, hash12: "aaaaaaaaaaaa", label: "the token of provision 1" },
  { at: 5_000, hash12: "bbbbbbbbbbbb", label: "the token rotated in place (rotation 1)" },
];
const bearer = (hash12: string) => ({ kind: "token" as const, hash12 });

describe("judgeVolumeBearers", () => {
  it("knows which token the volume held when, and the previous one for the grace after a switch", () => {
    expect(volumeTokensAt(tokens, 999, 500)).toEqual({ current: undefined, previous: undefined });
    expect(volumeTokensAt(tokens, 5_200, 500).previous?.hash12).toBe("aaaaaaaaaaaa");
    expect(volumeTokensAt(tokens, 5_600, 500).previous).toBeUndefined();
  });

  it("passes calls that carried the token the volume held, the previous one within the grace", () => {
    const calls = [
      observed({ at: 2_000, bearer: bearer("aaaaaaaaaaaa") }),
      observed({ at: 5_300, bearer: bearer("aaaaaaaaaaaa") }),
      observed({ at: 6_000, bearer: bearer("bbbbbbbbbbbb") }),
    ];
    expect(judgeVolumeBearers("heartbeat", calls, tokens, 500).status).toBe("pass");
  });

  it("fails a stale token past the grace, a missing bearer and a malformed one, each with its fix", () => {
    const stale = judgeVolumeBearers(
      "heartbeat",
      [observed({ index: 7, at: 6_000, bearer: bearer("aaaaaaaaaaaa") })],
      tokens,
      500,
    );
    expect(stale.detail).toMatch(
      /heartbeat #7 carried the token of provision 1 while \.auth_token held the token rotated/,
    );
    expect(stale.detail).toMatch(/#1877/);
    const none = judgeVolumeBearers("register", [observed({ at: 2_000 })], tokens, 500);
    expect(none).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/no Authorization header.*#215/),
    });
    const malformed = judgeVolumeBearers(
      "register",
      [observed({ at: 2_000, bearer: { kind: "malformed" } })],
      tokens,
      500,
    );
    expect(malformed.detail).toMatch(/exactly "Bearer "/);
    const foreign = judgeVolumeBearers(
      "register",
      [observed({ at: 2_000, bearer: bearer("cccccccccccc") })],
      tokens,
      500,
    );
    expect(foreign.detail).toMatch(/a token that was never in the config volume/);
  });

  it("skips when no call arrived", () => {
    expect(judgeVolumeBearers("register", [], tokens, 500).status).toBe("skip");
  });
});
