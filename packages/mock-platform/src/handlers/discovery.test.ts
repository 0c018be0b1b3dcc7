import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ADMIN, call, createWorkspace, registerBody, setupTestServer } from "../platform-test-utils.js";
import { HARNESS_BODY, useFakeAgents } from "./a2a-proxy-test-utils.js";

const { useTestPlatform } = setupTestServer();
const agent = useFakeAgents();

/** A parent with two children, and an unrelated root: `[lead, a, b, other]`. */
async function team() {
  const lead = await createWorkspace({ name: "Lead", role: "pm" });
  const a = await createWorkspace({ name: "Alpha", parent_id: lead.id, role: "backend" });
  const b = await createWorkspace({ name: "Beta", parent_id: lead.id });
  const other = await createWorkspace({ name: "Other" });
  return { lead, a, b, other };
}

describe("POST /registry/check-access", () => {
  // handlers_additional_test.go:TestCheckAccess_SiblingsAllowed, :…_DifferentTeamsDenied, :…_ParentChildAllowed;
  // discovery_test.go:TestCheckAccess_BadJSON, :…_MissingFields, :…_SameWorkspace.
  it("answers {allowed} by CanCommunicate without auth, and 400 for a body without both ids", async () => {
    useTestPlatform();
    const { lead, a, b, other } = await team();
    const check = (caller_id: string, target_id: string) =>
      call("POST", "/registry/check-access", { body: { caller_id, target_id } });
    expect((await check(a.id, b.id)).body).toEqual({ allowed: true });
    expect((await check(lead.id, a.id)).body).toEqual({ allowed: true });
    expect((await check(a.id, other.id)).body).toEqual({ allowed: false });
    expect((await check(lead.id, other.id)).body).toEqual({ allowed: false });
    expect((await check(a.id, a.id)).body).toEqual({ allowed: true });
    expect((await check(randomUUID(), a.id)).body).toEqual({ allowed: false });
    for (const body of [{}, { caller_id: a.id }, { caller_id: "", target_id: b.id }]) {
      const res = await call("POST", "/registry/check-access", { body });
      expect(res).toMatchObject({ status: 400, body: { error: "invalid request body" } });
    }
    expect((await call("POST", "/registry/check-access", { rawBody: "{nope" })).status).toBe(400);
  });
});

describe("GET /registry/:id/peers", () => {
  // discovery_test.go:TestPeers_WithParent, :TestPeers_NotFound, :TestPeers_RootWorkspace_NoPeers,
  // :TestPeers_AdminToken_Allowed, :TestPeers_QFilter, :TestPeers_Q_NoMatches_RawBodyIsArrayNotNull.
  it("lists siblings, children and the parent, never itself, behind the workspace's own token", async () => {
    useTestPlatform();
    const { lead, a, b } = await team();
    expect((await call("GET", `/registry/${a.id}/peers`)).body).toEqual({
      error: "missing workspace auth token",
    });
    expect((await call("GET", `/registry/${a.id}/peers`, { token: b.token })).body).toEqual({
      error: "invalid workspace auth token",
    });
    const peers = await call("GET", `/registry/${a.id}/peers`, { token: a.token });
    expect(peers.body.map((p: { id: string }) => p.id).sort()).toEqual([b.id, lead.id].sort());
    expect(peers.body[0]).toMatchObject({ url: "", agent_card: null, active_tasks: 0, tier: 2 });
    expect((await call("GET", `/registry/${lead.id}/peers`, { token: ADMIN })).body).toHaveLength(2);
    const filtered = await call("GET", `/registry/${lead.id}/peers?q=BACK`, { token: ADMIN });
    expect(filtered.body.map((p: { id: string }) => p.id)).toEqual([a.id]);
    const none = await call("GET", `/registry/${lead.id}/peers?q=zzz`, { token: ADMIN });
    expect(none.text).toBe("[]");
    const missing = randomUUID();
    expect((await call("GET", `/registry/${missing}/peers`)).body).toEqual({ error: "workspace not found" });
  });
});

describe("GET /registry/discover/:id", () => {
  // discovery_test.go:TestDiscover_MissingCallerHeader; handlers_additional_test.go:TestDiscover_AccessDenied,
  // :TestDiscover_TargetOffline; discovery_test.go:TestDiscoverWorkspacePeer_*.
  it("needs X-Workspace-ID, checks the caller and the hierarchy, and answers the target's internal URL", async () => {
    const platform = useTestPlatform();
    const { a, b, other } = await team();
    const discover = (target: string, caller?: string, token?: string) =>
      call("GET", `/registry/discover/${target}`, {
        ...(token ? { token } : {}),
        headers: caller ? { "x-workspace-id": caller } : {},
      });
    expect((await discover(b.id)).body).toEqual({ error: "X-Workspace-ID header is required" });
    expect((await discover(b.id, a.id)).body).toEqual({ error: "missing workspace auth token" });
    expect((await discover(other.id, a.id, a.token)).body).toEqual({
      error: "not authorized to discover this workspace",
    });
    expect((await discover(b.id, a.id, a.token)).body).toEqual({
      error: "workspace not available",
      status: "provisioning",
    });
    platform.state.workspaces.get(b.id)!.status = "online";
    expect((await discover(b.id, a.id, a.token)).body).toEqual({
      id: b.id,
      name: "Beta",
      url: `http://ws-${b.id}:8000`,
    });
  });
});

describe("POST /workspaces/:id/a2a/inbound", () => {
  // a2a_proxy_test.go:TestReceiveA2AInbound.
  it("takes the target's inbound secret as bearer and proxies without a caller", async () => {
    useTestPlatform();
    const fake = await agent();
    const id = randomUUID();
    const reg = await call("POST", "/registry/register", { body: registerBody(id, fake.url) });
    const secret: string = reg.body.platform_inbound_secret;
    const other = randomUUID();
    const otherSecret = (await call("POST", "/registry/register", { body: registerBody(other, fake.url) }))
      .body.platform_inbound_secret;
    const inbound = (token?: string, target = id) =>
      call("POST", `/workspaces/${target}/a2a/inbound`, {
        body: HARNESS_BODY,
        ...(token ? { token } : {}),
        headers: { "x-workspace-id": randomUUID() },
      });
    expect(await inbound()).toMatchObject({ status: 401, body: { error: "missing Authorization header" } });
    expect(await inbound("x", randomUUID())).toMatchObject({
      status: 401,
      body: { error: "workspace has no inbound secret configured" },
    });
    expect(await inbound(otherSecret)).toMatchObject({
      status: 403,
      body: { error: "invalid inbound secret" },
    });
    const ok = await inbound(secret);
    expect(ok.status).toBe(200);
    expect(ok.body.result.parts[0].text).toBe("STUB OK");
    expect(fake.requests.at(-1)?.headers.authorization).toBeUndefined();
  });
});
