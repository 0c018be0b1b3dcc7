import { randomUUID } from "node:crypto";
import { getResponse } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JournalEntry } from "../control/request-journal.js";
import { ADMIN, fakeResolver, registerBody, startFakeAgent } from "../platform-test-utils.js";
import { type StartedMockPlatformServer, startMockPlatformServer } from "./mock-platform-server.js";

// The HTTP server runs the routes straight from the route table; in-process, msw matches the same
// routes through its handlers. Each request here goes both ways against one platform, and the two
// answers (status, headers, body) and journal entries must be the same.

interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body as a stream of unknown length (chunked over HTTP). */
  stream?: boolean;
}

function bodyInit(sent: Sent): RequestInit {
  if (sent.body === undefined) return {};
  if (!sent.stream) return { body: sent.body };
  const bytes = new TextEncoder().encode(sent.body);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 64 * 1024)
        controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      controller.close();
    },
  });
  return { body, duplex: "half" } as RequestInit;
}

type Answer =
  | { kind: "answer"; status: number; headers: Record<string, string>; body: string }
  | { kind: "no route" }
  | { kind: "dropped" };

/** Headers only one transport has: the wire's framing and date. */
const TRANSPORT_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

function answerOf(response: Response, body: string): Answer {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (!TRANSPORT_HEADERS.has(name)) headers[name] = value;
  return { kind: "answer", status: response.status, headers, body };
}

async function overHttp(base: string, sent: Sent): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${base}${sent.path}`, {
      method: sent.method,
      headers: sent.headers ?? {},
      ...bodyInit(sent),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return { kind: "dropped" };
  }
  const body = await response.text();
  if (response.status === 404 && body === "404 page not found") return { kind: "no route" };
  return answerOf(response, body);
}

async function inProcess(server: StartedMockPlatformServer, sent: Sent): Promise<Answer> {
  const { platform } = server;
  const request = new Request(`${platform.baseUrl}${sent.path}`, {
    method: sent.method,
    headers: sent.headers ?? {},
    ...bodyInit(sent),
  });
  const response = await getResponse(platform.handlers, request, { baseUrl: platform.baseUrl });
  if (!response) return { kind: "no route" };
  if (response.type === "error") return { kind: "dropped" };
  return answerOf(response, await response.text());
}

/** A journal entry without what differs between two calls (sequence, time) or between transports. */
function comparable(entry: JournalEntry, sentHeaders: Record<string, string>) {
  const { seq: _seq, at: _at, durationMs: _duration, headers, ...rest } = entry;
  const names = Object.keys(sentHeaders).map((name) => name.toLowerCase());
  return { ...rest, headers: Object.fromEntries(names.map((name) => [name, headers[name]])) };
}

let server: StartedMockPlatformServer;
let agent: Awaited<ReturnType<typeof startFakeAgent>>;
const workspace = randomUUID();
let token = "";

beforeAll(async () => {
  agent = await startFakeAgent();
  server = await startMockPlatformServer({
    adminToken: ADMIN,
    deployMode: "development",
    resolver: fakeResolver,
  });
  const registered = await fetch(`${server.url}/registry/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(registerBody(workspace, agent.url)),
  });
  token = ((await registered.json()) as { auth_token: string }).auth_token;
});

afterAll(async () => {
  await server?.close();
  await agent?.close();
});

const json = { "content-type": "application/json" };
const admin = { authorization: `Bearer ${ADMIN}` };
const bearer = () => ({ ...json, authorization: `Bearer ${token}` });
const beat = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ workspace_id: workspace, error_rate: 0, active_tasks: 0, uptime_seconds: 1, ...extra });

