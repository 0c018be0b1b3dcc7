import { describe, expect, it } from "vitest";
import { MockPlatformOptionError } from "../mock-platform-error.js";
import { FaultInjector, MAX_FAULTS } from "./fault-injector.js";

describe("FaultInjector", () => {
  it("refuses a fault past MAX_FAULTS active ones, with a message saying how to make room", () => {
    const faults = new FaultInjector();
    for (let i = 0; i < MAX_FAULTS; i++) faults.add({ path: `/p/${i}`, status: 500 });
    expect(() => faults.add({ path: "/one-more", status: 500 })).toThrow(MockPlatformOptionError);
    expect(() => faults.add({ path: "/one-more", status: 500 })).toThrow(/faults are active: remove some/);
    expect(faults.list()).toHaveLength(MAX_FAULTS);
  });

  it("takes a fault again once an expired one made room", () => {
    const faults = new FaultInjector();
    for (let i = 0; i < MAX_FAULTS; i++) faults.add({ path: `/p/${i}`, status: 500, times: 1 });
    faults.take("GET", "/p/0", "/p/0");
    expect(faults.add({ path: "/one-more", status: 500 }).path).toBe("/one-more");
  });
});
