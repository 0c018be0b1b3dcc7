import { describe, expect, it } from "vitest";
import { HarnessTagError, harnessTags } from "./harness-tags.js";

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

  it("tags any runtime Docker accepts in a repository name, my_rt included", () => {
    expect(harnessTags({ sha12: "0123456789ab", arch: "amd64", runtime: "my_rt" }).latestTag).toBe(
      "molecule-local/workspace-template-my_rt:latest",
    );
  });

  it.each(["0123456789a", "0123456789abc", "0123456789AB", "zzzzzzzzzzzz"])("rejects sha12 %j", (sha12) => {
    expect(() => harnessTags({ sha12, arch: "amd64" })).toThrow(HarnessTagError);
    expect(() => harnessTags({ sha12, arch: "amd64" })).toThrow(/sha12: .* is not 12 lower-case hex digits/);
  });

  it.each(["", "AMD64", "linux/amd64", "x 86"])("rejects arch %j", (arch) => {
    expect(() => harnessTags({ sha12: "0123456789ab", arch })).toThrow(/arch: .* is not a Go arch name/);
  });

  it.each(["", "-lead", "Upper", "sl/ash", "a".repeat(49)])(
    "rejects isolation %j like the platform does",
    (isolation) => {
      expect(() => harnessTags({ sha12: "0123456789ab", arch: "amd64", isolation })).toThrow(
        /^\[image-builder\] local image tag: isolation: /,
      );
    },
  );

  it.each(["Claude Code", "a..b", "trail-"])("rejects runtime %j", (runtime) => {
    expect(() => harnessTags({ sha12: "0123456789ab", arch: "amd64", runtime })).toThrow(/runtime: /);
  });
});
