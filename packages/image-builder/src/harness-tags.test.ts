import { describe, expect, it } from "vitest";
import { HarnessTagError, harnessTags, validateIsolation } from "./harness-tags.js";

describe("harnessTags", () => {
  it("computes the cache and latest tags the harness computes", () => {
    expect(harnessTags({ sha12: "0123456789ab", arch: "amd64" })).toEqual({
      cacheTag: "molecule-local/workspace-template-claude-code:0123456789ab-amd64",
      latestTag: "molecule-local/workspace-template-claude-code:latest",
    });
  });

  it("appends --<isolation> to both tags", () => {
    const tags = harnessTags({ sha12: "0123456789ab", arch: "arm64", isolation: "e2e-42-1-lifestub" });
    expect(tags.cacheTag).toBe(
      "molecule-local/workspace-template-claude-code:0123456789ab-arm64--e2e-42-1-lifestub",
    );
    expect(tags.latestTag).toBe("molecule-local/workspace-template-claude-code:latest--e2e-42-1-lifestub");
  });

  it.each(["0123456789a", "0123456789abc", "0123456789AB", "zzzzzzzzzzzz"])("rejects sha12 %j", (sha12) => {
    expect(() => harnessTags({ sha12, arch: "amd64" })).toThrow(/--sha12/);
  });

  it.each(["", "AMD64", "linux/amd64", "x 86"])("rejects arch %j", (arch) => {
    expect(() => harnessTags({ sha12: "0123456789ab", arch })).toThrow(/--arch/);
  });
});

describe("validateIsolation", () => {
  it.each(["a", "e2e-1-2-lifestub", "run_7.x", "0abc", "a".repeat(48)])("accepts %j", (value) => {
    expect(validateIsolation(value)).toBe(value);
  });

  it.each(["", "-lead", ".lead", "_lead", "Upper", "has space", "sl/ash", "colon:x", "a".repeat(49)])(
    "rejects %j like the platform does",
    (value) => {
      expect(() => validateIsolation(value)).toThrow(HarnessTagError);
      expect(() => validateIsolation(value)).toThrow(/at most 48 characters/);
    },
  );
});
