import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HeartbeatRequest, parseContract, RegisterRequest } from "@molecule-ctk/contract";
import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { mintToken, TEST_PLATFORM_URL, TEST_WORKSPACE_ID } from "./stub-runtime-test-utils.js";
import { useStubSuite } from "./stub-suite-test-utils.js";

const h = useStubSuite();

describe("register and heartbeat bodies", () => {
  it("sends a register body and heartbeat bodies shaped as contract 10.4", async () => {
    const stub = await h.start(
      { errorRate: 0.25, sampleError: "boom", activeTasks: 2 },
      { startedAt: Date.now() - 12_000 },
    );
    const register = await h.platform.waitFor("register", (c) => c.path === "/registry/register");
    const beat = await h.platform.waitFor("heartbeat", (c) => c.path === "/registry/heartbeat");

    expect(parseContract(RegisterRequest, register.body, "register")).toEqual({
      id: TEST_WORKSPACE_ID,
      url: stub.registerUrl,
      delivery_mode: "push",
      agent_card: { name: TEST_WORKSPACE_ID, description: "stub runtime (e2e lifecycle)", skills: [] },
    });
    expect(stub.registerUrl).toBe(`http://localhost:${stub.port}`);
    const body = parseContract(HeartbeatRequest, beat.body, "heartbeat");
    expect(Object.keys(body).sort()).toEqual(
      ["active_tasks", "current_task", "error_rate", "sample_error", "uptime_seconds", "workspace_id"].sort(),
    );
    expect(body).toMatchObject({ workspace_id: TEST_WORKSPACE_ID, error_rate: 0.25, sample_error: "boom" });
    expect(body.active_tasks).toBe(2);
    expect(Number.isInteger(body.uptime_seconds)).toBe(true);
    expect(body.uptime_seconds).toBeGreaterThanOrEqual(12);
  });

  it("registers with STUB_REGISTER_URL when it is set", async () => {
    await h.start({}, { edit: (config) => (config.runtime.registerUrlOverride = "http://localhost:43123") });
    const register = await h.platform.waitFor("register", (c) => c.path === "/registry/register");
    expect((register.body as { url: string }).url).toBe("http://localhost:43123");
  });

  it("registers with MOLECULE_WORKSPACE_URL when no override is set", async () => {
    await h.start({}, { edit: (config) => (config.runtime.workspaceUrl = "http://localhost:40999") });
    const register = await h.platform.waitFor("register", (c) => c.path === "/registry/register");
    expect((register.body as { url: string }).url).toBe("http://localhost:40999");
  });

  it("heartbeats without waiting for register success", async () => {
    h.server.use(http.post(`${TEST_PLATFORM_URL}/registry/register`, () => delay("infinite")));
    await h.start({ requestTimeoutMs: 60_000 });
    const beat = await h.platform.waitFor(
      "third heartbeat",
      (c) => c.path === "/registry/heartbeat" && c.index >= 2,
    );
    expect(beat.outcome).toBe(200);
    expect(h.platform.registers).toHaveLength(0);
  });
});

