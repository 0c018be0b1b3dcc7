import { randomUUID } from "node:crypto";
import { CreatedWorkspace, TokenMintResponse, WorkspaceList, WorkspaceRow } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  call,
  createWorkspace,
  InMemoryProvisioner,
  setupTestServer,
} from "../platform-test-utils.js";

const { useTestPlatform } = setupTestServer();

describe("POST /workspaces", () => {
  it("answers 201 provisioning with an api-kind auth_token and stores the harness's fields", async () => {
    const platform = useTestPlatform();
    const res = await call("POST", "/workspaces", {
      token: ADMIN,
      body: { name: "Lifecycle E2E Stub", tier: 2, runtime: "claude-code", model: "m", secrets: { K: "V" } },
    });
    expect(res.status).toBe(201);
    const body = CreatedWorkspace.parse(res.body);
    expect(platform.state.tokens.lookup(body.auth_token)?.kind).toBe("api");
    expect(platform.state.workspaces.get(body.id)).toMatchObject({
      name: "Lifecycle E2E Stub",
      tier: 2,
      runtime: "claude-code",
      model: "m",
      secrets: { K: "V" },
      status: "provisioning",
    });
  });

  it("answers the external variant with a connection block", async () => {
    useTestPlatform();
    const res = await call("POST", "/workspaces", {
      token: ADMIN,
      body: { name: "Offline Test", tier: 1, runtime: "external", external: true },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      external: true,
      status: "awaiting_agent",
      connection: { workspace_id: res.body.id },
    });
    expect(res.body.connection.auth_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("suffixes a colliding name", async () => {
    const platform = useTestPlatform();
    await createWorkspace({ name: "Alpha" });
    const { id } = await createWorkspace({ name: "Alpha" });
    expect(platform.state.workspaces.get(id)?.name).toBe("Alpha (2)");
  });

  it("returns 401 without the admin bearer, and 400 without a name", async () => {
    useTestPlatform();
    expect((await call("POST", "/workspaces", { body: { name: "x" } })).status).toBe(401);
    expect((await call("POST", "/workspaces", { token: "nope", body: { name: "x" } })).status).toBe(401);
    expect((await call("POST", "/workspaces", { token: ADMIN, body: {} })).body).toEqual({
      error: "name is required",
    });
  });

  it("accepts a workspace token on AdminAuth only while no ADMIN_TOKEN is set (fails closed)", async () => {
    const platform = useTestPlatform({ adminToken: undefined });
    expect((await call("POST", "/workspaces", { body: { name: "x" } })).status).toBe(401);
    const token = platform.state.tokens.mint(randomUUID(), "api").token;
    expect((await call("POST", "/workspaces", { token, body: { name: "x" } })).status).toBe(201);
  });

  it("provisions a created workspace asynchronously with a generated config.yaml and 0600 secrets", async () => {
    const provisioner = new InMemoryProvisioner({
      onStart: (_, result) => `http://localhost:${result.hostPort}`,
    });
    const platform = useTestPlatform({ provisioner });
    const { id } = await createWorkspace({ name: "Gen", runtime: "claude-code", model: "m" });
    await platform.control.idle();
    const volume = provisioner.volume(id);
    expect(volume.get(".auth_token")?.mode).toBe(0o600);
    expect(volume.get(".platform_inbound_secret")?.mode).toBe(0o600);
    expect(volume.get("config.yaml")?.content).toContain('runtime: "claude-code"');
    expect(platform.state.workspaces.get(id)?.url).toBe(
      `http://localhost:${provisioner.container(id)?.hostPort}`,
    );
  });
});

describe("GET /workspaces and /workspaces/:id", () => {
  it("lists rows without removed ones, as WorkspaceRow", async () => {
    const platform = useTestPlatform();
    const a = await createWorkspace({ name: "A" });
    const b = await createWorkspace({ name: "B" });
    platform.state.workspaces.get(b.id)!.status = "removed";
    const res = await call("GET", "/workspaces", { token: ADMIN });
    const ids = WorkspaceList.parse(res.body).map((row) => row.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(b.id);
  });

  it("gets a row with status, url and last_sample_error without auth", async () => {
    useTestPlatform();
    const { id } = await createWorkspace();
    const res = await call("GET", `/workspaces/${id}`);
    expect(WorkspaceRow.parse(res.body)).toMatchObject({
      id,
      status: "provisioning",
      url: null,
      last_sample_error: null,
    });
  });

  it("answers 400 for a non-UUID id, 404 for a missing one, 410 for a removed one unless include_removed", async () => {
    const platform = useTestPlatform();
    expect((await call("GET", "/workspaces/not-a-uuid")).body).toEqual({ error: "invalid workspace ID" });
    expect((await call("GET", `/workspaces/${randomUUID()}`)).status).toBe(404);
    const { id } = await createWorkspace();
    platform.state.workspaces.get(id)!.status = "removed";
    expect((await call("GET", `/workspaces/${id}`)).status).toBe(410);
    expect((await call("GET", `/workspaces/${id}?include_removed=true`)).body.status).toBe("removed");
  });

  it("answers the state route, 404 with deleted:true when missing", async () => {
    useTestPlatform();
    const { id, token } = await createWorkspace();
    expect((await call("GET", `/workspaces/${id}/state`, { token })).body).toEqual({
      workspace_id: id,
      status: "provisioning",
      paused: false,
      deleted: false,
    });
    const missing = randomUUID();
    const res = await call("GET", `/workspaces/${missing}/state`, { token: ADMIN });
    expect(res).toMatchObject({ status: 404, body: { deleted: true } });
  });
});

describe("POST /workspaces/:id/secrets", () => {
  it("saves a self-write without restarting, and restarts for an admin writer (core#2573)", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner });
    const { id, token } = await createWorkspace();
    await platform.control.idle();
    provisioner.volume(id).set("config.yaml", { content: "name: x\n", mode: 0o644 });
    const before = provisioner.calls.filter((c) => c.op === "provision").length;
    const self = await call("POST", `/workspaces/${id}/secrets`, {
      token,
      body: { key: "HOSTNAME", value: "localhost" },
    });
    expect(self.body).toEqual({ status: "saved", key: "HOSTNAME" });
    await platform.control.idle();
    expect(provisioner.calls.filter((c) => c.op === "provision")).toHaveLength(before);
    expect(platform.state.workspaces.get(id)?.secrets.HOSTNAME).toBe("localhost");
    await call("POST", `/workspaces/${id}/secrets`, { token: ADMIN, body: { key: "K", value: "v" } });
    await platform.control.idle();
    expect(provisioner.calls.filter((c) => c.op === "provision")).toHaveLength(before + 1);
  });

  it("returns 401 for a token bound to another workspace", async () => {
    useTestPlatform();
    const a = await createWorkspace({ name: "A" });
    const b = await createWorkspace({ name: "B" });
    const res = await call("POST", `/workspaces/${a.id}/secrets`, {
      token: b.token,
      body: { key: "K", value: "v" },
    });
    expect(res.status).toBe(401);
  });
});

describe("POST /admin/workspaces/:id/tokens", () => {
  it("mints an api token bound to the workspace with 201", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace();
    const res = await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN });
    expect(res.status).toBe(201);
    const body = TokenMintResponse.parse(res.body);
    expect(body.message).toBe("Save this token now — it cannot be retrieved again.");
    expect(platform.state.tokens.validate(body.auth_token, id)?.kind).toBe("api");
  });

  it("answers 429 at 50 live tokens, 404 for a missing or removed workspace, 400 for a bad id", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace(); // 1 live api token
    for (let i = 0; i < 49; i++)
      expect((await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN })).status).toBe(201);
    expect((await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN })).status).toBe(429);
    expect((await call("POST", `/admin/workspaces/${randomUUID()}/tokens`, { token: ADMIN })).status).toBe(
      404,
    );
    platform.state.workspaces.get(id)!.status = "removed";
    expect((await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN })).status).toBe(404);
    expect((await call("POST", "/admin/workspaces/bad/tokens", { token: ADMIN })).status).toBe(400);
  });

  it("refuses a workspace token while ADMIN_TOKEN is set", async () => {
    useTestPlatform();
    const { id, token } = await createWorkspace();
    expect((await call("POST", `/admin/workspaces/${id}/tokens`, { token })).status).toBe(401);
  });
});
