import { describe, expect, it } from "vitest";
import { PlatformMemory } from "./platform-memory.js";

describe("PlatformMemory", () => {
  it("sees nothing amiss while beats carry the registered secret and a steady generation", () => {
    const memory = new PlatformMemory();
    memory.registered({ platform_inbound_secret: "s1" });
    expect(memory.forgotten({ generation: 0, platform_inbound_secret: "s1" })).toBeUndefined();
    expect(memory.forgotten({ generation: 3, platform_inbound_secret: "s1" })).toBeUndefined();
    expect(memory.forgotten({ generation: 3 })).toBeUndefined(); // an older platform sends no secret
  });

  it("tells when a beat answers with another inbound secret", () => {
    const memory = new PlatformMemory();
    memory.registered({ platform_inbound_secret: "s1" });
    expect(memory.forgotten({ generation: 0, platform_inbound_secret: "other" })).toMatch(
      /another inbound secret/,
    );
  });

  it("tells when the generation goes back, and counts afresh after a register", () => {
    const memory = new PlatformMemory();
    expect(memory.forgotten({ generation: 4 })).toBeUndefined();
    expect(memory.forgotten({ generation: 0 })).toBe("its generation went back from 4 to 0");
    memory.registered({ platform_inbound_secret: "s2" });
    expect(memory.forgotten({ generation: 0, platform_inbound_secret: "s2" })).toBeUndefined();
  });

  it("adopts the secret of the first beat when no register has answered yet", () => {
    const memory = new PlatformMemory();
    expect(memory.forgotten({ generation: 0, platform_inbound_secret: "s1" })).toBeUndefined();
    expect(memory.forgotten({ generation: 0, platform_inbound_secret: "s9" })).toMatch(
      /another inbound secret/,
    );
  });
});
