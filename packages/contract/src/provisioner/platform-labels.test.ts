import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PlatformLabels, platformInstanceLabel } from "./platform-labels.js";

describe("platform labels", () => {
  it("are upstream's two keys", () => {
    expect(PlatformLabels).toEqual({
      managed: "molecule.platform.managed",
      instance: "molecule.platform.instance",
    });
  });

  it("derive the instance label from sha256(DATABASE_URL), or default", () => {
    const url = "postgres://dev:dev@127.0.0.1:5432/molecule";
    const label = platformInstanceLabel(url);
    expect(label).toMatch(/^[0-9a-f]{16}$/);
    expect(createHash("sha256").update(url).digest("hex").startsWith(label)).toBe(true);
    expect(platformInstanceLabel(undefined)).toBe("default");
    expect(platformInstanceLabel("")).toBe("default");
  });
});
