import type Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { decideTestcontainersEnvironment, firstAddress, routedHere } from "./testcontainers-environment.js";

// An engine that has only `images` and reports the default bridge as dockerd 20.10 does (no gateway).
function fakeEngine(images: string[], bridge = { Subnet: "172.17.0.0/16" }): Dockerode {
  return {
    getImage: (ref: string) => ({
      inspect: async () => {
        if (!images.includes(ref)) throw Object.assign(new Error("no such image"), { statusCode: 404 });
        return {};
      },
    }),
    getNetwork: () => ({ inspect: async () => ({ IPAM: { Config: [bridge] } }) }),
  } as unknown as Dockerode;
}

describe("decideTestcontainersEnvironment", () => {
  it("disables Ryuk when its image is not on the engine, so nothing is pulled", async () => {
    const env: NodeJS.ProcessEnv = { TESTCONTAINERS_HOST_OVERRIDE: "127.0.0.1" };
    const decision = await decideTestcontainersEnvironment(fakeEngine([]), env);
    expect(decision.ryukDisabled).toBe(true);
    expect(env.TESTCONTAINERS_RYUK_DISABLED).toBe("true");
  });

  it("leaves Ryuk on when its image is there", async () => {
    const { REAPER_IMAGE } = await import("testcontainers/build/reaper/reaper.js");
    const env: NodeJS.ProcessEnv = { TESTCONTAINERS_HOST_OVERRIDE: "127.0.0.1" };
    const decision = await decideTestcontainersEnvironment(fakeEngine([REAPER_IMAGE]), env);
    expect(decision.ryukDisabled).toBe(false);
    expect(env.TESTCONTAINERS_RYUK_DISABLED).toBeUndefined();
  });

  it("never overrides what the user set", async () => {
    const env: NodeJS.ProcessEnv = {
      TESTCONTAINERS_RYUK_DISABLED: "false",
      TESTCONTAINERS_HOST_OVERRIDE: "10.0.0.5",
    };
    const decision = await decideTestcontainersEnvironment(fakeEngine([]), env);
    expect(decision).toEqual({ ryukDisabled: false, hostOverride: undefined });
    expect(env).toEqual({ TESTCONTAINERS_RYUK_DISABLED: "false", TESTCONTAINERS_HOST_OVERRIDE: "10.0.0.5" });
  });

  it("sets no host for a TCP engine, whose host testcontainers reads from DOCKER_HOST", async () => {
    const env: NodeJS.ProcessEnv = {
      DOCKER_HOST: "tcp://10.1.2.3:2375",
      TESTCONTAINERS_RYUK_DISABLED: "true",
    };
    expect((await decideTestcontainersEnvironment(fakeEngine([]), env)).hostOverride).toBeUndefined();
  });

  it("sets no host when the bridge shows its gateway (testcontainers then finds it without a probe)", async () => {
    const env: NodeJS.ProcessEnv = { TESTCONTAINERS_RYUK_DISABLED: "true" };
    const engine = fakeEngine([], { Subnet: "172.17.0.0/16", Gateway: "172.17.0.1" } as { Subnet: string });
    expect((await decideTestcontainersEnvironment(engine, env)).hostOverride).toBeUndefined();
  });
});

describe("routedHere", () => {
  // /proc/net/route as little-endian numbers, already decoded: 172.17.0.0/16 on docker0, a default route.
  const table = [
    { destination: 0xac110000, gateway: 0, mask: 0xffff0000 },
    { destination: 0, gateway: 0xc0000201, mask: 0 },
  ];

  it("finds a directly connected subnet", () => {
    expect(routedHere("172.17.0.0/16", table)).toBe(true);
  });

  it("does not count a subnet reached only through the default gateway", () => {
    expect(routedHere("172.18.0.0/16", table)).toBe(false);
    expect(routedHere("172.17.0.0/24", table)).toBe(false);
  });
});

describe("firstAddress", () => {
  it("is where Docker puts a bridge's gateway by default", () => {
    expect(firstAddress("172.17.0.0/16")).toBe("172.17.0.1");
    expect(firstAddress("192.168.96.0/20")).toBe("192.168.96.1");
  });
});
