import { randomUUID } from "node:crypto";
import { RegisterResponse } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { ADMIN, call, createWorkspace, registerBody, setupTestServer } from "../platform-test-utils.js";

const { useTestPlatform } = setupTestServer();

const register = (body: unknown, token?: string) =>
  call("POST", "/registry/register", { body, ...(token ? { token } : {}) });
describe("POST /registry/register", () => {
  it("bootstraps a new workspace without a token and returns an instance auth_token", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const res = await register(registerBody(id, "http://localhost:9001"));
    expect(res.status).toBe(200);
    const body = RegisterResponse.parse(res.body);
    expect(body).toMatchObject({ status: "registered", delivery_mode: "push" });
    expect(body.auth_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = platform.state.workspaces.get(id);
    expect(row).toMatchObject({
      name: id,
      status: "online",
      url: "http://localhost:9001",
      kind: "workspace",
    });
    const [token] = platform.state.tokens.live(id, "instance");
    expect(token?.prefix).toBe(body.auth_token?.slice(0, 8));
    expect(token?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(platform.state.tokens.all())).not.toContain(body.auth_token);
  });

  it("returns 401 missing workspace auth token given no bearer once an instance token is live", async () => {
    useTestPlatform();
    const id = randomUUID();
    await register(registerBody(id, "http://localhost:9001"));
    const res = await register(registerBody(id, "http://localhost:9001"));
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"error":"missing workspace auth token"}');
  });

  it("treats a header without the exact Bearer prefix as missing", async () => {
    useTestPlatform();
    const id = randomUUID();
    const first = await register(registerBody(id, "http://localhost:9001"));
    const res = await call("POST", "/registry/register", {
      body: registerBody(id, "http://localhost:9001"),
      headers: { authorization: `bearer ${first.body.auth_token}` },
    });
    expect(res.body).toEqual({ error: "missing workspace auth token" });
  });

  it("returns 401 invalid workspace auth token given a wrong token, the admin token or another workspace's token", async () => {
    useTestPlatform();
    const id = randomUUID();
    const other = randomUUID();
    await register(registerBody(id, "http://localhost:9001"));
    const otherToken = (await register(registerBody(other, "http://localhost:9002"))).body.auth_token;
    for (const token of ["x".repeat(43), ADMIN, otherToken]) {
      const res = await register(registerBody(id, "http://localhost:9001"), token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: "invalid workspace auth token" });
    }
  });

  it("accepts an api token bound to the workspace and omits auth_token while an instance token is live", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    await register(registerBody(id, "http://localhost:9001"));
    const api = platform.state.tokens.mint(id, "api").token;
    const res = await register(registerBody(id, "http://localhost:9001"), api);
    expect(res.status).toBe(200);
    expect(res.body.auth_token).toBeUndefined();
  });

  it("still bootstraps while only api tokens are live (core#1644)", async () => {
    useTestPlatform();
    const { id } = await createWorkspace();
    const res = await register(registerBody(id, "http://localhost:9001"));
    expect(res.status).toBe(200);
    expect(res.body.auth_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("keeps a provisioner localhost URL whose port is not 8000 and overwrites one on port 8000 (#11798)", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:41234"))).body.auth_token;
    await register(registerBody(id, "http://localhost:8000"), token);
    expect(platform.state.workspaces.get(id)?.url).toBe("http://localhost:41234");
    platform.state.workspaces.get(id)!.url = "http://127.0.0.1:8000";
    await register(registerBody(id, "http://localhost:9999"), token);
    expect(platform.state.workspaces.get(id)?.url).toBe("http://localhost:9999");
  });

  it("does not change a removed, paused or hibernated row (#73, core#2332)", async () => {
    const platform = useTestPlatform();
    for (const status of ["removed", "paused", "hibernated"] as const) {
      const id = randomUUID();
      const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
      const row = platform.state.workspaces.get(id)!;
      row.status = status;
      const res = await register(
        registerBody(id, "http://localhost:9002"),
        status === "removed" ? undefined : token,
      );
      expect(res.status).toBe(200);
      expect(row).toMatchObject({ status, url: "http://localhost:9001" });
    }
  });

  it.each([
    [{ delivery_mode: "carrier-pigeon" }, "delivery_mode must be 'push' or 'poll'"],
    [{ kind: "robot" }, "kind must be 'workspace' or 'platform'"],
    [{ agent_card: undefined }, "invalid request body"],
    [{ id: 42 }, "invalid request body"],
  ])("returns 400 for %j", async (patch, error) => {
    useTestPlatform();
    const res = await register({ ...registerBody(randomUUID(), "http://localhost:9001"), ...patch });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error });
  });

  it('reads an empty delivery_mode or kind as absent, as registry.go\'s != "" guards do', async () => {
    useTestPlatform();
    const res = await register({
      ...registerBody(randomUUID(), "http://localhost:9001"),
      delivery_mode: "",
      kind: "",
    });
    expect(res).toMatchObject({ status: 200, body: { delivery_mode: "push" } });
  });

  it("returns 400 invalid request body for unparseable JSON", async () => {
    useTestPlatform();
    const res = await call("POST", "/registry/register", {
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid request body" } });
  });

  // registry_test.go:TestRegister_PushMode_RejectsEmptyURL, :TestRegister_PushModeNoURLNoCardURLStill400,
  // :TestRegister_PushModeFallsBackToAgentCardURL; the messages are validateAgentURL's (registry.go).
  it("validates the push URL in strict mode and falls back to agent_card.url", async () => {
    useTestPlatform({ deployMode: "self-hosted" });
    const id = randomUUID();
    const blocked = await register(registerBody(id, `http://ws-${id}:8000`));
    expect(blocked.status).toBe(400);
    expect(blocked.body.error).toBe(
      `hostname "ws-${id}" cannot be resolved (DNS error): getaddrinfo ENOTFOUND ws-${id}`,
    );
    const scheme = await register(registerBody(id, "ftp://x"));
    expect(scheme.body).toEqual({ error: 'url scheme must be http or https, got "ftp"' });
    const required = await register(registerBody(id, ""));
    expect(required.body).toEqual({ error: "url is required for push-mode workspaces" });
    const metadata = await register(registerBody(id, "http://[::ffff:169.254.169.254]/"));
    expect(metadata.body).toEqual({
      error: "url targets a blocked address: link-local address (cloud metadata endpoint)",
    });
    const card = await register({
      ...registerBody(id, ""),
      agent_card: { name: "x", url: "http://agent.public.test/" },
    });
    expect(card.status).toBe(200);
  });

  it("checks the card URL before the top-level URL (registry.go Register order)", async () => {
    useTestPlatform({ deployMode: "self-hosted" });
    const res = await register({
      ...registerBody(randomUUID(), ""),
      agent_card: { name: "x", url: "file:///etc/passwd" },
    });
    expect(res).toMatchObject({ status: 400, body: { error: "workspace agent_card URL not allowed" } });
  });

  it("returns 400 workspace agent_card URL not allowed for an unsafe card URL", async () => {
    useTestPlatform({ deployMode: "self-hosted" });
    const res = await register({
      ...registerBody(randomUUID(), "http://localhost:9001"),
      agent_card: { name: "x", url: "http://169.254.169.254/" },
    });
    expect(res).toMatchObject({ status: 400, body: { error: "workspace agent_card URL not allowed" } });
  });

  it("registers poll mode without a URL and keeps the row's delivery mode next time (#2339)", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const first = await register({ id, delivery_mode: "poll", agent_card: {} });
    expect(first.body.delivery_mode).toBe("poll");
    const again = await register({ id, url: "http://localhost:1", agent_card: {} }, first.body.auth_token);
    expect(again.body.delivery_mode).toBe("poll");
    expect(platform.state.workspaces.get(id)?.deliveryMode).toBe("poll");
  });

  it("refuses kind=platform for a row that is not one with 403", async () => {
    useTestPlatform();
    const res = await register({ ...registerBody(randomUUID(), "http://localhost:9001"), kind: "platform" });
    expect(res).toMatchObject({
      status: 403,
      body: { error: "kind='platform' may only be assigned by the platform-agent install path" },
    });
  });

  it("fails a platform row without a MODEL secret: 400 and status failed", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace();
    platform.state.workspaces.get(id)!.kind = "platform";
    const res = await register({ ...registerBody(id, "http://localhost:9001"), kind: "platform" });
    expect(res.body).toEqual({ error: "platform agent identity incomplete" });
    expect(platform.state.workspaces.get(id)?.status).toBe("failed");
  });

  it("stamps last_register_failure_at on an authenticated non-200 and clears it on a 200 (core#2585)", async () => {
    const platform = useTestPlatform({ deployMode: "self-hosted" });
    const id = randomUUID();
    const token = (await register(registerBody(id, "http://localhost:9001"))).body.auth_token;
    const row = platform.state.workspaces.get(id)!;
    await register(registerBody(id, "http://10.0.0.1:8000"), "y".repeat(43)); // 401: no stamp
    expect(row.lastRegisterFailureAt).toBeNull();
    await register(registerBody(id, "http://10.0.0.1:8000"), token);
    expect(row.lastRegisterFailureAt).toEqual(expect.any(Number));
    await register(registerBody(id, "http://localhost:9001"), token);
    expect(row.lastRegisterFailureAt).toBeNull();
  });

  it("reconciles a UUID-like card name from the row's name", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace({ name: "Lifecycle E2E Stub" });
    await register(registerBody(id, "http://localhost:9001"));
    expect(platform.state.workspaces.get(id)?.agentCard).toMatchObject({
      name: "Lifecycle E2E Stub",
      description: "stub runtime (e2e lifecycle)",
    });
  });
});
