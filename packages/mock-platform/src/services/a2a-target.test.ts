import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PlatformContext } from "../context/platform-context.js";
import { PlatformEvents } from "../context/platform-events.js";
import { PlatformLog } from "../context/platform-log.js";
import { TimerSet } from "../context/timer-set.js";
import { createMockPlatform } from "../create-mock-platform.js";
import type { MockPlatformOptions } from "../options.js";
import { InMemoryProvisioner } from "../provisioner/in-memory-provisioner.js";
import { newWorkspaceRecord } from "../state/workspace-record.js";
import { resolveA2ATarget } from "./a2a-target.js";

function context(options: MockPlatformOptions): PlatformContext {
  const platform = createMockPlatform({
    deployMode: "development",
    ssrfRetry: { attempts: 3, delayMs: 1 },
    ...options,
  });
  void platform.close();
  return {
    options: platform.options,
    state: platform.state,
    events: new PlatformEvents(),
    log: new PlatformLog(undefined),
    timers: new TimerSet(),
  };
}

const id = randomUUID();
const dockerDns = async (host: string) => {
  if (host === `ws-${id}`) return ["172.18.0.5"];
  if (host === "localhost") return ["127.0.0.1"];
  throw new Error(`ENOTFOUND ${host}`);
};

describe("resolveA2ATarget (contract 7.4)", () => {
  it("rewrites http://127.0.0.1:<port> to http://ws-<id>:8000 when in Docker with a provisioner", async () => {
    const ctx = context({ inDocker: true, provisioner: new InMemoryProvisioner(), resolver: dockerDns });
    const row = newWorkspaceRecord({ id, name: "x", url: "http://127.0.0.1:41000", status: "online" });
    expect(await resolveA2ATarget(ctx, row)).toEqual({ kind: "url", url: `http://ws-${id}:8000` });
  });

  it.each([
    ["a localhost URL", { inDocker: true, provisioner: new InMemoryProvisioner() }, "http://localhost:41000"],
    ["no provisioner", { inDocker: true }, "http://127.0.0.1:41000"],
    ["not in Docker", { inDocker: false, provisioner: new InMemoryProvisioner() }, "http://127.0.0.1:41000"],
  ])("does not rewrite given %s", async (_label, options, url) => {
    const ctx = context({ ...options, resolver: dockerDns });
    const row = newWorkspaceRecord({ id, name: "x", url, status: "online" });
    expect(await resolveA2ATarget(ctx, row)).toEqual({ kind: "url", url });
  });

  it("retries the SSRF check while a docker-DNS name does not resolve yet (core#4548)", async () => {
    let lookups = 0;
    const settling = async (host: string) => {
      lookups++;
      if (lookups < 3) throw new Error(`ENOTFOUND ${host}`);
      return ["172.18.0.5"];
    };
    const ctx = context({ inDocker: true, provisioner: new InMemoryProvisioner(), resolver: settling });
    const row = newWorkspaceRecord({ id, name: "x", url: "http://127.0.0.1:41000", status: "online" });
    expect(await resolveA2ATarget(ctx, row)).toMatchObject({ kind: "url" });
    expect(lookups).toBe(3);
  });

  it("adds the inbound-secret bearer under always-auth", async () => {
    const ctx = context({ a2aAlwaysAuth: true, resolver: dockerDns });
    const row = newWorkspaceRecord({ id, name: "x", url: "http://localhost:1", status: "online" });
    const target = await resolveA2ATarget(ctx, row);
    expect(target).toEqual({ kind: "url", url: "http://localhost:1", bearer: ctx.state.inboundSecret(id) });
  });
});
