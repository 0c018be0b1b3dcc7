import { randomUUID } from "node:crypto";
import {
  CreatedWorkspace,
  CreateWorkspaceResponse,
  PlatformMessages,
  WorkspaceList,
  WorkspaceRow,
} from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  call,
  createWorkspace,
  InMemoryProvisioner,
  registerBody,
  setupTestServer,
} from "../platform-test-utils.js";
import { newWorkspaceRecord } from "../state/workspace-record.js";
import { MAX_WORKSPACE_ROWS } from "../state/workspace-store.js";

const { useTestPlatform } = setupTestServer();

const create = (body: unknown, token: string | undefined = ADMIN) =>
  call("POST", "/workspaces", { ...(token ? { token } : {}), body });

describe("POST /workspaces", () => {
  it("answers 201 provisioning with an api-kind auth_token and stores the harness's fields", async () => {
    const platform = useTestPlatform();
    const res = await create({
      name: "Lifecycle E2E Stub",
      tier: 2,
      runtime: "claude-code",
      model: "m",
      secrets: { K: "V" },
    });
    expect(res.status).toBe(201);
    const body = CreatedWorkspace.parse(res.body);
    expect(platform.state.tokens.lookup(body.auth_token!)?.kind).toBe("api");
    expect(platform.state.workspaces.get(body.id)).toMatchObject({
      name: "Lifecycle E2E Stub",
      tier: 2,
      runtime: "claude-code",
      model: "m",
      secrets: { K: "V" },
      status: "provisioning",
    });
  });

  // external_connection_test.go, workspace.go Create: no top-level token, an instance-kind token in connection.
  it("answers an external workspace without a URL with awaiting_agent and an instance-token connection block", async () => {
    const platform = useTestPlatform();
    const res = await create({ name: "Offline Test", tier: 1, runtime: "external", external: true });
    expect(res.status).toBe(201);
    expect(CreateWorkspaceResponse.parse(res.body)).toMatchObject({
      external: true,
      status: "awaiting_agent",
    });
    expect(res.body.auth_token).toBeUndefined();
    expect(res.body.connection).toMatchObject({
      workspace_id: res.body.id,
      registry_endpoint: "http://platform.test/registry/register",
      heartbeat_endpoint: "http://platform.test/registry/heartbeat",
    });
    for (const key of ["curl_register_template", "python_snippet", "universal_mcp_snippet", "kimi_snippet"])
      expect(res.body.connection[key]).toEqual(expect.any(String));
    expect(platform.state.tokens.lookup(res.body.connection.auth_token)?.kind).toBe("instance");
    expect(platform.state.workspaces.get(res.body.id)?.status).toBe("awaiting_agent");
  });

  // workspace_test.go:TestWorkspaceCreate_ExternalURL_SSRFSafe, :…_SSRFMetadataBlocked, :…_SSRFLoopbackBlocked.
  it("answers an external workspace with a safe URL with 201 online and no token, and refuses unsafe URLs before any insert", async () => {
    const platform = useTestPlatform({ deployMode: "self-hosted" });
    const ok = await create({ name: "Ext", external: true, url: "https://agent.public.test/a2a" });
    expect(ok).toMatchObject({ status: 201, body: { external: true, status: "online" } });
    expect(Object.keys(ok.body).sort()).toEqual(["external", "id", "status"]);
    expect(platform.state.workspaces.get(ok.body.id)).toMatchObject({
      status: "online",
      runtime: "external",
    });
    expect(platform.state.tokens.live(ok.body.id)).toEqual([]);
    const rows = platform.state.workspaces.all().length;
    expect(
      (await create({ name: "M", external: true, url: "http://169.254.169.254/latest/meta-data/" })).body,
    ).toEqual({
      error:
        "unsafe workspace URL: url targets a blocked address: link-local address (cloud metadata endpoint)",
    });
    expect((await create({ name: "L", external: true, url: "http://127.0.0.1:9000/a2a" })).body).toEqual({
      error: "unsafe workspace URL: url targets a blocked address: loopback address",
    });
    expect(platform.state.workspaces.all()).toHaveLength(rows);
  });

  // workspace_test.go:TestWorkspaceCreate_BadJSON, handlers_additional_test.go:TestWorkspaceCreate_MissingName.
  it.each([
    ["unparseable JSON", "{nope"],
    ["no name", "{}"],
    ["an empty name", '{"name":""}'],
    ["a wrong type", '{"name":"x","tier":"two"}'],
  ])("answers 400 invalid workspace payload for %s", async (_case, rawBody) => {
    useTestPlatform();
    const res = await call("POST", "/workspaces", { token: ADMIN, rawBody });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid workspace payload" } });
  });

  // handlers_extended_test.go:TestCreate_FieldValidation_Returns400, :TestValidateWorkspaceFields_Lengths;
  // the YAML-special characters are workspace_crud.go validateWorkspaceFields (#685).
  it.each([
    ["a newline in the name", { name: "a\nb" }],
    ["a CR in the role", { name: "a", role: "r\r" }],
    ["a newline in the model", { name: "a", model: "m\n" }],
    ["a newline in the runtime", { name: "a", runtime: "claude-code\n" }],
    ["a 256-character name", { name: "n".repeat(256) }],
    ["a 1,001-character role", { name: "a", role: "r".repeat(1001) }],
    ["a 101-character model", { name: "a", model: "m".repeat(101) }],
    ["a YAML special in the name", { name: "a{b}" }],
    ["a YAML special in the role", { name: "a", role: "x | y" }],
  ])("answers 400 invalid workspace fields for %s", async (_case, patch) => {
    useTestPlatform();
    const res = await create({ runtime: "claude-code", model: "m", ...patch });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid workspace fields" } });
  });

  it("accepts a 255-character name (the limit is bytes, inclusive)", async () => {
    useTestPlatform();
    expect((await create({ name: "n".repeat(255), runtime: "claude-code", model: "m" })).status).toBe(201);
  });

  // handlers_extended_test.go:TestCreate_ModelRequired_Returns422,
  // workspace_test.go:TestWorkspaceCreate_188_NoTemplateNoRuntime_NowMODEL_REQUIRED.
  it.each([
    [{ name: "x" }, "hermes"],
    [{ name: "x", runtime: "codex" }, "codex"],
    [{ name: "x", runtime: "hermes" }, "hermes"],
  ])("answers 422 MODEL_REQUIRED for %j", async (body, runtime) => {
    useTestPlatform();
    const res = await create(body);
    expect(res).toMatchObject({
      status: 422,
      body: { code: "MODEL_REQUIRED", error: PlatformMessages.modelRequired, runtime, template: "" },
    });
  });

  it("needs no model for an external runtime (handlers_extended_test.go:TestCreate_ExternalRuntime_NoModel_OK)", async () => {
    useTestPlatform();
    expect((await create({ name: "x", runtime: "kimi" })).status).toBe(201);
  });

  // workspace_test.go:TestWorkspaceCreate_UnsupportedRuntimeFailsBeforeInsert, :TestWorkspaceCreate_ExternalRejectsContainerRuntimeLabel.
  it("answers 422 RUNTIME_UNSUPPORTED for an unknown runtime and for an external workspace on a container runtime", async () => {
    const platform = useTestPlatform();
    expect((await create({ name: "x", runtime: "langgraph", model: "m" })).body).toEqual({
      code: "RUNTIME_UNSUPPORTED",
      error: "unsupported workspace runtime",
      runtime: "langgraph",
    });
    expect((await create({ name: "x", external: true, runtime: "claude-code" })).body).toEqual({
      code: "RUNTIME_UNSUPPORTED",
      error: 'external workspaces must use runtime "external", "kimi", or "kimi-cli"',
      runtime: "claude-code",
    });
    expect(platform.state.workspaces.all()).toEqual([]);
  });

  it("answers 400 for a delivery_mode that is neither push nor poll (workspace.go Create)", async () => {
    useTestPlatform();
    const res = await create({ name: "x", runtime: "claude-code", model: "m", delivery_mode: "pigeon" });
    expect(res).toMatchObject({ status: 400, body: { error: "delivery_mode must be 'push' or 'poll'" } });
  });

  // workspace_create_name_test.go: suffixes per parent, then 409.
  it("suffixes a colliding name, and answers 409 once every suffix is taken", async () => {
    const platform = useTestPlatform();
    await createWorkspace({ name: "Alpha" });
    const { id } = await createWorkspace({ name: "Alpha" });
    expect(platform.state.workspaces.get(id)?.name).toBe("Alpha (2)");
    for (let n = 3; n <= 20; n++) await createWorkspace({ name: "Alpha" });
    expect((await create({ name: "Alpha", runtime: "claude-code", model: "m" })).body).toEqual({
      error: "workspace name already in use; please pick a different name",
    });
  });

  // middleware/wsauth_middleware_test.go:TestAdminAuth_C10_NoBearer_Returns401, :TestAdminAuth_InvalidBearer_Returns401.
  it("returns 401 admin auth required without a bearer and invalid admin auth token with a wrong one", async () => {
    useTestPlatform();
    expect((await create({ name: "x" }, "")).body).toEqual({ error: "admin auth required" });
    expect((await create({ name: "x" }, "nope")).body).toEqual({ error: "invalid admin auth token" });
  });

  // …:TestAdminAuth_684_AdminTokenNotSet_FallsBackToWorkspaceToken, :TestAdminAuth_FreshInstallNoTokens_FailsClosed.
  it("accepts a workspace token on AdminAuth only while no ADMIN_TOKEN is set (fails closed)", async () => {
    const platform = useTestPlatform({ adminToken: undefined });
    expect((await call("POST", "/workspaces", { body: { name: "x" } })).status).toBe(401);
    const token = platform.state.tokens.mint(randomUUID(), "api").token;
    expect((await create({ name: "x", runtime: "claude-code", model: "m" }, token)).status).toBe(201);
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
  it("lists rows without removed ones, with the fields Get strips (workspace.go List)", async () => {
    const platform = useTestPlatform();
    const a = await createWorkspace({ name: "A" });
    const b = await createWorkspace({ name: "B" });
    platform.state.workspaces.get(b.id)!.status = "removed";
    const res = await call("GET", "/workspaces", { token: ADMIN });
    const rows = WorkspaceList.parse(res.body);
    expect(rows.map((row) => row.id)).toEqual([a.id]);
    expect(res.body[0]).toMatchObject({ current_task: "", monthly_spend: 0, budget_limit: null });
  });

  // handlers_test.go:TestWorkspaceGet_CurrentTask, workspace_test.go:TestWorkspaceGet_SensitiveFieldsStripped,
  // :TestWorkspaceGet_FinancialFieldsStripped, :TestWorkspaceGet_Success.
  it("gets a row without auth, never exposing current_task, budget_limit, monthly_spend or workspace_dir", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace();
    platform.state.workspaces.get(id)!.currentTask = "reading the secrets";
    const res = await call("GET", `/workspaces/${id}`);
    expect(WorkspaceRow.parse(res.body)).toMatchObject({
      id,
      status: "provisioning",
      url: "",
      last_sample_error: "",
    });
    for (const key of ["current_task", "budget_limit", "monthly_spend", "workspace_dir", "delivery_mode"])
      expect(res.body).not.toHaveProperty(key);
    expect(res.text).not.toContain("reading the secrets");
    expect(res.body).toMatchObject({
      broadcast_enabled: false,
      talk_to_user_enabled: true,
      mcp_surface: null,
      compute: {},
      loaded_mcp_tools: [],
      wedged: false,
      last_outbound_at: null,
    });
  });

  // handlers_extended_test.go:TestGet_InvalidUUID_Returns400, workspace_test.go:TestWorkspaceGet_NotFound,
  // :TestWorkspaceGet_RemovedReturns410, :TestWorkspaceGet_RemovedWithIncludeQueryReturns200.
  it("answers 400 for a non-UUID id, 404 for a missing one, 410 with a hint for a removed one unless include_removed", async () => {
    const platform = useTestPlatform();
    for (const bad of ["not-a-uuid", "ws-123", "123"])
      expect((await call("GET", `/workspaces/${bad}`)).body).toEqual({ error: "invalid workspace ID" });
    expect((await call("GET", `/workspaces/${randomUUID()}`)).body).toEqual({ error: "workspace not found" });
    const { id } = await createWorkspace();
    platform.state.workspaces.get(id)!.status = "removed";
    const gone = await call("GET", `/workspaces/${id}`);
    expect(gone.status).toBe(410);
    expect(gone.body).toEqual({
      error: "workspace removed",
      id,
      hint: "Create a replacement workspace in Canvas, then open Settings → Workspace Tokens → + New Token",
      removed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await call("GET", `/workspaces/${id}?include_removed=true`)).body.status).toBe("removed");
  });

  // workspace_test.go:TestWorkspaceState_ValidTokenReturnsStatus, :TestWorkspaceState_PausedDetected,
  // :TestWorkspaceState_DeletedRowReturns404WithDeletedFlag, :TestWorkspaceState_MissingTokenWhenOnFile.
  it("answers the state route with its own token check and upstream's 404 bodies", async () => {
    const platform = useTestPlatform();
    const { id, token } = await createWorkspace();
    expect((await call("GET", `/workspaces/${id}/state`, { token })).body).toEqual({
      workspace_id: id,
      status: "provisioning",
      paused: false,
      deleted: false,
    });
    platform.state.workspaces.get(id)!.status = "paused";
    expect((await call("GET", `/workspaces/${id}/state`, { token })).body).toMatchObject({ paused: true });
    // The admin token passes WorkspaceAuth, but the handler wants a token of the workspace itself.
    expect((await call("GET", `/workspaces/${id}/state`, { token: ADMIN })).body).toEqual({
      error: "invalid workspace auth token",
    });
    expect((await call("GET", `/workspaces/${id}/state`)).body).toEqual({
      error: "missing workspace auth token",
    });
    const missing = randomUUID();
    const res = await call("GET", `/workspaces/${missing}/state`, { token: ADMIN });
    expect(res).toMatchObject({ status: 404, body: { workspace_id: missing, deleted: true } });
    expect(res.body).not.toHaveProperty("status");
    platform.state.workspaces.get(id)!.status = "removed";
    const removed = await call("GET", `/workspaces/${id}/state`, { token: ADMIN });
    expect(removed).toMatchObject({
      status: 404,
      body: { workspace_id: id, status: "removed", deleted: true },
    });
  });
});

describe("POST /workspaces/:id/secrets", () => {
  it("saves a self-write without restarting; the bearer's workspace wins over X-Workspace-ID (core#2573)", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner });
    const { id, token } = await createWorkspace();
    const other = await createWorkspace({ name: "Other" });
    await platform.control.idle();
    provisioner.volume(id).set("config.yaml", { content: "name: x\n", mode: 0o644 });
    const provisions = () =>
      provisioner.calls.filter((c) => c.op === "provision" && c.workspaceId === id).length;
    const before = provisions();
    const self = await call("POST", `/workspaces/${id}/secrets`, {
      token,
      body: { key: "HOSTNAME", value: "localhost" },
    });
    expect(self.body).toEqual({ status: "saved", key: "HOSTNAME" });
    await platform.control.idle();
    expect(provisions()).toBe(before);
    expect(platform.state.workspaces.get(id)?.secrets.HOSTNAME).toBe("localhost");
    // A token of another workspace cannot pass WorkspaceAuth, so the other writer here is a token
    // of this workspace naming another caller in X-Workspace-ID: callerWorkspaceID reads the token first.
    await call("POST", `/workspaces/${id}/secrets`, {
      token,
      headers: { "x-workspace-id": other.id },
      body: { key: "K", value: "v" },
    });
    await platform.control.idle();
    expect(provisions()).toBe(before);
  });

  // approval_gate_admin_token_integration_test.go:TestIntegration_AdminToken_SecretWrite_WithoutApproval_Rejected,
  // :TestIntegration_AdminToken_SecretWrite_WithApproval_Succeeds; approval_gate_integration_test.go:
  // TestIntegration_RequireApproval_GateCycle; approval_gate_test.go:TestApprovalRequestHash_StableAndContextSensitive.
  it("holds an admin-token write behind the approval gate, and lets the identical retry through once", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner });
    const { id } = await createWorkspace();
    await platform.control.idle();
    provisioner.volume(id).set("config.yaml", { content: "name: x\n", mode: 0o644 });
    const write = (key: string, value = "v") =>
      call("POST", `/workspaces/${id}/secrets`, { token: ADMIN, body: { key, value } });
    const gated = await write("K");
    expect(gated.status).toBe(202);
    expect(gated.body).toEqual({
      action: "secret_write",
      approval_id: expect.any(String),
      reason: "write secret K",
      status: "pending_approval",
    });
    expect(platform.state.workspaces.get(id)?.secrets.K).toBeUndefined();
    expect((await write("K", "other value")).body.approval_id).toBe(gated.body.approval_id); // same key, same approval
    const decided = await call("POST", `/workspaces/${id}/approvals/${gated.body.approval_id}/decide`, {
      token: ADMIN,
      body: { decision: "approved", decided_by: "e2e-api-smoke" },
    });
    expect(decided.body).toEqual({ status: "approved", approval_id: gated.body.approval_id });
    expect((await write("B")).status).toBe(202); // an approval for K does not authorise B
    const before = provisioner.calls.filter((c) => c.op === "provision").length;
    expect(await write("K")).toMatchObject({ status: 200, body: { status: "saved", key: "K" } });
    await platform.control.idle();
    expect(provisioner.calls.filter((c) => c.op === "provision")).toHaveLength(before + 1);
    const again = await write("K");
    expect(again.status).toBe(202);
    expect(again.body.approval_id).not.toBe(gated.body.approval_id);
  });

  // secrets.go Set (core#2566): an admin token never writes a platform root's secrets, nor an unknown row's.
  it("answers 403 CONCIERGE_SELF_WRITE_BLOCKED to an admin-token write to a platform root or a missing row", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace();
    platform.state.workspaces.get(id)!.kind = "platform";
    const res = await call("POST", `/workspaces/${id}/secrets`, {
      token: ADMIN,
      body: { key: "K", value: "v" },
    });
    expect(res).toMatchObject({
      status: 403,
      body: { code: "CONCIERGE_SELF_WRITE_BLOCKED", key: "K", workspace_id: id },
    });
    const missing = randomUUID();
    const none = await call("POST", `/workspaces/${missing}/secrets`, {
      token: ADMIN,
      body: { key: "K", value: "v" },
    });
    expect(none.body).toMatchObject({
      code: "CONCIERGE_SELF_WRITE_BLOCKED",
      error: PlatformMessages.selfWriteKindUnknown,
    });
  });

  // handlers_additional_test.go:TestSecretsUUIDValidation, :TestSecretsSet_InvalidJSON; secrets.go binding.
  it("answers 400 for an id that is not a lower-case UUID and for a body without a non-empty key and value", async () => {
    useTestPlatform();
    const { id, token } = await createWorkspace();
    const upper = id.toUpperCase();
    expect(
      (await call("POST", `/workspaces/${upper}/secrets`, { token: ADMIN, body: { key: "K", value: "v" } }))
        .body,
    ).toEqual({
      error: "invalid workspace ID",
    });
    for (const body of [{ key: "K", value: "" }, { key: "", value: "v" }, { key: "K" }]) {
      const res = await call("POST", `/workspaces/${id}/secrets`, { token, body });
      expect(res).toMatchObject({ status: 400, body: { error: "invalid request body" } });
    }
  });

  // middleware/wsauth_middleware_test.go:TestWorkspaceAuth_351_NoBearer_Returns401_NoDBCalls, :…_WrongWorkspace_Returns401.
  it("returns 401 missing or invalid workspace auth token", async () => {
    useTestPlatform();
    const a = await createWorkspace({ name: "A" });
    const b = await createWorkspace({ name: "B" });
    const body = { key: "K", value: "v" };
    expect((await call("POST", `/workspaces/${a.id}/secrets`, { body })).body).toEqual({
      error: "missing workspace auth token",
    });
    expect((await call("POST", `/workspaces/${a.id}/secrets`, { token: b.token, body })).body).toEqual({
      error: "invalid workspace auth token",
    });
  });
});