const cases: Array<[string, () => Sent]> = [
  ["GET /health", () => ({ method: "GET", path: "/health" })],
  ["a path in another case with a trailing slash", () => ({ method: "GET", path: "/HEALTH/" })],
  ["an unknown path", () => ({ method: "GET", path: "/nope" })],
  ["a method no route takes (405 with Allow)", () => ({ method: "DELETE", path: "/health" })],
  ["a malformed escape", () => ({ method: "GET", path: "/workspaces/%zz" })],
  [
    "a heartbeat without a token",
    () => ({ method: "POST", path: "/registry/heartbeat", headers: json, body: beat() }),
  ],
  [
    "a heartbeat with its token",
    () => ({ method: "POST", path: "/registry/heartbeat", headers: bearer(), body: beat() }),
  ],
  [
    "a heartbeat whose body is not JSON",
    () => ({ method: "POST", path: "/registry/heartbeat", headers: bearer(), body: "{" }),
  ],
  [
    "a heartbeat carrying secrets the journal redacts",
    () => ({
      method: "POST",
      path: "/registry/heartbeat",
      headers: { ...bearer(), "x-api-key": "k".repeat(20) },
      body: beat({ auth_token: "t".repeat(43) }),
    }),
  ],
  [
    "a declared length over the route's cap (413 before reading)",
    () => {
      const body = "x".repeat(1024 * 1024 + 1);
      const headers = { ...bearer(), "content-length": String(body.length) };
      return { method: "POST", path: "/registry/heartbeat", headers, body };
    },
  ],
  [
    "a streamed body over the route's cap (413 once read)",
    () => {
      const body = "x".repeat(1024 * 1024 + 1);
      return { method: "POST", path: "/registry/heartbeat", headers: bearer(), body, stream: true };
    },
  ],
  [
    "a workspace by id, with a query",
    () => ({ method: "GET", path: `/workspaces/${workspace}?include_removed=true` }),
  ],
  ["a percent-encoded param", () => ({ method: "GET", path: `/workspaces/${encodeURIComponent("a b")}` })],
  ["the workspace list as admin", () => ({ method: "GET", path: "/workspaces", headers: admin })],
  [
    "peers with the workspace's token",
    () => ({ method: "GET", path: `/registry/${workspace}/peers?q=x`, headers: bearer() }),
  ],
  [
    "a discovery naming the caller in X-Workspace-ID",
    () => ({
      method: "GET",
      path: `/registry/discover/${randomUUID()}`,
      headers: { ...bearer(), "x-workspace-id": workspace },
    }),
  ],
  [
    "an unknown queue item",
    () => ({ method: "GET", path: `/workspaces/${workspace}/a2a/queue/${randomUUID()}`, headers: admin }),
  ],
  [
    "an A2A call proxied to the agent",
    () => ({
      method: "POST",
      path: `/workspaces/${workspace}/a2a`,
      headers: { ...json, ...admin },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: "parity-1",
        method: "message/send",
        params: { message: { role: "user", parts: [{ kind: "text", text: "ping" }], messageId: "m" } },
      }),
    }),
  ],
  [
    "an A2A call for an unknown workspace",
    () => ({
      method: "POST",
      path: `/workspaces/${randomUUID()}/a2a`,
      headers: { ...json, ...admin },
      body: "{}",
    }),
  ],
  ["a test API call without the admin token", () => ({ method: "GET", path: "/__mock/faults" })],
  [
    "a test API call with a bad body",
    () => ({ method: "POST", path: "/__mock/faults", headers: { ...json, ...admin }, body: "[]" }),
  ],
  [
    "a journal query with a bad filter",
    () => ({ method: "GET", path: "/__mock/journal?status=x", headers: admin }),
  ],
];

describe("the HTTP server's route table and msw", () => {
  it.each(cases)("answer %s alike, and journal it alike", async (_name, make) => {
    const sent = make();
    const journaled = async (send: () => Promise<Answer>) => {
      const cursor = server.platform.journal.find().at(-1)?.seq ?? 0;
      const answer = await send();
      const entries = server.platform.journal.find({ since: cursor });
      return { answer, entries: entries.map((entry) => comparable(entry, sent.headers ?? {})) };
    };
    const http = await journaled(() => overHttp(server.url, sent));
    const msw = await journaled(() => inProcess(server, sent));
    expect(http.answer).toEqual(msw.answer);
    expect(http.entries).toEqual(msw.entries);
  });

  it("answers an injected fault and a dropped connection alike", async () => {
    const path = "/registry/update-card";
    const sent: Sent = { method: "POST", path, headers: bearer(), body: beat() };
    server.platform.control.addFault({ path, status: 503, body: { error: "down" }, times: 2 });
    const faulted = await overHttp(server.url, sent);
    expect(faulted).toMatchObject({ kind: "answer", status: 503, body: '{"error":"down"}' });
    expect(await inProcess(server, sent)).toEqual(faulted);
    server.platform.control.addFault({ path, drop: true, times: 2 });
    expect(await overHttp(server.url, sent)).toEqual({ kind: "dropped" });
    expect(await inProcess(server, sent)).toEqual({ kind: "dropped" });
    const faults = server.platform.journal.find({ path }).map((entry) => [entry.status, entry.workspaceId]);
    expect(faults).toEqual([
      [503, workspace],
      [503, workspace],
      [0, workspace],
      [0, workspace],
    ]);
  });
});
