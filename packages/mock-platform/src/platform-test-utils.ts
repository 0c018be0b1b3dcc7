import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { STUB_REPLY_TEXT } from "@molecule-ctk/contract";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createMockPlatform, type MockPlatform } from "./create-mock-platform.js";
import type { HostResolver, MockPlatformOptions } from "./options.js";
import { allocateHostPort } from "./provisioner/docker/ports.js";
import { InMemoryProvisioner } from "./provisioner/in-memory-provisioner.js";

export const BASE = "http://platform.test";
export const ADMIN = "test-admin-token";

/** A DNS table for tests: the URL checks resolve through it and never touch the network. */
export const FAKE_DNS: Record<string, string[]> = {
  localhost: ["127.0.0.1", "::1"],
  "agent.public.test": ["93.184.216.34"],
  "agent.private.test": ["10.1.2.3"],
  "agent.cgnat.test": ["100.64.0.9"],
  "agent.mixed.test": ["93.184.216.34", "169.254.169.254"],
};

export const fakeResolver: HostResolver = async (host) => {
  const hit = FAKE_DNS[host.toLowerCase()];
  if (!hit) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
  return hit;
};

/** One msw server for a test file; each test adds its platform's handlers with {@link useTestPlatform}. */
export function setupTestServer() {
  const server = setupServer();
  const platforms: MockPlatform[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => {
    server.resetHandlers();
    for (const platform of platforms.splice(0)) await platform.close();
  });
  afterAll(() => server.close());
  return {
    server,
    /** A platform on BASE with test defaults (dev mode, admin token, fake DNS), served by `server`. */
    useTestPlatform(options: MockPlatformOptions = {}) {
      const platform = createMockPlatform({
        baseUrl: BASE,
        adminToken: ADMIN,
        deployMode: "development",
        resolver: fakeResolver,
        healthSweepIntervalMs: 0,
        provisionSweepIntervalMs: 0,
        restartProvisioningDelayMs: 0,
        ssrfRetry: { attempts: 1, delayMs: 0 },
        ...options,
      });
      platforms.push(platform);
      server.use(...platform.handlers);
      return platform;
    },
  };
}

/** The result of {@link call}. */
export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON fields
  body: any;
}

/** Calls the mock platform at BASE (or `base`) with a JSON body and an optional bearer. */
export async function call(
  method: string,
  path: string,
  options: {
    body?: unknown;
    rawBody?: string;
    token?: string;
    headers?: Record<string, string>;
    base?: string;
  } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const response = await fetch(`${options.base ?? BASE}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** Creates a workspace as the admin (claude-code, with a model unless `body` says otherwise); returns its id and token. */
export async function createWorkspace(
  body: Record<string, unknown> = {},
): Promise<{ id: string; token: string }> {
  const created = await call("POST", "/workspaces", {
    token: ADMIN,
    body: { name: "WS", runtime: "claude-code", model: "claude-opus-4-7", ...body },
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  return { id: created.body.id, token: created.body.auth_token ?? created.body.connection?.auth_token };
}

/** The stub's register body for a workspace and URL. */
export function registerBody(id: string, url: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    url,
    delivery_mode: "push",
    agent_card: { name: id, description: "stub runtime (e2e lifecycle)", skills: [] },
    ...extra,
  };
}

/** A real loopback HTTP agent: records each request and answers with `respond` (default: STUB_REPLY_TEXT). */
export async function startFakeAgent(
  respond?: (request: { method: string; url: string; body: string }, res: ServerResponse) => void,
) {
  const requests: Array<{ method: string; url: string; headers: IncomingMessage["headers"]; body: string }> =
    [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      if (respond) return respond({ method: req.method ?? "", url: req.url ?? "", body }, res);
      const id = (JSON.parse(body || "{}") as { id?: unknown }).id ?? null;
      const reply = {
        jsonrpc: "2.0",
        id,
        result: {
          kind: "message",
          role: "agent",
          parts: [{ kind: "text", text: STUB_REPLY_TEXT }],
          messageId: "m-1",
        },
      };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on, picked the way the provisioner pre-allocates host ports. */
export const freePort = () => allocateHostPort();

export { InMemoryProvisioner };

/** A workspace created on a fresh test platform with `provisioner`, its create-time provision done. */
export async function provisionedWorkspace(
  useTestPlatform: (options?: MockPlatformOptions) => MockPlatform,
  provisioner: InMemoryProvisioner,
  log?: (line: string) => void,
) {
  const platform = useTestPlatform({ provisioner, ...(log ? { log } : {}) });
  const created = await createWorkspace({ name: "Lifecycle E2E Stub", runtime: "claude-code" });
  await platform.control.idle();
  return { platform, ...created };
}

/** The provisioner operations made for one workspace, in order, without the isRunning probes. */
export const provisionerOps = (provisioner: InMemoryProvisioner, id: string) =>
  provisioner.calls.filter((c) => c.workspaceId === id && c.op !== "isRunning").map((c) => c.op);
