import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnStub } from "./main-test-utils.js";
import { TEST_WORKSPACE_ID } from "./stub-runtime-test-utils.js";

// A loopback platform that accepts every register and heartbeat.
let platform: Server;
let platformUrl: string;
beforeEach(async () => {
  platform = createServer((req, res) => {
    req.resume();
    const body =
      req.url === "/registry/register"
        ? { status: "registered", delivery_mode: "push", platform_inbound_secret: "s" }
        : { status: "ok", generation: 1 };
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(body));
  });
  platform.listen(0, "127.0.0.1");
  await once(platform, "listening");
  platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;
});
afterEach(async () => {
  platform.closeAllConnections();
  await new Promise((resolve) => platform.close(resolve));
});

describe("main", { timeout: 30_000 }, () => {
  it("exits 1 with one message naming both variables given no WORKSPACE_ID and no platform URL", async () => {
    const stub = spawnStub({});
    expect(await stub.exited).toBe(1);
    const message = stub.stderr.join("\n");
    expect(message).toContain("WORKSPACE_ID: is required");
    expect(message).toContain("PLATFORM_URL: is required");
    expect(message.match(/invalid runtime environment/g)).toHaveLength(1);
    expect(stub.stdout).toEqual([]);
  });

  it("exits 1 naming the variable given a bad knob", async () => {
    const stub = spawnStub({
      WORKSPACE_ID: TEST_WORKSPACE_ID,
      PLATFORM_URL: platformUrl,
      STUB_PORT: "eighty",
    });
    expect(await stub.exited).toBe(1);
    expect(stub.stderr.join("\n")).toContain('STUB_PORT: must be an integer from 0 to 65535, got "eighty"');
  });

  it("drains an in-flight request on SIGTERM and exits 0", async () => {
    const stub = spawnStub({
      WORKSPACE_ID: TEST_WORKSPACE_ID,
      PLATFORM_URL: platformUrl,
      WORKSPACE_CONFIG_PATH: "/nonexistent-stub-config",
      STUB_PORT: "0",
      STUB_REPLY_DELAY_MS: "300",
    });
    const [, port] = await stub.waitForLine(/listening on :(\d+)/);
    const reply = fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: "drain-me",
        method: "message/send",
        params: { message: { role: "user", parts: [{ kind: "text", text: "ping" }], messageId: "m" } },
      }),
      signal: AbortSignal.timeout(10_000),
    });
    await stub.waitForLine(/message\/send: replying in 300 ms/);
    stub.child.kill("SIGTERM");
    const response = await reply;
    expect(await response.json()).toMatchObject({ id: "drain-me", result: { parts: [{ text: "STUB OK" }] } });
    expect(await stub.exited).toBe(0);
    expect(stub.stdout.at(-1)).toBe(`[stub-runtime ${TEST_WORKSPACE_ID.slice(0, 12)}] stopped`);
    for (const line of stub.stdout)
      expect(line.startsWith(`[stub-runtime ${TEST_WORKSPACE_ID.slice(0, 12)}] `)).toBe(true);
  });

  it("exits 0 on SIGINT", async () => {
    const stub = spawnStub({
      WORKSPACE_ID: TEST_WORKSPACE_ID,
      PLATFORM_URL: platformUrl,
      STUB_PORT: "0",
      WORKSPACE_CONFIG_PATH: "/nonexistent-stub-config",
    });
    await stub.waitForLine(/first heartbeat accepted/);
    stub.child.kill("SIGINT");
    expect(await stub.exited).toBe(0);
  });

  it("ignores SIGTERM under STUB_DEFECT=ignore-sigterm, and still stops on SIGINT", async () => {
    const stub = spawnStub({
      WORKSPACE_ID: TEST_WORKSPACE_ID,
      PLATFORM_URL: platformUrl,
      STUB_PORT: "0",
      WORKSPACE_CONFIG_PATH: "/nonexistent-stub-config",
      STUB_DEFECT: "ignore-sigterm",
    });
    await stub.waitForLine(/first heartbeat accepted/);
    stub.child.kill("SIGTERM");
    await stub.waitForLine(/SIGTERM: ignored \(STUB_DEFECT ignore-sigterm\)/);
    expect(stub.child.exitCode).toBeNull();
    stub.child.kill("SIGINT");
    expect(await stub.exited).toBe(0);
  });
});
