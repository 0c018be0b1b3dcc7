import type { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { planAgentHost } from "./agent-host.js";

type Interfaces = ReturnType<typeof networkInterfaces>;
const nic = (address: string, internal = false) => ({
  address,
  family: address.includes(":") ? "IPv6" : "IPv4",
  internal,
  netmask: "",
  mac: "",
  cidr: null,
});
const interfaces = {
  lo: [nic("127.0.0.1", true)],
  eth0: [nic("192.0.2.2"), nic("fd00::2")],
  docker0: [nic("172.17.0.1")],
} as unknown as Interfaces;

describe("planAgentHost", () => {
  it("dispatches to localhost in development mode, listening on loopback only", () => {
    expect(planAgentHost("development", undefined, interfaces)).toEqual({
      bind: ["127.0.0.1"],
      dispatch: { host: "localhost" },
    });
  });

  it("dispatches to a private address of this machine in saas mode, IPv4 first, never a TEST-NET or loopback one", () => {
    expect(planAgentHost("saas", undefined, interfaces)).toEqual({
      bind: ["127.0.0.1", "172.17.0.1"],
      dispatch: { host: "172.17.0.1" },
    });
    const v6Only = { lo: interfaces.lo, eth0: interfaces.eth0 } as Interfaces;
    expect(planAgentHost("saas", undefined, v6Only).dispatch).toEqual({ host: "fd00::2" });
    const none = planAgentHost("saas", undefined, { lo: interfaces.lo } as Interfaces);
    expect(none.dispatch).toEqual({ reason: expect.stringContaining("no RFC-1918 or fd00::/8 address") });
  });

  it("has no dispatch host in self-hosted mode unless one is given", () => {
    expect(planAgentHost("self-hosted", undefined, interfaces).dispatch).toEqual({
      reason: expect.stringContaining("public addresses only"),
    });
    expect(planAgentHost("self-hosted", "203.0.113.9", interfaces)).toEqual({
      bind: ["127.0.0.1", "203.0.113.9"],
      dispatch: { host: "203.0.113.9" },
    });
    expect(planAgentHost("development", "host.example", interfaces).bind).toEqual(["127.0.0.1", "0.0.0.0"]);
  });
});
