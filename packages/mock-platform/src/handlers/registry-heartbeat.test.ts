import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ADMIN, call, createWorkspace, registerBody, setupTestServer } from "../platform-test-utils.js";

const { useTestPlatform } = setupTestServer();

const register = (body: unknown, token?: string) =>
  call("POST", "/registry/register", { body, ...(token ? { token } : {}) });
const beat = (id: string, token?: string, extra: Record<string, unknown> = {}) =>
  call("POST", "/registry/heartbeat", {
    body: {
      workspace_id: id,
      error_rate: 0,
      sample_error: "",
      active_tasks: 0,
      uptime_seconds: 1,
      current_task: "",
      ...extra,
    },
    ...(token ? { token } : {}),
  });

describe("POST /registry/heartbeat", () => {
  it("returns 200 ok with the generation and the inbound secret, and lifts provisioning to online (#1784)", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace();
    const token = platform.state.tokens.mint(id, "instance").token;
    const online = platform.events.waitForStatus(id, "online");
    const res = await beat(id, token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", generation: 0 });
    expect(res.body.platform_inbound_secret).toEqual(expect.any(String));
    await online;
    expect(platform.state.workspaces.get(id)?.status).toBe("online");
  });

  it("answers 200 with generation 0 and a throwaway inbound secret for an unknown workspace, creating nothing", async () => {
    // registry.go Heartbeat: no row to update; readOrLazyHealInboundSecret mints a secret it cannot
    // store and caches it for 5 minutes.
    const platform = useTestPlatform();
    const id = randomUUID();
    const first = await beat(id);
    const second = await beat(id);
    expect(first.body).toEqual({ status: "ok", generation: 0, platform_inbound_secret: expect.any(String) });
    expect(second.body.platform_inbound_secret).toBe(first.body.platform_inbound_secret);
    expect((await beat(randomUUID())).body.platform_inbound_secret).not.toBe(
      first.body.platform_inbound_secret,
    );
    expect(platform.state.workspaces.get(id)).toBeUndefined();
    expect(platform.state.inboundSecrets.has(id)).toBe(false);
    const later = platform.state.unstoredInboundSecret(id, Date.now() + 5 * 60_000 + 1);
    expect(later).not.toBe(first.body.platform_inbound_secret);
  });

  // models.HeartbeatPayload binds any float and any int; registry_test.go:TestHeartbeat_MonthlySpend_NegativeClamped.
  it("binds an error rate over 1 and negative counts as Go does, and a negative monthly_spend updates nothing", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    await beat(id, token, { monthly_spend: 1500 });
    const res = await beat(id, token, {
      error_rate: 1.5,
      active_tasks: -1,
      uptime_seconds: -1,
      monthly_spend: -3,
      runtime_metadata: { idle_timeout_seconds: -5 },
    });
    expect(res.status).toBe(200);
    expect(platform.state.workspaces.get(id)).toMatchObject({ monthlySpend: 1500, lastErrorRate: 1.5 });
  });

  // heartbeat.schema.json (SSOT) and registry-contract.md divergence #5: omitted is not [].
  it("keeps the stored loaded_mcp_tools when a beat omits them, and clears them for []", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    await beat(id, token, { loaded_mcp_tools: ["mcp__a__b"] });
    await beat(id, token);
    expect(platform.state.workspaces.get(id)?.loadedMcpTools).toEqual(["mcp__a__b"]);
    await beat(id, token, { loaded_mcp_tools: null });
    expect(platform.state.workspaces.get(id)?.loadedMcpTools).toEqual(["mcp__a__b"]);
    await beat(id, token, { loaded_mcp_tools: [] });
    expect(platform.state.workspaces.get(id)?.loadedMcpTools).toEqual([]);
  });

  it("answers 500 failed to update for a workspace_id the uuid column refuses (registry.go Heartbeat)", async () => {
    useTestPlatform();
    expect(await beat("not-a-uuid")).toMatchObject({ status: 500, body: { error: "failed to update" } });
  });

  it("uses the registry 401 bodies", async () => {
    useTestPlatform();
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    expect((await beat(id)).body).toEqual({ error: "missing workspace auth token" });
    expect((await beat(id, ADMIN)).body).toEqual({ error: "invalid workspace auth token" });
    expect((await beat(id, token)).status).toBe(200);
  });

  it("returns 400 invalid request body for a body that does not bind", async () => {
    useTestPlatform();
    const res = await call("POST", "/registry/heartbeat", {
      body: { workspace_id: randomUUID(), active_tasks: "two" },
    });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid request body" } });
  });

  it("overwrites the beat fields and emits TASK_UPDATED only when the task changes", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    const since = platform.events.cursor();
    await beat(id, token, { current_task: "a", uptime_seconds: 7, sample_error: "boom", error_rate: 0.2 });
    await beat(id, token, { current_task: "a", uptime_seconds: 8 });
    const types = platform.events.history(since).map((e) => e.type);
    expect(types.filter((t) => t === "TASK_UPDATED")).toHaveLength(1);
    expect(types.filter((t) => t === "WORKSPACE_HEARTBEAT")).toHaveLength(2);
    expect(platform.state.workspaces.get(id)).toMatchObject({
      uptimeSeconds: 8,
      currentTask: "a",
      lastSampleError: "",
    });
  });

  it.each([
    ["a wedged runtime", { runtime_state: "wedged" }],
    ["an error rate of 0.5", { error_rate: 0.5 }],
  ])("degrades an online row given %s, and recovers when clear", async (_label, extra) => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    await beat(id, token, extra);
    expect(platform.state.workspaces.get(id)?.status).toBe("degraded");
    expect(platform.events.history().some((e) => e.type === "WORKSPACE_DEGRADED")).toBe(true);
    await beat(id, token);
    expect(platform.state.workspaces.get(id)?.status).toBe("online");
  });

  it("does not degrade on error rate under the status_mgmt capability", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    await beat(id, token, { error_rate: 0.9, runtime_metadata: { capabilities: { status_mgmt: true } } });
    expect(platform.state.workspaces.get(id)?.status).toBe("online");
  });

  it("degrades after a recent register failure, and a beat carrying a card clears it (#2739)", async () => {
    const platform = useTestPlatform({ deployMode: "self-hosted" });
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    await register(registerBody(id, "http://10.0.0.1:8000"), token);
    await beat(id, token);
    expect(platform.state.workspaces.get(id)?.status).toBe("degraded");
    await beat(id, token, { agent_card: { name: "x" } });
    expect(platform.state.workspaces.get(id)?.status).toBe("online");
  });

  it("lifts failed and offline rows to online on any beat", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    for (const status of ["failed", "offline", "awaiting_agent"] as const) {
      platform.state.workspaces.get(id)!.status = status;
      await beat(id, token);
      expect(platform.state.workspaces.get(id)?.status).toBe("online");
    }
  });
});

describe("POST /registry/update-card", () => {
  it("stores the card and answers updated; refuses an unsafe card URL", async () => {
    const platform = useTestPlatform({ deployMode: "self-hosted" });
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    const ok = await call("POST", "/registry/update-card", {
      token,
      body: { workspace_id: id, agent_card: { name: "new", url: "http://agent.public.test/" } },
    });
    expect(ok).toMatchObject({ status: 200, body: { status: "updated" } });
    expect(platform.state.workspaces.get(id)?.agentCard?.url).toBe("http://agent.public.test/");
    const bad = await call("POST", "/registry/update-card", {
      token,
      body: { workspace_id: id, agent_card: { url: "http://127.0.0.1:1/" } },
    });
    expect(bad).toMatchObject({ status: 400, body: { error: "workspace URL not allowed" } });
  });
});
