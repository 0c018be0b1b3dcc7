import { describe, expect, it } from "vitest";
import { type HeartbeatFacts, heartbeatSteps } from "./status-machine.js";

const clear: HeartbeatFacts = {
  kind: "workspace",
  errorRate: 0,
  runtimeState: "",
  statusMgmt: false,
  recentRegisterFailure: false,
  mcpLoaded: true,
  platformReady: false,
};

describe("heartbeatSteps", () => {
  it.each(["provisioning", "offline", "awaiting_agent", "failed"] as const)(
    "lifts %s to online",
    (status) => {
      expect(heartbeatSteps(status, clear)).toEqual([{ to: "online", cause: "heartbeat" }]);
    },
  );

  it.each(["removed", "paused", "hibernated", "hibernating"] as const)("leaves %s alone", (status) => {
    expect(heartbeatSteps(status, { ...clear, runtimeState: "wedged" })).toEqual([]);
  });

  it("lifts then degrades in one beat when a register failure is recent", () => {
    expect(heartbeatSteps("provisioning", { ...clear, recentRegisterFailure: true })).toEqual([
      { to: "online", cause: "heartbeat" },
      { to: "degraded", cause: "register_failure" },
    ]);
  });

  it("degrades at error_rate 0.5 but not at 0.49, and not under status_mgmt", () => {
    expect(heartbeatSteps("online", { ...clear, errorRate: 0.5 })).toEqual([
      { to: "degraded", cause: "error_rate" },
    ]);
    expect(heartbeatSteps("online", { ...clear, errorRate: 0.49 })).toEqual([]);
    expect(heartbeatSteps("online", { ...clear, errorRate: 0.9, statusMgmt: true })).toEqual([]);
  });

  it("recovers degraded only when every condition is clear", () => {
    expect(heartbeatSteps("degraded", clear)).toEqual([{ to: "online", cause: "recovered" }]);
    expect(heartbeatSteps("degraded", { ...clear, errorRate: 0.1 })).toEqual([]);
    expect(heartbeatSteps("degraded", { ...clear, mcpLoaded: false })).toEqual([]);
    expect(heartbeatSteps("degraded", { ...clear, recentRegisterFailure: true })).toEqual([]);
    expect(heartbeatSteps("degraded", { ...clear, statusMgmt: true })).toEqual([]);
  });

  it("keeps a platform row provisioning until its ready signal", () => {
    expect(heartbeatSteps("provisioning", { ...clear, kind: "platform" })).toEqual([]);
    expect(heartbeatSteps("provisioning", { ...clear, kind: "platform", platformReady: true })).toEqual([
      { to: "online", cause: "platform_ready" },
    ]);
  });
});
