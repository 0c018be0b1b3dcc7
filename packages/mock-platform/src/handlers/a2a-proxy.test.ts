import { randomUUID } from "node:crypto";
import { A2AQueuedResponse } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { ADMIN, call, createWorkspace, setupTestServer } from "../platform-test-utils.js";
import { HARNESS_BODY, send, useFakeAgents, workspaceAt } from "./a2a-proxy-test-utils.js";

const { useTestPlatform } = setupTestServer();
const agent = useFakeAgents();

describe("POST /workspaces/:id/a2a caller auth (contract 7.2)", () => {
  it("returns 401 missing caller auth token without a credential", async () => {
    useTestPlatform();
    const { id } = await workspaceAt("http://localhost:1");
    expect((await send(id, undefined)).body).toEqual({ error: "missing caller auth token" });
  });

  it("returns 401 invalid caller auth token for an unknown token", async () => {
    useTestPlatform();
    const { id } = await workspaceAt("http://localhost:1");
    expect((await send(id, "q".repeat(43))).body).toEqual({ error: "invalid caller auth token" });
  });

  it("returns 401 when X-Workspace-ID differs from the token's workspace", async () => {
    useTestPlatform();
    const { id, token } = await workspaceAt("http://localhost:1");
    const res = await send(id, token, HARNESS_BODY, { "x-workspace-id": randomUUID() });
    expect(res.body).toEqual({ error: "caller ID does not match workspace auth token" });
  });

  it.each(["webhook:", "system:", "test:", "channel:"])(
    "returns 403 invalid caller ID for the %s prefix (#761)",
    async (prefix) => {
      useTestPlatform();
      const { id } = await workspaceAt("http://localhost:1");
      const res = await send(id, ADMIN, HARNESS_BODY, { "x-workspace-id": `${prefix}abc` });
      expect(res).toMatchObject({ status: 403, body: { error: "invalid caller ID" } });
    },
  );

  // registry/access_test.go:TestCanCommunicate_Denied_RootSiblings, :TestCanCommunicate_Siblings;
  // a2a_proxy_test.go:TestProxyA2A_AccessDenied_DifferentParents (the 403 body).
  it("returns 403 between two org roots and allows siblings under one parent", async () => {
    const platform = useTestPlatform();
    const a = await workspaceAt("http://localhost:1");
    const b = await workspaceAt("http://localhost:2");
    const denied = await send(b.id, a.token, HARNESS_BODY, { "x-workspace-id": a.id });
    expect(denied).toMatchObject({
      status: 403,
      body: { error: "access denied: workspaces cannot communicate per hierarchy rules" },
    });
    const fake = await agent();
    const sibling = await workspaceAt(fake.url);
    const parent = randomUUID();
    platform.state.workspaces.get(a.id)!.parentId = parent;
    platform.state.workspaces.get(sibling.id)!.parentId = parent;
    expect((await send(sibling.id, a.token, HARNESS_BODY, { "x-workspace-id": a.id })).status).toBe(200);
  });

  it("returns 403, not 404, to a workspace caller naming an unknown target (TestCanCommunicate_Denied_TargetNotFound)", async () => {
    useTestPlatform();
    const a = await workspaceAt("http://localhost:1");
    const res = await send(randomUUID(), a.token, HARNESS_BODY, { "x-workspace-id": a.id });
    expect(res.status).toBe(403);
  });
});