describe("POST /workspaces/:id/approvals/:approvalId/decide", () => {
  // approvals_test.go:TestApprovals_Decide_MissingDecision, :…_InvalidDecision, :…_NotFound, :…_Denied.
  it("checks the decision before it looks the approval up, and finds only a pending one of the workspace", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace();
    const decide = (approvalId: string, body: unknown, workspaceId = id) =>
      call("POST", `/workspaces/${workspaceId}/approvals/${approvalId}/decide`, { token: ADMIN, body });
    const unknown = randomUUID();
    expect((await decide(unknown, {})).body).toEqual({ error: "invalid request body" });
    expect((await decide(unknown, { decision: "rejected" })).body).toEqual({
      error: "decision must be 'approved' or 'denied'",
    });
    expect((await decide(unknown, { decision: "approved" })).body).toEqual({
      error: "approval not found or already decided",
    });
    const approval = platform.state.approvals.request(id, "secret_write", "write secret K", {
      workspace_id: id,
      key: "K",
    });
    const other = await createWorkspace({ name: "Other" });
    expect((await decide(approval.id, { decision: "denied" }, other.id)).status).toBe(404);
    expect((await decide(approval.id, { decision: "denied" })).body).toEqual({
      status: "denied",
      approval_id: approval.id,
    });
    expect(platform.state.approvals.get(approval.id)).toMatchObject({ status: "denied", decidedBy: "human" });
    expect((await decide(approval.id, { decision: "approved" })).status).toBe(404);
  });
});

