import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  call,
  createWorkspace,
  InMemoryProvisioner,
  provisionedWorkspace as provisionedWorkspaceOn,
  provisionerOps,
  registerBody,
  setupTestServer,
} from "../platform-test-utils.js";

const { useTestPlatform } = setupTestServer();

const provisionedWorkspace = (provisioner: InMemoryProvisioner, log?: (line: string) => void) =>
  provisionedWorkspaceOn(useTestPlatform, provisioner, log);
const ops = provisionerOps;

describe("liveness and sweeps (contract 6.3)", () => {
  it("takes a workspace offline when its liveness key expires, then re-provisions it", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner, livenessTtlMs: 50 });
    const { id } = await createWorkspace();
    await platform.control.idle();
    provisioner.volume(id).set("config.yaml", { content: "x: 1\n", mode: 0o644 });
    const since = platform.events.cursor();
    const reg = await call("POST", "/registry/register", {
      body: registerBody(id, "http://localhost:8000"),
      token: provisioner.volume(id).get(".auth_token")!.content,
    });
    expect(reg.status).toBe(200);
    await platform.events.waitFor((e) => e.type === "WORKSPACE_OFFLINE" && e.workspaceId === id, { since });
    await platform.events.waitForStatus(id, "provisioning", { since });
    await platform.control.idle();
    expect(ops(provisioner, id).slice(-2)).toEqual(["stop", "provision"]);
  });

  it("lifts a liveness-expired workspace back online on its next heartbeat", async () => {
    const platform = useTestPlatform({ livenessTtlMs: 60_000 });
    const id = randomUUID();
    const token = (await call("POST", "/registry/register", { body: registerBody(id, "http://localhost:1") }))
      .body.auth_token;
    platform.control.expireLiveness(id);
    expect(platform.state.workspaces.get(id)?.status).toBe("offline");
    await call("POST", "/registry/heartbeat", { token, body: { workspace_id: id } });
    expect(platform.state.workspaces.get(id)?.status).toBe("online");
  });

  it("takes an online workspace offline when the health sweep finds its container gone", async () => {
    const provisioner = new InMemoryProvisioner();
    const { platform, id } = await provisionedWorkspace(provisioner);
    const token = provisioner.volume(id).get(".auth_token")!.content;
    await call("POST", "/registry/heartbeat", { token, body: { workspace_id: id } });
    expect(platform.state.workspaces.get(id)?.status).toBe("online");
    await provisioner.kill(id);
    const since = platform.events.cursor();
    await platform.control.runSweeps();
    const offline = platform.events.history(since).find((e) => e.type === "STATUS_CHANGED");
    expect(offline?.data).toMatchObject({ from: "online", to: "offline" });
    await platform.control.idle();
    expect(provisioner.container(id)).toBeDefined();
  });

  it("fails a row stuck in provisioning past the timeout with the contract's sample error", async () => {
    const platform = useTestPlatform({ provisionTimeoutMs: 1 });
    const { id } = await createWorkspace();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await platform.control.runSweeps();
    expect(platform.state.workspaces.get(id)).toMatchObject({
      status: "failed",
      lastSampleError:
        "provisioning timed out — container started but never called /registry/register. Check the container logs.",
    });
    expect(platform.events.history().find((e) => e.type === "WORKSPACE_PROVISION_FAILED")?.data).toEqual({
      source: "provision_timeout_sweep",
    });
  });
});