describe("POST /workspaces/:id/a2a forwarding (contract 7.3-7.6)", () => {
  it("wraps, normalises and forwards the harness's self-call to the stored URL, and passes the reply through verbatim", async () => {
    useTestPlatform();
    const fake = await agent();
    const { id, token } = await workspaceAt(fake.url);
    const res = await send(id, token, HARNESS_BODY, { "x-custom": "secret" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body.result).toMatchObject({ role: "agent", parts: [{ kind: "text", text: "STUB OK" }] });
    const forwarded = fake.requests[0]!;
    expect(forwarded).toMatchObject({ method: "POST", url: "/" });
    expect(forwarded.headers.authorization).toBeUndefined();
    expect(forwarded.headers["x-custom"]).toBeUndefined();
    expect(forwarded.headers["x-workspace-id"]).toBeUndefined();
    const envelope = JSON.parse(forwarded.body);
    expect(envelope).toMatchObject({ jsonrpc: "2.0", method: "message/send" });
    expect(envelope.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(envelope.params.message).toMatchObject({ role: "user", parts: [{ kind: "text", text: "ping" }] });
    expect(envelope.params.message.messageId).toEqual(expect.any(String));
    expect(res.body.id).toBe(envelope.id);
  });

  it("keeps the caller id of a full envelope and passes a JSON-RPC error through unchanged", async () => {
    useTestPlatform();
    const fake = await agent((_req, res) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(
          '{"jsonrpc":"2.0","id":"custom-id-123","error":{"code":-32601,"message":"method not found: x"}}',
        ),
    );
    const { id } = await workspaceAt(fake.url);
    const res = await send(id, ADMIN, { jsonrpc: "2.0", id: "custom-id-123", method: "x", params: {} });
    expect(JSON.parse(fake.requests[0]!.body).id).toBe("custom-id-123");
    expect(res.text).toBe(
      '{"jsonrpc":"2.0","id":"custom-id-123","error":{"code":-32601,"message":"method not found: x"}}',
    );
  });

  it("answers 404 workspace not found for an unknown target", async () => {
    useTestPlatform();
    const res = await send("00000000-0000-0000-0000-000000000000", ADMIN);
    expect(res).toMatchObject({ status: 404, body: { error: "workspace not found" } });
  });

  it("answers 503 workspace has no URL with the status, and 202 queued while provisioning", async () => {
    const platform = useTestPlatform();
    const { id, token } = await createWorkspace();
    const queued = await send(id, token);
    expect(queued.status).toBe(202);
    expect(A2AQueuedResponse.parse(queued.body).queue_depth).toBe(1);
    platform.state.workspaces.get(id)!.status = "offline";
    expect((await send(id, token)).body).toEqual({ error: "workspace has no URL", status: "offline" });
    platform.state.workspaces.get(id)!.status = "hibernated";
    const waking = await send(id, token);
    expect(waking).toMatchObject({ status: 503, body: { waking: true, retry_after: 15 } });
    expect(waking.headers.get("retry-after")).toBe("15");
  });

  // a2a_proxy_truncation_test.go:TestProxyA2A_RequestBodyTooLarge: the body is read (and capped)
  // before the caller is authenticated, so an unauthenticated oversize body gets 413, not 401.
  it("answers 413 over the body cap, before auth, and 400 for invalid JSON", async () => {
    useTestPlatform({ maxA2ABodyBytes: 64 });
    const { id } = await workspaceAt("http://localhost:1");
    const big = await send(id, undefined, { method: "message/send", params: { text: "x".repeat(100) } });
    expect(big).toMatchObject({
      status: 413,
      body: {
        error: "request body exceeds 64 byte limit: A2A body exceeds size limit",
        truncated: true,
        max_bytes: 64,
      },
    });
    const bad = await call("POST", `/workspaces/${id}/a2a`, { token: ADMIN, rawBody: "{oops" });
    expect(bad).toMatchObject({ status: 400, body: { error: "invalid JSON" } });
  });

  it("answers 502 not publicly routable for a loopback agent outside dev mode", async () => {
    useTestPlatform({ deployMode: "self-hosted" });
    const { id } = await workspaceAt("http://localhost:1");
    expect((await send(id, ADMIN)).body).toEqual({ error: "workspace URL is not publicly routable" });
  });

  it("answers a poll-mode target with 200 queued and never dispatches", async () => {
    useTestPlatform();
    const id = randomUUID();
    await call("POST", "/registry/register", { body: { id, delivery_mode: "poll", agent_card: {} } });
    expect((await send(id, ADMIN)).body).toEqual({
      status: "queued",
      delivery_mode: "poll",
      method: "message/send",
    });
  });
});
