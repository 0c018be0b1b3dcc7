import { randomUUID } from "node:crypto";
import { configVolumeEmptyError } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  call,
  createWorkspace,
  InMemoryProvisioner,
  provisionedWorkspace as provisionedWorkspaceOn,
  provisionerOps,
  setupTestServer,
} from "../platform-test-utils.js";

const { useTestPlatform } = setupTestServer();

const provisionedWorkspace = (provisioner: InMemoryProvisioner, log?: (line: string) => void) =>
  provisionedWorkspaceOn(useTestPlatform, provisioner, log);
const ops = provisionerOps;

describe("restart (contract 8.6)", () => {
  it("answers 200 provisioning, stops first, clears the url, then re-provisions with a rotated token", async () => {
    const provisioner = new InMemoryProvisioner({
      onStart: (_, result) => `http://localhost:${result.hostPort}`,
    });
    const { platform, id, token } = await provisionedWorkspace(provisioner);
    const firstToken = provisioner.volume(id).get(".auth_token")!.content;
    const firstUrl = platform.state.workspaces.get(id)!.url;
    const res = await call("POST", `/workspaces/${id}/restart`, { token, body: {} });
    expect(res.body).toEqual({
      status: "provisioning",
      config_dir: `ws-${id}-configs`,
      reset_session: false,
    });
    expect(platform.state.workspaces.get(id)?.status).toBe("provisioning");
    await platform.control.idle();
    expect(ops(provisioner, id)).toEqual(["provision", "stop", "provision"]);
    const last = provisioner.calls.at(-1);
    expect(last?.op === "provision" && last.request.requireExistingConfig).toBe(true);
    const rotated = provisioner.volume(id).get(".auth_token")!.content;
    expect(rotated).not.toBe(firstToken);
    expect(platform.state.tokens.validate(firstToken, id)).toBeUndefined();
    expect(platform.state.tokens.validate(rotated, id)?.kind).toBe("instance");
    expect(platform.state.tokens.validate(token, id)?.kind).toBe("api"); // api tokens survive
    expect(firstUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect(platform.state.workspaces.get(id)?.url).not.toBe(firstUrl);
  });

  it("does not let the old container's heartbeat lift provisioning while the restart removes it (contract 14, 15)", async () => {
    let oldToken = "";
    const beats: Array<{ status: number; rowStatus: string | undefined }> = [];
    let platformRef:
      | { state: { workspaces: { get(id: string): { status: string } | undefined } } }
      | undefined;
    let workspaceId = "";
    const provisioner = new InMemoryProvisioner({
      onStop: async (id) => {
        if (!oldToken) return;
        const beat = await call("POST", "/registry/heartbeat", {
          token: oldToken,
          body: { workspace_id: id },
        });
        beats.push({ status: beat.status, rowStatus: platformRef?.state.workspaces.get(id)?.status });
      },
    });
    const { platform, id, token } = await provisionedWorkspace(provisioner);
    platformRef = platform;
    workspaceId = id;
    oldToken = provisioner.volume(id).get(".auth_token")!.content;
    await call("POST", `/workspaces/${workspaceId}/restart`, { token, body: {} });
    await platform.control.idle();
    expect(beats).toEqual([{ status: 200, rowStatus: "provisioning" }]); // accepted, but no lift
    expect(platform.state.workspaces.get(id)?.status).toBe("provisioning");
    const newToken = provisioner.volume(id).get(".auth_token")!.content;
    const beat = await call("POST", "/registry/heartbeat", { token: newToken, body: { workspace_id: id } });
    expect(beat.status).toBe(200);
    expect(platform.state.workspaces.get(id)?.status).toBe("online"); // the new container's beat lifts it
  });

  it("lifts the restart's provisioning only with the new provision's token, whenever an older token beats", async () => {
    const provisioner = new InMemoryProvisioner({ provisionDelayMs: 30 });
    const { platform, id, token } = await provisionedWorkspace(provisioner);
    const firstToken = provisioner.volume(id).get(".auth_token")!.content;
    const apiBefore = platform.state.tokens.mint(id, "api").token;
    await call("POST", `/workspaces/${id}/restart`, { token, body: {} });
    // The restart is under way: the first container's token is revoked (401) or, before the new
    // mint, still accepted; either way neither older token lifts the row.
    for (const older of [firstToken, apiBefore]) {
      const beat = await call("POST", "/registry/heartbeat", { token: older, body: { workspace_id: id } });
      expect([200, 401]).toContain(beat.status);
      expect(platform.state.workspaces.get(id)?.status).toBe("provisioning");
    }
    await platform.control.idle();
    const late = await call("POST", "/registry/heartbeat", { token: apiBefore, body: { workspace_id: id } });
    expect(late.status).toBe(200);
    expect(platform.state.workspaces.get(id)?.status).toBe("provisioning");
    const newToken = provisioner.volume(id).get(".auth_token")!.content;
    await call("POST", "/registry/heartbeat", { token: newToken, body: { workspace_id: id } });
    expect(platform.state.workspaces.get(id)?.status).toBe("online");
    // Once online, the gate is gone: any accepted beat is a beat again (#1784).
    expect(platform.state.workspaces.get(id)?.provisionGate).toBeNull();
  });

  it("marks the row failed with the contract text when the config volume is empty (#17/#1858)", async () => {
    const provisioner = new InMemoryProvisioner();
    const { platform, id, token } = await provisionedWorkspace(provisioner);
    provisioner.volume(id).delete("config.yaml");
    await call("POST", `/workspaces/${id}/restart`, { token, rawBody: "" });
    await platform.control.idle();
    expect(platform.state.workspaces.get(id)).toMatchObject({
      status: "failed",
      lastSampleError: configVolumeEmptyError(id),
    });
  });

  it("with provisionOnCreate off, provisions first at the restart and generates config.yaml there", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner, provisionOnCreate: false });
    const { id, token } = await createWorkspace({ name: "No Create Provision", runtime: "claude-code" });
    await platform.control.idle();
    expect(ops(provisioner, id)).toEqual([]);
    await call("POST", `/workspaces/${id}/restart`, { token, body: {} });
    await platform.control.idle();
    const first = provisioner.calls.find((c) => c.workspaceId === id && c.op === "provision");
    expect(first?.op === "provision" && first.request.requireExistingConfig).toBe(false);
    expect(provisioner.volume(id).has("config.yaml")).toBe(true);
    await call("POST", `/workspaces/${id}/restart`, { token, body: {} });
    await platform.control.idle();
    const last = provisioner.calls.at(-1);
    expect(last?.op === "provision" && last.request.requireExistingConfig).toBe(true);
  });

  it("runs one restart at a time per workspace", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const provisioner = new InMemoryProvisioner({ provisionDelayMs: 20 });
    const provision = provisioner.provision.bind(provisioner);
    provisioner.provision = async (request) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await provision(request);
      } finally {
        inFlight--;
      }
    };
    const { platform, id, token } = await provisionedWorkspace(provisioner);
    await Promise.all([1, 2, 3].map(() => call("POST", `/workspaces/${id}/restart`, { token, body: {} })));
    await platform.control.idle();
    expect(maxInFlight).toBe(1);
    expect(ops(provisioner, id).filter((op) => op === "provision").length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ["a non-JSON body", { rawBody: "nope", path: undefined }, 400, { error: "invalid JSON body" }],
    ["a missing workspace", { body: {}, path: randomUUID() }, 404, { error: "workspace not found" }],
  ])(
    "answers %s",
    async (_label, options: { rawBody?: string; body?: unknown; path: string | undefined }, status, body) => {
      const provisioner = new InMemoryProvisioner();
      const { id } = await provisionedWorkspace(provisioner);
      const res = await call("POST", `/workspaces/${options.path ?? id}/restart`, {
        token: ADMIN,
        ...options,
      });
      expect(res).toMatchObject({ status, body });
    },
  );

  // workspace_restart_test.go:TestRestartHandler_NilProvisionerReturns503, :TestRestartHandler_ExternalRuntimeNoOps,
  // :TestRestartHandler_KimiRuntimeNoOps.
  it("answers 503 provisioner not available without a provisioner, and a no-op naming an operator-driven runtime", async () => {
    useTestPlatform();
    const { id, token } = await createWorkspace();
    expect((await call("POST", `/workspaces/${id}/restart`, { token, body: {} })).body).toEqual({
      error: "provisioner not available",
    });
    for (const runtime of ["external", "kimi"]) {
      const ext = await createWorkspace({ name: `Ext ${runtime}`, external: true, runtime });
      expect((await call("POST", `/workspaces/${ext.id}/restart`, { token: ext.token })).body).toEqual({
        status: "noop",
        runtime,
        message: `${runtime} workspaces are operator-driven — restart your local agent; platform has nothing to restart`,
      });
    }
    const mock = await createWorkspace({ name: "Mock", runtime: "mock" });
    expect((await call("POST", `/workspaces/${mock.id}/restart`, { token: mock.token })).body).toEqual({
      status: "noop",
      runtime: "mock",
      message: "mock workspaces have no container — restart is a no-op",
    });
  });

  // workspace_restart_test.go:TestRestartHandler_WorkspaceNotFoundReturns404, :…_RemovedWorkspaceReturns404,
  // :…_AncestorPausedBlocksRestart; handlers_additional_test.go:TestRestart_ParentPaused.
  it("looks the row up before the body, and names a paused ancestor at any distance", async () => {
    const provisioner = new InMemoryProvisioner();
    const { platform, id } = await provisionedWorkspace(provisioner);
    expect(
      (await call("POST", `/workspaces/${randomUUID()}/restart`, { token: ADMIN, rawBody: "nope" })).body,
    ).toEqual({
      error: "workspace not found",
    });
    const root = await createWorkspace({ name: "Root Team" });
    const mid = await createWorkspace({ name: "Mid", parent_id: root.id });
    platform.state.workspaces.get(id)!.parentId = mid.id;
    platform.state.workspaces.get(root.id)!.status = "paused";
    expect(await call("POST", `/workspaces/${id}/restart`, { token: ADMIN, body: {} })).toMatchObject({
      status: 409,
      body: { error: 'parent workspace "Root Team" is paused — resume it first' },
    });
    platform.state.workspaces.get(id)!.status = "removed";
    expect((await call("POST", `/workspaces/${id}/restart`, { token: ADMIN, body: {} })).status).toBe(404);
  });

  it("writes the boot-telemetry line when the container runs (contract 8.4)", async () => {
    const lines: string[] = [];
    const { id } = await provisionedWorkspace(new InMemoryProvisioner(), (line) => lines.push(line));
    expect(
      lines.some((l) => l.startsWith(`boot-telemetry: workspace=${id} step=1/8 key=PWR status=running`)),
    ).toBe(true);
  });
});