describe("POST /admin/workspaces/:id/tokens", () => {
  it("mints an api token bound to the workspace with 201", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace();
    const res = await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN });
    expect(res.status).toBe(201);
    expect(res.body.message).toBe("Save this token now — it cannot be retrieved again.");
    expect(platform.state.tokens.validate(res.body.auth_token, id)?.kind).toBe("api");
  });

  // admin_workspace_tokens_test.go:TestAdminWorkspaceTokenHandler_Create_RateLimited, :…_Create_MissingWorkspace.
  it("answers 429 at 50 live tokens, 404 for a missing or removed workspace, 400 invalid workspace id", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace(); // 1 live api token
    for (let i = 0; i < 49; i++)
      expect((await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN })).status).toBe(201);
    expect((await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN })).body).toEqual({
      error: "maximum 50 active tokens per workspace",
    });
    expect((await call("POST", `/admin/workspaces/${randomUUID()}/tokens`, { token: ADMIN })).body).toEqual({
      error: "workspace not found",
    });
    platform.state.workspaces.get(id)!.status = "removed";
    expect((await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN })).status).toBe(404);
    expect((await call("POST", "/admin/workspaces/bad/tokens", { token: ADMIN })).body).toEqual({
      error: "invalid workspace id",
    });
  });

  it("refuses a workspace token while ADMIN_TOKEN is set", async () => {
    useTestPlatform();
    const { id, token } = await createWorkspace();
    expect((await call("POST", `/admin/workspaces/${id}/tokens`, { token })).status).toBe(401);
  });
});

describe("the workspace row bound", () => {
  it("refuses a create and a register 503 once MAX_WORKSPACE_ROWS live rows exist", async () => {
    const platform = useTestPlatform();
    for (let i = 0; i < MAX_WORKSPACE_ROWS; i++)
      platform.state.workspaces.insert(newWorkspaceRecord({ id: randomUUID(), name: `w${i}` }));
    const created = await create({ name: "one more", runtime: "claude-code", model: "m" });
    expect(created.status).toBe(503);
    expect(created.body.error).toMatch(/workspaces exist: delete some/);
    const id = randomUUID();
    const registered = await call("POST", "/registry/register", {
      body: registerBody(id, "http://localhost:1"),
    });
    expect(registered.status).toBe(503);
    expect(platform.state.workspaces.get(id)).toBeUndefined();
  });
});
