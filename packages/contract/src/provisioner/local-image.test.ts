import { describe, expect, it } from "vitest";
import { ContractValidationError } from "../contract-error.js";
import {
  goArch,
  ImageIsolation,
  imageArch,
  LocalImageRuntime,
  localImageRepository,
  localImageTag,
} from "./local-image.js";

describe("LocalImageRuntime", () => {
  it.each([
    "claude-code",
    "codex",
    "hermes",
    "openclaw",
    "langgraph",
    "gemini-cli",
    "my_rt",
    "rt.v2",
    "a__b",
    "a--b",
    "x",
    "0",
  ])("accepts %j, a valid Docker repository component", (runtime) => {
    expect(LocalImageRuntime.safeParse(runtime).success).toBe(true);
    expect(localImageRepository(runtime)).toBe(`molecule-local/workspace-template-${runtime}`);
  });

  it.each([
    "",
    "Claude-Code",
    "claude code",
    "-lead",
    "trail-",
    "_lead",
    "trail_",
    "a..b",
    "a._b",
    "a___b",
    "a/b",
    "../etc",
    "claude-code; rm -rf /",
  ])("rejects %j, which Docker refuses in a repository name", (runtime) => {
    expect(LocalImageRuntime.safeParse(runtime).success).toBe(false);
    expect(() => localImageRepository(runtime)).toThrow(ContractValidationError);
  });
});

describe("ImageIsolation", () => {
  it.each(["a", "e2e-1-2-lifestub", "run_7.x", "0abc", "a".repeat(48)])("accepts %j", (value) => {
    expect(ImageIsolation.parse(value)).toBe(value);
  });

  it.each(["", "-lead", ".lead", "_lead", "Upper", "has space", "sl/ash", "colon:x", "a".repeat(49)])(
    "rejects %j like the platform does (core#5031)",
    (value) => {
      expect(ImageIsolation.safeParse(value).success).toBe(false);
    },
  );
});

describe("localImageTag", () => {
  it("gives the sha-pinned tag given a sha12 and an arch, else the floating latest", () => {
    expect(localImageTag({ runtime: "claude-code", sha12: "0123456789ab", arch: "amd64" })).toBe(
      "molecule-local/workspace-template-claude-code:0123456789ab-amd64",
    );
    expect(localImageTag({ runtime: "claude-code" })).toBe(
      "molecule-local/workspace-template-claude-code:latest",
    );
  });

  it("appends --<isolation> to both forms", () => {
    const isolation = "e2e-42-1-lifestub";
    expect(localImageTag({ runtime: "hermes", sha12: "0123456789ab", arch: "arm64", isolation })).toBe(
      "molecule-local/workspace-template-hermes:0123456789ab-arm64--e2e-42-1-lifestub",
    );
    expect(localImageTag({ runtime: "hermes", isolation })).toBe(
      "molecule-local/workspace-template-hermes:latest--e2e-42-1-lifestub",
    );
  });

  it("names each bad part in one error", () => {
    const bad = () =>
      localImageTag({ runtime: "My RT", sha12: "0123", arch: "linux/amd64", isolation: "BAD" });
    expect(bad).toThrow(ContractValidationError);
    expect(bad).toThrow(/runtime: "My RT" is not a Docker repository name component/);
    expect(bad).toThrow(/sha12: "0123" is not 12 lower-case hex digits/);
    expect(bad).toThrow(/arch: "linux\/amd64" is not a Go arch name/);
    expect(bad).toThrow(/isolation: "BAD" must start with/);
  });

  it("refuses a sha12 without an arch", () => {
    expect(() => localImageTag({ runtime: "codex", sha12: "0123456789ab" })).toThrow(
      /arch: a sha12 tag needs an arch/,
    );
  });
});

describe("arch", () => {
  it("maps Node arch names to Go names", () => {
    expect(goArch("x64")).toBe("amd64");
    expect(goArch("arm64")).toBe("arm64");
    expect(goArch("ia32")).toBe("386");
  });

  it("takes the part of MOLECULE_IMAGE_PLATFORM after the slash, else the host arch", () => {
    expect(imageArch("linux/arm64", "x64")).toBe("arm64");
    expect(imageArch(undefined, "x64")).toBe("amd64");
    expect(imageArch("", "arm64")).toBe("arm64");
  });
});