// workspace_test.go:TestWorkspaceDelete_ConfirmationRequired, :TestWorkspaceDelete_CascadeWithChildren;
// handlers_extended_test.go:TestDelete_InvalidUUID_Returns400; approvals/policy.go (delete is not gated, #2579).
describe("delete (contract 9)", () => {
  it("asks for X-Confirm-Name, then removes without an approval even for the admin", async () => {
    const provisioner = new InMemoryProvisioner();
    const { platform, id } = await provisionedWorkspace(provisioner);
    const unconfirmed = await call("DELETE", `/workspaces/${id}?confirm=true`, { token: ADMIN });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toMatchObject({
      error: "destructive_action_requires_confirmation",
      hint: "Re-send the same request with header X-Confirm-Name: Lifecycle E2E Stub",
      workspace_name: "Lifecycle E2E Stub",
      child_count: 0,
    });
    const headers = { "x-confirm-name": "Lifecycle E2E Stub" };
    const removed = await call("DELETE", `/workspaces/${id}?confirm=true`, { token: ADMIN, headers });
    expect(removed).toMatchObject({ status: 200, body: { status: "removed", cascade_deleted: 0 } });
    expect(platform.state.approvals.all()).toEqual([]);
    expect(platform.state.workspaces.get(id)?.status).toBe("removed");
    expect(platform.state.tokens.live(id)).toHaveLength(0);
    expect(ops(provisioner, id).at(-1)).toBe("remove");
    expect(provisioner.hasVolume(id)).toBe(false);
    const again = await call("DELETE", `/workspaces/${id}`, { token: ADMIN, headers });
    expect(again).toMatchObject({ status: 410, body: { error: "workspace removed", id } });
  });

  it("answers 400 invalid workspace ID and 404 workspace not found before anything else", async () => {
    useTestPlatform();
    expect((await call("DELETE", "/workspaces/not-a-uuid", { token: ADMIN })).body).toEqual({
      error: "invalid workspace ID",
    });
    expect((await call("DELETE", `/workspaces/${randomUUID()}`, { token: ADMIN })).body).toEqual({
      error: "workspace not found",
    });
  });

  it("needs ?confirm=true to cascade to children, then removes them too; purge deletes the rows", async () => {
    const platform = useTestPlatform({ adminToken: undefined });
    const bootstrap = platform.state.tokens.mint(randomUUID(), "api").token;
    const body = (name: string, extra = {}) => ({ name, runtime: "claude-code", model: "m", ...extra });
    const parent = await call("POST", "/workspaces", { token: bootstrap, body: body("P") });
    const child = await call("POST", "/workspaces", {
      token: bootstrap,
      body: body("C", { parent_id: parent.body.id }),
    });
    const headers = { "x-confirm-name": "P" };
    const refused = await call("DELETE", `/workspaces/${parent.body.id}`, { token: bootstrap, headers });
    expect(refused).toMatchObject({
      status: 409,
      body: { status: "confirmation_required", children_count: 1 },
    });
    const done = await call("DELETE", `/workspaces/${parent.body.id}?confirm=true&purge=true`, {
      token: bootstrap,
      headers,
    });
    expect(done.body).toEqual({ status: "purged", cascade_deleted: 1 });
    expect(platform.state.workspaces.get(child.body.id)).toBeUndefined();
  });

  it("answers 500 naming the failed stops, with the rows already removed (workspace_crud.go Delete)", async () => {
    const provisioner = new InMemoryProvisioner();
    const { platform, id } = await provisionedWorkspace(provisioner);
    provisioner.remove = async () => {
      throw new Error("docker: conflict");
    };
    const res = await call("DELETE", `/workspaces/${id}`, {
      token: ADMIN,
      headers: { "x-confirm-name": "Lifecycle E2E Stub" },
    });
    expect(res).toMatchObject({
      status: 500,
      body: {
        error: "workspace marked removed, but 1 stop call(s) failed — please retry: docker: conflict",
        removed_count: 1,
        stop_failures: 1,
      },
    });
    expect(platform.state.workspaces.get(id)?.status).toBe("removed");
  });
});