describe("bearer tokens", () => {
  it("sends the volume token and picks up a rotated token file on the next beat", async () => {
    const first = mintToken();
    const second = mintToken();
    h.platform.liveTokens.add(first);
    await h.configDir.writeToken(first);
    await h.start();
    const beat = await h.platform.waitFor(
      "beat with the volume token",
      (c) => c.path === "/registry/heartbeat",
    );
    expect(beat.token).toBe(first);
    const register = await h.platform.waitFor("register", (c) => c.path === "/registry/register");
    expect(register.token).toBe(first);

    h.platform.liveTokens.add(second);
    await h.configDir.writeToken(second);
    const rotated = await h.platform.waitFor("beat with the rotated token", (c) => c.token === second);
    expect(rotated).toMatchObject({ path: "/registry/heartbeat", outcome: 200 });
    h.platform.liveTokens.delete(first);
    const after = await h.platform.waitFor(
      "a later beat",
      (c) => c.path === "/registry/heartbeat",
      rotated.index + 1,
    );
    expect(after.token).toBe(second);
  });

  it("re-registers after a heartbeat 401 and the beats resume", async () => {
    const token = mintToken();
    h.platform.liveTokens.add(token);
    await h.configDir.writeToken(token);
    await h.start();
    await h.platform.waitFor("first register", (c) => c.path === "/registry/register" && c.outcome === 200);
    h.server.use(
      http.post(
        `${TEST_PLATFORM_URL}/registry/heartbeat`,
        async ({ request }) => {
          h.platform.record("/registry/heartbeat", request, await request.json(), 401);
          return HttpResponse.json({ error: "invalid workspace auth token" }, { status: 401 });
        },
        { once: true },
      ),
    );
    const rejected = await h.platform.waitFor("a 401 beat", (c) => c.outcome === 401);
    const again = await h.platform.waitFor(
      "re-register",
      (c) => c.path === "/registry/register",
      rejected.index,
    );
    const resumed = await h.platform.waitFor(
      "beat after it",
      (c) => c.path === "/registry/heartbeat",
      again.index,
    );
    expect(again.outcome).toBe(200);
    expect(resumed.outcome).toBe(200);
    await h.logs.waitFor(/heartbeat 401 - re-registering/);
  });

  it("stops sending a volume token the platform rejected and uses the register-response token until the file changes", async () => {
    // The platform lost its state: the volume token is unknown, so the register mints and returns a new one.
    const stale = mintToken();
    await h.configDir.writeToken(stale);
    await h.start();
    const minting = await h.platform.waitFor("bootstrap register", (c) => c.path === "/registry/register");
    expect(minting.token).toBe(stale);
    const rejected = await h.platform.waitFor("401 for the stale token", (c) => c.outcome === 401);
    expect(rejected.token).toBe(stale);
    const [captured] = [...h.platform.liveTokens];
    const recovered = await h.platform.waitFor(
      "beat with the captured token",
      (c) => c.path === "/registry/heartbeat" && c.outcome === 200,
      rejected.index,
    );
    expect(recovered.token).toBe(captured);
    const later = await h.platform.waitFor(
      "another beat",
      (c) => c.path === "/registry/heartbeat",
      recovered.index + 1,
    );
    expect(later.token).toBe(captured);
    expect(h.platform.calls.slice(rejected.index + 1).some((c) => c.token === stale)).toBe(false);

    const rotated = mintToken();
    h.platform.liveTokens.add(rotated);
    await h.configDir.writeToken(rotated);
    const fresh = await h.platform.waitFor("beat with the rotated file", (c) => c.token === rotated);
    expect(fresh.outcome).toBe(200);
  });

  it("captures the register-response token and beats with it when the volume has none", async () => {
    const stub = await h.start();
    const register = await h.platform.waitFor(
      "register",
      (c) => c.path === "/registry/register" && c.outcome === 200,
    );
    expect(register.token).toBeUndefined();
    const [minted] = [...h.platform.liveTokens];
    const beat = await h.platform.waitFor(
      "beat with it",
      (c) => c.path === "/registry/heartbeat" && c.token === minted,
    );
    expect(beat.outcome).toBe(200);
    expect(stub.tokens.captured).toBe(minted);
  });
});

describe("boot", () => {
  it("materialises declared plugins and config.yaml schedules before it listens", async () => {
    await writeFile(
      join(h.configDir.path, "config.yaml"),
      "schedules:\n  - name: daily\n    cron: '0 9 * * *'\n",
    );
    const stub = await h.start(
      {},
      {
        edit: (config) =>
          (config.runtime.declaredPlugins = ["gitea://molecule-ai/molecule-ai-plugin-scheduler#v0.2.0"]),
      },
    );
    const plugin = await readFile(
      join(h.configDir.path, "plugins/molecule-ai-plugin-scheduler/plugin.yaml"),
      "utf8",
    );
    expect(plugin.trim()).not.toBe("");
    const schedules = await readFile(join(h.configDir.path, "schedules/schedules.yaml"), "utf8");
    expect(schedules).toContain("daily");
    const order = h.logs.events.map((e) => e.subsystem);
    expect(order.indexOf("plugins")).toBeLessThan(
      h.logs.lines.findIndex((line) => line.startsWith("listening on")),
    );
    expect(order.indexOf("schedules")).toBeLessThan(
      h.logs.lines.findIndex((line) => line.startsWith("listening on")),
    );
    const response = await stub.handler.handle(new Request(`${stub.url}/internal/schedules`));
    expect(await response.json()).toMatchObject({ schedules: [{ name: "daily", cron: "0 9 * * *" }] });
  });
});
