import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DeployMode } from "@molecule-ctk/contract";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, call, fakeResolver, freePort } from "./platform-test-utils.js";
import { type StartedMockPlatformServer, startMockPlatformServer } from "./server/mock-platform-server.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
// One process with tsx's loader: through tsx's CLI the afterEach SIGKILL reached only its parent and
// left the stub itself running.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;

/** The two runtimes the mock platform must serve alike: the reference Python stub and the TypeScript stub. */
const STUBS = {
  "the reference Python stub": {
    command: "python3",
    args: [join(repoRoot, "reference/stub_runtime_seed.py")],
  },
  "the TypeScript stub": {
    command: process.execPath,
    args: ["--import", tsxLoader, "--conditions=source", join(repoRoot, "packages/stub-runtime/src/main.ts")],
  },
} as const;

let server: StartedMockPlatformServer | undefined;
let child: ChildProcess | undefined;
let configDir: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
  await server?.close();
  if (configDir) await rm(configDir, { recursive: true, force: true });
  child = server = configDir = undefined;
});

async function startPeer(
  stub: keyof typeof STUBS,
  deployMode: DeployMode,
  options: { volumeToken?: boolean } = {},
) {
  server = await startMockPlatformServer({ adminToken: ADMIN, deployMode, resolver: fakeResolver });
  const base = server.url;
  const created = await call("POST", "/workspaces", {
    base,
    token: ADMIN,
    body: { name: "Peer Stub", tier: 2, runtime: "claude-code", model: "claude-opus-4-7" },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const port = await freePort();
  configDir = await mkdtemp(join(tmpdir(), "mock-platform-peer-"));
  if (options.volumeToken) {
    // What a provisioner does before start (contract 3.2): mint the instance token into the volume.
    await writeFile(join(configDir, ".auth_token"), await server.platform.control.rotateToken(id), {
      mode: 0o600,
    });
  }
  const since = server.platform.events.cursor();
  let output = "";
  child = spawn(STUBS[stub].command, [...STUBS[stub].args], {
    env: {
      ...process.env,
      WORKSPACE_ID: id,
      PLATFORM_URL: base,
      STUB_PORT: String(port),
      STUB_REGISTER_URL: `http://localhost:${port}`,
      WORKSPACE_CONFIG_PATH: configDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  await server.platform.events
    .waitFor((e) => e.type === "WORKSPACE_ONLINE" && e.workspaceId === id && typeof e.data.url === "string", {
      since,
      timeoutMs: 20_000,
      description: `${stub} registered`,
    })
    .catch((error: Error) => {
      throw new Error(`${error.message}\nstub output:\n${output}`);
    });
  return { id, token: created.body.auth_token as string, port, base };
}

const harnessMessage = (text: string) => ({
  method: "message/send",
  params: { message: { role: "user", parts: [{ type: "text", text }] } },
});

describe.each(Object.keys(STUBS) as Array<keyof typeof STUBS>)(
  "%s against the mock platform over HTTP",
  (stub) => {
    it("registers, goes online and answers message/send through the proxy with STUB OK", async () => {
      const { id, token, port, base } = await startPeer(stub, "development");
      const row = await call("GET", `/workspaces/${id}`, { base, token: ADMIN });
      expect(row.body).toMatchObject({ status: "online", url: `http://localhost:${port}` });
      const headers = { "x-workspace-id": id };
      const reply = await call("POST", `/workspaces/${id}/a2a`, {
        base,
        token,
        headers,
        body: harnessMessage("ping"),
      });
      expect(reply.status).toBe(200);
      expect(reply.text).toContain('"result"');
      expect(reply.text).toContain("STUB OK");
      expect(reply.body.result.role).toBe("agent");
      const unknown = await call("POST", `/workspaces/${id}/a2a`, {
        base,
        token,
        headers,
        body: { jsonrpc: "2.0", id: "custom-id-123", method: "nonexistent/method", params: {} },
      });
      expect(unknown.body).toMatchObject({ id: "custom-id-123", error: { code: -32601 } });
    }, 40_000);

    it("registers and heartbeats with a provisioner-written volume token, every call answered 200", async () => {
      const { id } = await startPeer(stub, "development", { volumeToken: true });
      const since = server!.platform.events.cursor();
      const beat = await server!.platform.events.waitFor(
        (e) => e.type === "WORKSPACE_HEARTBEAT" && e.workspaceId === id,
        { since, timeoutMs: 15_000 },
      );
      expect(beat.data).toMatchObject({ active_tasks: 0 });
      await new Promise((resolve) => setImmediate(resolve)); // the event fires before the handler journals its answer
      const calls = server!.platform.control
        .journal({ workspaceId: id })
        .filter((e) => e.route.startsWith("/registry/"));
      expect(calls.map((e) => e.route)).toEqual(
        expect.arrayContaining(["/registry/register", "/registry/heartbeat"]),
      );
      expect(calls.map((e) => e.status)).toEqual(calls.map(() => 200));
    }, 40_000);
  },
);

describe("the reference Python stub in strict mode", () => {
  it("registers by name as localhost, but the proxy refuses the loopback target with 502", async () => {
    const { id, token, base } = await startPeer("the reference Python stub", "self-hosted");
    const reply = await call("POST", `/workspaces/${id}/a2a`, {
      base,
      token,
      headers: { "x-workspace-id": id },
      body: harnessMessage("ping"),
    });
    expect(reply).toMatchObject({ status: 502, body: { error: "workspace URL is not publicly routable" } });
  }, 40_000);
});
