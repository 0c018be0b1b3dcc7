import { harnessTags } from "@molecule-ctk/image-builder";
import { describe, expect, it } from "vitest";
import { ImageResolutionError } from "./errors.js";
import { localImageOptionsFromEnv, resolveLocalImage, validateImageIsolation } from "./image-resolution.js";

describe("validateImageIsolation", () => {
  it("accepts a token matching the pattern, up to 48 chars", () => {
    expect(validateImageIsolation("e2e-123-1-lifestub")).toBe("e2e-123-1-lifestub");
    expect(validateImageIsolation("a".repeat(48))).toBe("a".repeat(48));
    expect(validateImageIsolation("0_run.v2")).toBe("0_run.v2");
  });

  it("treats unset and empty as no isolation", () => {
    expect(validateImageIsolation(undefined)).toBeUndefined();
    expect(validateImageIsolation("")).toBeUndefined();
  });

  it.each([
    ["a".repeat(49)],
    ["Upper"],
    ["-leading-dash"],
    [".leading-dot"],
    ["has space"],
    ["slash/inside"],
    ["colon:inside"],
  ])("throws an error naming the invalid value %j", (value) => {
    expect(() => validateImageIsolation(value)).toThrow(ImageResolutionError);
    expect(() => validateImageIsolation(value)).toThrow(JSON.stringify(value));
  });
});

describe("resolveLocalImage", () => {
  it("gives :latest without a sha or pin, plus the isolation suffix", () => {
    expect(resolveLocalImage({ runtime: "claude-code" })).toBe(
      "molecule-local/workspace-template-claude-code:latest",
    );
    expect(resolveLocalImage({ runtime: "claude-code", isolation: "e2e-7-1-lifestub" })).toBe(
      "molecule-local/workspace-template-claude-code:latest--e2e-7-1-lifestub",
    );
  });

  it("gives <sha12>-<arch><suffix> given a sha", () => {
    expect(
      resolveLocalImage({ runtime: "langgraph", sha12: "0123456789ab", hostArch: "x64", isolation: "iso" }),
    ).toBe("molecule-local/workspace-template-langgraph:0123456789ab-amd64--iso");
    expect(
      resolveLocalImage({ runtime: "langgraph", sha12: "0123456789ab", imagePlatform: "linux/arm64" }),
    ).toBe("molecule-local/workspace-template-langgraph:0123456789ab-arm64");
  });

  it("computes the same tags image-builder tags for the harness", () => {
    for (const isolation of [undefined, "e2e-42-1-lifestub"]) {
      const tags = harnessTags({ sha12: "0123456789ab", arch: "amd64", isolation });
      const options = { runtime: "claude-code", isolation, imagePlatform: "linux/amd64" };
      expect(resolveLocalImage({ ...options, sha12: "0123456789ab" })).toBe(tags.cacheTag);
      expect(resolveLocalImage(options)).toBe(tags.latestTag);
      expect(resolveLocalImage({ ...options, cacheTag: tags.cacheTag })).toBe(tags.cacheTag);
    }
  });

  it("uses the tag of a pinned CACHE_TAG as the harness computed it", () => {
    const cacheTag = "molecule-local/workspace-template-claude-code:0123456789ab-amd64--iso";
    expect(
      resolveLocalImage({ runtime: "claude-code", cacheTag, isolation: "iso", sha12: "ffffffffffff" }),
    ).toBe(cacheTag);
    expect(resolveLocalImage({ runtime: "hermes", cacheTag: "0123456789ab-arm64" })).toBe(
      "molecule-local/workspace-template-hermes:0123456789ab-arm64",
    );
  });

  it("rejects a pinned reference outside the local template repositories", () => {
    expect(() => resolveLocalImage({ runtime: "claude-code", cacheTag: "ghcr.io/x/y:latest" })).toThrow(
      /CACHE_TAG "ghcr.io\/x\/y:latest"/,
    );
  });

  it("rejects a bad runtime, sha, platform or isolation", () => {
    expect(() => resolveLocalImage({ runtime: "Claude Code" })).toThrow(ImageResolutionError);
    expect(() => resolveLocalImage({ runtime: "Claude Code" })).toThrow(/runtime: "Claude Code"/);
    expect(() => resolveLocalImage({ runtime: "x", sha12: "0123" })).toThrow(/sha12: "0123"/);
    expect(() =>
      resolveLocalImage({ runtime: "x", sha12: "0123456789ab", imagePlatform: "linux/arm64/v8" }),
    ).toThrow(/arch: "arm64\/v8"/);
    expect(() => resolveLocalImage({ runtime: "x", isolation: "BAD" })).toThrow(/"BAD"/);
    expect(() => resolveLocalImage({ runtime: "x", cacheTag: "bad tag" })).toThrow(/CACHE_TAG "bad tag"/);
  });

  it("accepts every runtime name Docker accepts in a repository, my_rt included", () => {
    for (const runtime of ["claude-code", "my_rt", "rt.v2", "gemini-cli"]) {
      expect(resolveLocalImage({ runtime })).toBe(`molecule-local/workspace-template-${runtime}:latest`);
    }
  });
});

describe("localImageOptionsFromEnv", () => {
  it("reads the harness variables and ignores empty ones", () => {
    expect(
      localImageOptionsFromEnv({
        CACHE_TAG: "molecule-local/workspace-template-claude-code:abc",
        MOLECULE_LOCAL_IMAGE_ISOLATION: "run-1",
        MOLECULE_IMAGE_PLATFORM: "",
      }),
    ).toEqual({ cacheTag: "molecule-local/workspace-template-claude-code:abc", isolation: "run-1" });
  });

  it("fails hard on an invalid isolation token", () => {
    expect(() => localImageOptionsFromEnv({ MOLECULE_LOCAL_IMAGE_ISOLATION: "bad token" })).toThrow(
      /MOLECULE_LOCAL_IMAGE_ISOLATION: "bad token" must start with/,
    );
  });
});
