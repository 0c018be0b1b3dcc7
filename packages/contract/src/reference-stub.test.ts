// Runs the reference Python stub (reference/stub_runtime_seed.py) against a capturing platform and
// checks the bodies it REALLY sends and answers against the zod schemas and the exported JSON Schemas.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JsonRpcErrorResponse } from "./a2a/json-rpc.js";
import { MessageSendResponse } from "./a2a/message-send.js";
import { FORWARDED_MESSAGE_SEND, jsonSchemaValidator, TOKEN, WORKSPACE_ID } from "./contract-test-utils.js";
import { HeartbeatRequest } from "./heartbeat.js";
import { bearerToken } from "./primitives.js";
import { RegisterRequest } from "./registry.js";

const SEED = fileURLToPath(new URL("../../../reference/stub_runtime_seed.py", import.meta.url));
const VOLUME_TOKEN = "dm9sdW1lLXRva2VuLWZvci10aGUtcmVmZXJlbmNlLXN";

interface Captured {
  body: unknown;
  authorization: string | undefined;
}

let platform: Server;
let stub: ChildProcess;
let stubUrl: string;
let configDir: string;
const captured = new Map<string, Captured>();
const firstCalls = new Map<string, Promise<Captured>>();
const resolvers = new Map<string, (c: Captured) => void>();
let stubOutput = "";

for (const path of ["/registry/register", "/registry/heartbeat"]) {
  firstCalls.set(path, new Promise((resolve) => resolvers.set(path, resolve)));
}

beforeAll(async () => {
  platform = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    req.on("end", () => {
      const call = { body: JSON.parse(raw) as unknown, authorization: req.headers.authorization };
      const path = req.url ?? "";
      if (!captured.has(path)) {
        captured.set(path, call);
        resolvers.get(path)?.(call);
      }
      const reply =
        path === "/registry/register"
          ? {
              status: "registered",
              delivery_mode: "push",
              platform_inbound_secret: "inbound",
              auth_token: TOKEN,
            }
          : { status: "ok", generation: 0 };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => platform.listen(0, "127.0.0.1", resolve));
  const platformPort = (platform.address() as AddressInfo).port;
  configDir = mkdtempSync(join(tmpdir(), "reference-stub-"));
  writeFileSync(join(configDir, ".auth_token"), `${VOLUME_TOKEN}\n`, { mode: 0o600 });
  // A port picked free can be taken before python binds it (Docker hands out host ports from the
  // same range while the lifecycle suite runs): start again on another port when that happens.
  for (let attempt = 1; ; attempt++) {
    const stubPort = await freePort();
    stubUrl = `http://127.0.0.1:${stubPort}`;
    stub = startReferenceStub(platformPort, stubPort);
    if ((await listening(stub)) || attempt === 3) break;
  }
});

afterAll(async () => {
  stub?.kill("SIGKILL");
  await new Promise<void>((resolve) => platform.close(() => resolve()));
  rmSync(configDir, { recursive: true, force: true });
});

// A python3 process boots here: on 2 busy cores that can take seconds, so the waits are generous.
describe("the reference Python stub's real bodies", { timeout: 30_000 }, () => {
  it("registers with a body both the zod schema and the JSON Schema accept, bearing the volume token", async () => {
    const call = await within(firstCalls.get("/registry/register")!, "the reference stub's first register");
    expect(RegisterRequest.safeParse(call.body).success).toBe(true);
    expect(jsonSchemaValidator("register-request")(call.body)).toBe(true);
    expect(call.body).toMatchObject({
      id: WORKSPACE_ID,
      url: expect.stringMatching(/^http:\/\/localhost:\d+$/),
    });
    expect(bearerToken(call.authorization)).toBe(VOLUME_TOKEN);
  });

  it("heartbeats with a body both schemas accept, bearing the volume token", async () => {
    const call = await within(firstCalls.get("/registry/heartbeat")!, "the reference stub's first heartbeat");
    expect(HeartbeatRequest.safeParse(call.body).success).toBe(true);
    expect(jsonSchemaValidator("heartbeat-request")(call.body)).toBe(true);
    expect(bearerToken(call.authorization)).toBe(VOLUME_TOKEN);
  });

  it("answers message/send with a reply both schemas accept, keeping the request id", async () => {
    const reply = await postToStub(FORWARDED_MESSAGE_SEND);
    expect(MessageSendResponse.safeParse(reply).success).toBe(true);
    expect(jsonSchemaValidator("message-send-response")(reply)).toBe(true);
    expect(reply).toMatchObject({
      id: FORWARDED_MESSAGE_SEND.id,
      result: { role: "agent", parts: [{ text: "STUB OK" }] },
    });
  });

  it("answers an unknown method with -32601, valid under both schemas", async () => {
    const reply = await postToStub({
      jsonrpc: "2.0",
      id: "custom-id-123",
      method: "nonexistent/method",
      params: {},
    });
    expect(JsonRpcErrorResponse.safeParse(reply).success).toBe(true);
    expect(jsonSchemaValidator("json-rpc-error-response")(reply)).toBe(true);
    expect(reply).toMatchObject({ id: "custom-id-123", error: { code: -32601 } });
  });
});

function startReferenceStub(platformPort: number, stubPort: number): ChildProcess {
  const child = spawn("python3", [SEED], {
    env: {
      PATH: process.env.PATH,
      WORKSPACE_ID,
      PLATFORM_URL: `http://127.0.0.1:${platformPort}/`,
      STUB_PORT: String(stubPort),
      WORKSPACE_CONFIG_PATH: configDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.on("error", (error) => {
    stubOutput += `spawn failed: ${error.message} (the peer tests need python3 on PATH)`;
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    stubOutput += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stubOutput += chunk.toString("utf8");
  });
  return child;
}

/** Resolves true once the stub logs "listening on", false if it exits (or fails to spawn) first. */
function listening(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString("utf8").includes("listening on")) done(true);
    };
    const onExit = () => done(false);
    const done = (result: boolean) => {
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onExit);
      resolve(result);
    };
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onExit);
  });
}

async function postToStub(body: unknown): Promise<unknown> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    try {
      const response = await fetch(stubUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(2_000),
      });
      return await response.json();
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`the reference stub never answered: ${String(error)}\n${stubOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function within<T>(promise: Promise<T>, what: string, ms = 25_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\n${stubOutput}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Not mock-platform's allocateHostPort: mock-platform depends on this package, not the reverse.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
