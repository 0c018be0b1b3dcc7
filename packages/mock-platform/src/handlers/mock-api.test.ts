import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAX_FAULTS } from "../control/fault-injector.js";
import {
  ADMIN,
  call,
  createWorkspace,
  InMemoryProvisioner,
  registerBody,
  setupTestServer,
} from "../platform-test-utils.js";

const { useTestPlatform } = setupTestServer();

describe("/__mock/ control API", () => {
  it("requires the admin bearer", async () => {
    useTestPlatform();
    expect((await call("GET", "/__mock/journal")).status).toBe(401);
    expect((await call("GET", "/__mock/journal", { token: ADMIN })).status).toBe(200);
  });

  it("journals method, path, route, status, timing and workspace id, and not its own routes", async () => {
    useTestPlatform();
    const id = randomUUID();
    await call("POST", "/registry/register", { body: registerBody(id, "http://localhost:1") });
    await call("GET", `/workspaces/${id}`);
    const entries = (await call("GET", "/__mock/journal", { token: ADMIN })).body.entries;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      method: "POST",
      path: "/registry/register",
      route: "/registry/register",
      status: 200,
      workspaceId: id,
    });
    expect(entries[1]).toMatchObject({
      method: "GET",
      route: "/workspaces/:id",
      status: 200,
      workspaceId: id,
    });
    expect(entries[1].durationMs).toEqual(expect.any(Number));
  });

  it("keeps the journal bounded", async () => {
    const platform = useTestPlatform({ journalLimit: 3 });
    for (let i = 0; i < 5; i++) await call("GET", "/health");
    expect(platform.control.journal().map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it("injects a forced status and body for a number of times", async () => {
    const platform = useTestPlatform();
    const fault = await call("POST", "/__mock/faults", {
      token: ADMIN,
      body: {
        method: "POST",
        path: "/registry/heartbeat",
        status: 500,
        body: { error: "failed to update" },
        times: 2,
      },
    });
    expect(fault.status).toBe(201);
    const beat = () => call("POST", "/registry/heartbeat", { body: { workspace_id: randomUUID() } });
    expect(await beat()).toMatchObject({ status: 500, body: { error: "failed to update" } });
    expect((await beat()).status).toBe(500);
    expect((await beat()).status).toBe(200);
    expect(platform.control.journal().map((e) => e.fault !== undefined)).toEqual([true, true, false]);
  });

  it("drops the connection for a route pattern, and delays another", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace();
    platform.control.addFault({ path: "/workspaces/:id", method: "GET", drop: true, times: 1 });
    await expect(call("GET", `/workspaces/${id}`)).rejects.toThrow();
    expect((await call("GET", `/workspaces/${id}`)).status).toBe(200);
    platform.control.addFault({ path: "/health", delayMs: 30, times: 1 });
    await call("GET", "/health");
    expect(platform.control.journal({ route: "/health" })[0]!.durationMs).toBeGreaterThanOrEqual(25);
  });

  it("rejects a malformed fault with 400", async () => {
    useTestPlatform();
    expect((await call("POST", "/__mock/faults", { token: ADMIN, body: { path: "nope" } })).status).toBe(400);
  });

  it("answers 429 to a fault past MAX_FAULTS active ones, and 400 to a fault body past 64 KiB of JSON", async () => {
    const platform = useTestPlatform();
    for (let i = 0; i < MAX_FAULTS - 1; i++) platform.control.addFault({ path: `/p/${i}`, status: 500 });
    const last = await call("POST", "/__mock/faults", { token: ADMIN, body: { path: "/last", status: 500 } });
    expect(last.status).toBe(201);
    const refused = await call("POST", "/__mock/faults", { token: ADMIN, body: { path: "/x", status: 500 } });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/faults are active: DELETE \/__mock\/faults/);
    await call("DELETE", "/__mock/faults", { token: ADMIN });
    const big = { path: "/x", status: 500, body: { pad: "p".repeat(64 * 1024) } };
    expect((await call("POST", "/__mock/faults", { token: ADMIN, body: big })).status).toBe(400);
  });

  it("rotates a token now: the old one fails, the new one is written to the config volume", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner });
    const { id } = await createWorkspace();
    await platform.control.idle();
    const old = provisioner.volume(id).get(".auth_token")!.content;
    const res = await call("POST", `/__mock/workspaces/${id}/rotate-token`, { token: ADMIN });
    expect(res.body.auth_token).toBe(provisioner.volume(id).get(".auth_token")!.content);
    expect(res.body.auth_token).not.toBe(old);
    const stale = await call("POST", "/registry/heartbeat", { token: old, body: { workspace_id: id } });
    expect(stale.body).toEqual({ error: "invalid workspace auth token" });
  });

  it("expires liveness now", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    await call("POST", "/registry/register", { body: registerBody(id, "http://localhost:1") });
    const res = await call("POST", `/__mock/workspaces/${id}/expire-liveness`, { token: ADMIN });
    expect(res.body).toMatchObject({ status: "offline" });
    expect(platform.events.history().some((e) => e.type === "WORKSPACE_OFFLINE")).toBe(true);
  });

  it("loses all state and drops every request during the downtime window", async () => {
    useTestPlatform();
    const id = randomUUID();
    await call("POST", "/registry/register", { body: registerBody(id, "http://localhost:1") });
    await call("POST", "/__mock/lose-state", { token: ADMIN, body: { downtime_ms: 150 } });
    await expect(call("GET", "/health")).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the window has no end event: let it pass
    expect((await call("GET", `/workspaces/${id}`)).status).toBe(404);
    const again = await call("POST", "/registry/register", { body: registerBody(id, "http://localhost:1") });
    expect(again.body.auth_token).toEqual(expect.any(String)); // a fresh bootstrap
  });

  it("resets state, journal, faults and events between tests", async () => {
    const platform = useTestPlatform();
    await createWorkspace();
    platform.control.addFault({ path: "/health", status: 503 });
    await call("POST", "/__mock/reset", { token: ADMIN });
    expect(platform.state.workspaces.all()).toHaveLength(0);
    expect(platform.control.journal()).toHaveLength(0);
    expect(platform.events.history()).toHaveLength(0);
    expect((await call("GET", "/health")).status).toBe(200);
  });

  it("lets callers wait on status events instead of polling", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const since = platform.events.cursor();
    await call("POST", "/registry/register", { body: registerBody(id, "http://localhost:1") });
    const event = await platform.events.waitForStatus(id, "online", { since, timeoutMs: 100 });
    expect(event.data).toMatchObject({ from: null, to: "online" });
    await expect(platform.events.waitForStatus(id, "failed", { timeoutMs: 20 })).rejects.toThrow(
      /no matching platform event/,
    );
  });
});
