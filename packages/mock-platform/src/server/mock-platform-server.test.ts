import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import { createMockPlatform } from "../create-mock-platform.js";
import { ADMIN, call, fakeResolver, freePort, registerBody } from "../platform-test-utils.js";
import { type StartedMockPlatformServer, startMockPlatformServer } from "./mock-platform-server.js";

let started: StartedMockPlatformServer | undefined;
afterEach(async () => {
  await started?.close();
  started = undefined;
});

const start = async () => {
  started = await startMockPlatformServer({
    adminToken: ADMIN,
    deployMode: "development",
    resolver: fakeResolver,
  });
  return started;
};

describe("startMockPlatformServer", () => {
  it("listens on a free port and answers /health and the registry over HTTP", async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await call("GET", "/health", { base: server.url })).status).toBe(200);
    const id = randomUUID();
    const res = await call("POST", "/registry/register", {
      base: server.url,
      body: registerBody(id, "http://localhost:1"),
    });
    expect(res.body).toMatchObject({ status: "registered" });
    expect(server.platform.state.workspaces.get(id)?.status).toBe("online");
  });

  it("serves a platform with msw handlers added in front through msw, so those handlers run", async () => {
    const port = await freePort();
    const platform = createMockPlatform({ baseUrl: `http://127.0.0.1:${port}` });
    const extra = http.get(`${platform.baseUrl}/health`, () => HttpResponse.json({ from: "extra" }));
    started = await startMockPlatformServer({
      platform: { ...platform, handlers: [extra, ...platform.handlers] },
      port,
    });
    expect((await call("GET", "/health", { base: started.url })).body).toEqual({ from: "extra" });
    const own = await call("GET", "/workspaces/x", { base: started.url }); // the platform's own route
    expect([own.status, typeof own.body.error]).toEqual([400, "string"]);
  });

  it("answers an unknown path with 404", async () => {
    const server = await start();
    expect((await call("GET", "/nope", { base: server.url })).status).toBe(404);
  });

  it("destroys the socket for a dropped-connection fault", async () => {
    const server = await start();
    server.platform.control.addFault({ path: "/health", drop: true });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      httpRequest(`${server.url}/health`, (res) => resolve(new Error(`got ${res.statusCode}`)))
        .on("error", resolve)
        .end();
    });
    expect(error.code).toBe("ECONNRESET");
  });

  it("streams platform events as server-sent events", async () => {
    const server = await start();
    const response = await fetch(`${server.url}/__mock/events`, {
      headers: { authorization: `Bearer ${ADMIN}` },
      signal: AbortSignal.timeout(5000),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.getReader();
    const id = randomUUID();
    await call("POST", "/registry/register", {
      base: server.url,
      body: registerBody(id, "http://localhost:1"),
    });
    let text = "";
    while (!text.includes("event: WORKSPACE_ONLINE")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain("event: STATUS_CHANGED");
    expect(text).toContain(`"workspaceId":"${id}"`);
    await reader.cancel();
  });

  it("closes while an event stream is still open", async () => {
    const server = await start();
    const response = await fetch(`${server.url}/__mock/events`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const reader = response.body!.getReader();
    await reader.read();
    await server.close();
    started = undefined;
    const { done } = await reader.read().catch(() => ({ done: true }));
    expect(done).toBe(true);
  });
});

// Issue 15: SSE subscribers are removed when their client disconnects, and their number is capped.
// 129 connections: about 2 s idle, more than the default 5 s with both cores busy.
describe("the event stream over HTTP", { timeout: 30_000 }, () => {
  const openEvents = (url: string) =>
    new Promise<{ status: number; destroy: () => void }>((resolve, reject) => {
      const req = httpRequest(
        `${url}/__mock/events`,
        { headers: { authorization: `Bearer ${ADMIN}` } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode!, destroy: () => req.destroy() });
        },
      );
      req.on("error", reject);
      req.end();
    });

  it("answers 503 past 64 subscribers, and frees the slots of clients that disconnect", async () => {
    const server = await start();
    const clients = await Promise.all(Array.from({ length: 64 }, () => openEvents(server.url)));
    expect(clients.every((c) => c.status === 200)).toBe(true);
    const refused = await call("GET", "/__mock/events", { base: server.url, token: ADMIN });
    expect(refused).toMatchObject({ status: 503, body: { error: expect.stringContaining("subscribers") } });
    for (const client of clients) client.destroy();
    // Each disconnect reaches the hub asynchronously; poll (bounded) until a new subscriber is taken.
    let again = await openEvents(server.url);
    for (let i = 0; i < 100 && again.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = await openEvents(server.url);
    }
    expect(again.status).toBe(200);
    const more = await Promise.all(Array.from({ length: 63 }, () => openEvents(server.url)));
    expect(more.every((c) => c.status === 200)).toBe(true);
    for (const client of [again, ...more]) client.destroy();
  });
});
