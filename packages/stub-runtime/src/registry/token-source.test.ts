import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeConfigDir } from "../stub-runtime-test-utils.js";
import { TokenSource } from "./token-source.js";

let dir: Awaited<ReturnType<typeof makeConfigDir>>;
let tokens: TokenSource;

beforeEach(async () => {
  dir = await makeConfigDir();
  tokens = new TokenSource(`${dir.path}/.auth_token`);
});
afterEach(() => dir.remove());

describe("TokenSource", () => {
  it("sends no bearer without a volume file or a captured token", async () => {
    expect(await tokens.current()).toEqual({ token: undefined, origin: "none" });
  });

  it("prefers the trimmed volume token over a captured one", async () => {
    await dir.writeToken("volume-token");
    tokens.capture("captured-token");
    expect(await tokens.current()).toEqual({ token: "volume-token", origin: "volume" });
  });

  it("falls back to the captured token when the file is empty", async () => {
    await dir.writeToken("   ");
    tokens.capture("captured-token");
    expect(await tokens.current()).toEqual({ token: "captured-token", origin: "captured" });
  });

  it("skips a rejected volume token while a captured one exists, until the file changes", async () => {
    await dir.writeToken("old");
    tokens.capture("captured");
    tokens.rejected(await tokens.current());
    expect(await tokens.current()).toEqual({ token: "captured", origin: "captured" });
    expect(await tokens.current()).toEqual({ token: "captured", origin: "captured" });
    await dir.writeToken("rotated");
    expect(await tokens.current()).toEqual({ token: "rotated", origin: "volume" });
  });

  it("keeps sending a rejected volume token when nothing else is known", async () => {
    await dir.writeToken("only");
    tokens.rejected(await tokens.current());
    expect(await tokens.current()).toEqual({ token: "only", origin: "volume" });
  });

  it("ignores a 401 for a captured token", async () => {
    await dir.writeToken("volume");
    tokens.rejected({ token: "captured", origin: "captured" });
    expect(await tokens.current()).toEqual({ token: "volume", origin: "volume" });
  });
});
