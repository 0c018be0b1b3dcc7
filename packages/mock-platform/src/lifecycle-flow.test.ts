import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStubConfig, type StartedStubRuntime, startStubRuntime } from "@molecule-ctk/stub-runtime";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, BASE, call, setupTestServer } from "./platform-test-utils.js";
import { InMemoryProvisioner } from "./provisioner/in-memory-provisioner.js";

// The lifecycle harness's steps (contract 12.2), in-process: the mock platform under setupServer, the
// InMemoryProvisioner starting a real TypeScript stub runtime on every (re)provision.
const { useTestPlatform } = setupTestServer();
const stubs = new Map<string, StartedStubRuntime>();
const dirs: string[] = [];

afterEach(async () => {
  for (const stub of stubs.values()) await stub.close();
  stubs.clear();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function stubProvisioner(): InMemoryProvisioner {
  const provisioner: InMemoryProvisioner = new InMemoryProvisioner({
    onStart: async (request) => {
      const dir = await mkdtemp(join(tmpdir(), "mock-platform-flow-"));
      dirs.push(dir);
      for (const [path, file] of provisioner.volume(request.workspaceId)) {
        await writeFile(join(dir, path), file.content, { mode: file.mode });
      }
      const config = parseStubConfig({
        WORKSPACE_ID: request.workspaceId,
        PLATFORM_URL: BASE,
        WORKSPACE_CONFIG_PATH: dir,
        STUB_PORT: "0",
        STUB_HEARTBEAT_INTERVAL_MS: "50",
        STUB_REGISTER_DELAY_MS: "50",
      });
      const stub = await startStubRuntime({ config, host: "127.0.0.1" });
      stubs.set(request.workspaceId, stub);
      return stub.registerUrl;
    },
    onStop: async (workspaceId) => {
      await stubs.get(workspaceId)?.close();
      stubs.delete(workspaceId);
    },
  });
  return provisioner;
}

describe("the lifecycle harness flow against the in-process mock platform", () => {
  it("creates, restarts into online, survives a restart, proxies STUB OK and deletes", async () => {
    const provisioner = stubProvisioner();
    const lines: string[] = [];
    const platform = useTestPlatform({ provisioner, log: (line) => lines.push(line) });

    const created = await call("POST", "/workspaces", {
      token: ADMIN,
      body: {
        name: "Lifecycle E2E Stub",
        tier: 2,
        runtime: "claude-code",
        model: "claude-opus-4-7",
        secrets: { ANTHROPIC_API_KEY: "sk-dummy" },
      },
    });
    const id: string = created.body.id;
    let wtoken = (await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN })).body
      .auth_token as string;
    await call("POST", `/workspaces/${id}/secrets`, {
      token: wtoken,
      body: { key: "HOSTNAME", value: "localhost" },
    });
    await platform.control.idle();
    provisioner
      .volume(id)
      .set("config.yaml", { content: `name: ${id}\ndescription: lifecycle e2e\n`, mode: 0o644 });

    // Step 3: restart, then online.
    let since = platform.events.cursor();
    expect((await call("POST", `/workspaces/${id}/restart`, { token: wtoken, body: {} })).text).toContain(
      '"status":"provisioning"',
    );
    await platform.events.waitForStatus(id, "online", { since, timeoutMs: 10_000 });
    const first = await call("GET", `/workspaces/${id}`, { token: ADMIN });
    expect(first.body.url).toMatch(/^http:\/\/localhost:\d+$/);
    const telemetry = `boot-telemetry: workspace=${id} step=1/8 key=PWR status=running`;
    expect(lines.some((line) => line.startsWith(telemetry))).toBe(true);
    expect((await call("GET", "/workspaces", { token: ADMIN })).text).toContain(`"${id}"`);

    // Step 4: restart survival with a fresh api token.
    wtoken = (await call("POST", `/admin/workspaces/${id}/tokens`, { token: ADMIN })).body.auth_token;
    since = platform.events.cursor();
    expect((await call("POST", `/workspaces/${id}/restart`, { token: wtoken, body: {} })).text).toContain(
      "provisioning",
    );
    await platform.events.waitForStatus(id, "online", { since, timeoutMs: 10_000 });
    const after = await call("GET", `/workspaces/${id}`, { token: ADMIN });
    expect(String(after.body.last_sample_error ?? "")).not.toMatch(/config volume is empty/i);
    expect(provisioner.container(id)).toBeDefined();

    // Step 5: proxy reach.
    const reply = await call("POST", `/workspaces/${id}/a2a`, {
      token: wtoken,
      headers: { "x-workspace-id": id },
      body: {
        method: "message/send",
        params: { message: { role: "user", parts: [{ type: "text", text: "ping" }] } },
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain("STUB OK");
    expect(reply.body.result.role).toBe("agent");

    // Teardown: delete is not approval-gated since #2579, so the harness's gated-op helper sends it once.
    const headers = { "x-confirm-name": "Lifecycle E2E Stub" };
    expect((await call("DELETE", `/workspaces/${id}?confirm=true`, { token: ADMIN, headers })).body).toEqual({
      status: "removed",
      cascade_deleted: 0,
    });
    expect(stubs.has(id)).toBe(false);
  }, 30_000);
});
