import { describe, expect, it } from "vitest";
import {
  ADMIN,
  call,
  createWorkspace,
  InMemoryProvisioner,
  provisionedWorkspace,
  registerBody,
  setupTestServer,
} from "../platform-test-utils.js";

const { useTestPlatform } = setupTestServer();

const post = (path: string) => call("POST", path, { token: ADMIN });

// workspace_restart_test.go:TestPauseHandler_*, :TestResumeHandler_*, :TestHibernateWorkspace_*;
// handlers_additional_test.go:TestPause_Success, :TestPause_WithDescendants, :TestResume_NotPaused,
// :TestResume_ProvisionerNil; registry_dormant_status_integration_test.go:TestIntegration_Register_Dormant_StatusInviolable (#2332).
describe("POST /workspaces/:id/pause, /resume, /hibernate", () => {
  it("pauses: stops the container, clears the URL, and no register or heartbeat lifts it back (#2332)", async () => {
    const provisioner = new InMemoryProvisioner();
    const { platform, id } = await provisionedWorkspace(useTestPlatform, provisioner);
    const token = provisioner.volume(id).get(".auth_token")!.content;
    await call("POST", "/registry/heartbeat", { token, body: { workspace_id: id } });
    expect(await post(`/workspaces/${id}/pause`)).toMatchObject({
      status: 200,
      body: { status: "paused", paused_count: 1 },
    });
    const row = platform.state.workspaces.get(id)!;
    expect(row).toMatchObject({ status: "paused", url: null });
    expect(provisioner.calls.at(-1)).toMatchObject({ op: "stop", workspaceId: id });
    await call("POST", "/registry/register", { token, body: registerBody(id, "http://localhost:9001") });
    await call("POST", "/registry/heartbeat", { token, body: { workspace_id: id } });
    expect(row.status).toBe("paused");
    expect((await call("GET", `/workspaces/${id}/state`, { token })).body).toEqual({
      workspace_id: id,
      status: "paused",
      paused: true,
      deleted: false,
    });
    expect((await post(`/workspaces/${id}/pause`)).body).toEqual({
      error: "workspace not found or already paused",
    });
  });

  it("needs ?cascade=true for descendants, and counts them", async () => {
    const platform = useTestPlatform();
    const parent = await createWorkspace({ name: "Lead" });
    const child = await createWorkspace({ name: "Dev", parent_id: parent.id });
    const refused = await post(`/workspaces/${parent.id}/pause`);
    expect(refused).toMatchObject({
      status: 409,
      body: {
        error: "workspace has descendants — use ?cascade=true to pause all",
        descendants: [{ id: child.id, name: "Dev" }],
      },
    });
    expect((await post(`/workspaces/${parent.id}/pause?cascade=true`)).body).toEqual({
      status: "paused",
      paused_count: 2,
    });
    expect(platform.state.workspaces.get(child.id)?.status).toBe("paused");
  });

  it("resumes into provisioning and provisions again; refuses a row that is not paused, and without a provisioner", async () => {
    const provisioner = new InMemoryProvisioner();
    const { platform, id } = await provisionedWorkspace(useTestPlatform, provisioner);
    expect((await post(`/workspaces/${id}/resume`)).body).toEqual({
      error: "workspace not found or not paused",
    });
    await post(`/workspaces/${id}/pause`);
    expect(await post(`/workspaces/${id}/resume`)).toMatchObject({
      status: 200,
      body: { status: "provisioning", resumed_count: 1 },
    });
    await platform.control.idle();
    expect(provisioner.calls.filter((c) => c.op === "provision" && c.workspaceId === id)).toHaveLength(2);
    // The in-memory provisioner starts nothing, so it reports no URL: the row keeps none until a
    // runtime registers one (decision 007).
    expect(platform.state.workspaces.get(id)?.status).toBe("provisioning");
  });

  it("answers 503 to a resume without a provisioner", async () => {
    useTestPlatform();
    const { id } = await createWorkspace();
    await post(`/workspaces/${id}/pause`);
    expect((await post(`/workspaces/${id}/resume`)).body).toEqual({ error: "provisioner not available" });
  });

  it("answers 409 to a resume under a paused ancestor, naming it", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner });
    const root = await createWorkspace({ name: "Root" });
    const child = await createWorkspace({ name: "Child", parent_id: root.id });
    await platform.control.idle();
    await post(`/workspaces/${root.id}/pause?cascade=true`);
    expect(await post(`/workspaces/${child.id}/resume`)).toMatchObject({
      status: 409,
      body: { error: 'parent workspace "Root" is paused — resume it first' },
    });
  });

  it("hibernates only an online or degraded row, and asks for ?force=true with active tasks", async () => {
    const platform = useTestPlatform();
    const { id } = await createWorkspace();
    expect((await post(`/workspaces/${id}/hibernate`)).body).toEqual({
      error: "workspace not found or not in a hibernatable state (must be online or degraded)",
    });
    const row = platform.state.workspaces.get(id)!;
    row.status = "online";
    row.activeTasks = 2;
    expect(await post(`/workspaces/${id}/hibernate`)).toMatchObject({
      status: 409,
      body: { error: "workspace has active tasks; use ?force=true to terminate them", active_tasks: 2 },
    });
    expect(await post(`/workspaces/${id}/hibernate?force=true`)).toMatchObject({
      status: 200,
      body: { status: "hibernated" },
    });
    expect(row).toMatchObject({ status: "hibernated", activeTasks: 0, url: null });
  });
});
