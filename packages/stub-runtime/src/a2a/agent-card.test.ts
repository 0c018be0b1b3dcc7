import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STUB_RUNTIME_VERSION } from "./agent-card.js";

// The constant cannot import package.json (it sits outside src/, the build's rootDir), so this
// test keeps the two in step.
describe("STUB_RUNTIME_VERSION", () => {
  it("is the package's version", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(STUB_RUNTIME_VERSION).toBe(manifest.version);
  });
});
