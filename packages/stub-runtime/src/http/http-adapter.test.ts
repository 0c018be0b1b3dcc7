import { once } from "node:events";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { JsonRpcErrorResponse, parseContract } from "@molecule-ctk/contract";
import { afterEach, describe, expect, it } from "vitest";
import { messageSend, testHandler } from "../a2a/a2a-handler-test-utils.js";
import { type StartedHttpServer, startHttpServer } from "./http-adapter.js";

const MiB = 1024 * 1024;
let server: StartedHttpServer | undefined;

afterEach(async () => {
  await server?.close(0);
  server = undefined;
});

async function serve(options: Parameters<typeof testHandler>[0] = {}) {
  server = await startHttpServer(testHandler(options), "127.0.0.1", 0);
  return server;
}

/** Sends raw bytes and collects everything until the server closes the connection. */
async function rawExchange(port: number, head: string, body: Buffer): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  socket.on("error", () => {});
  socket.write(head);
  socket.write(body);
  await once(socket, "close");
  return Buffer.concat(chunks).toString("utf8");
}

describe("node:http adapter", () => {
  it("refuses a declared body over 1 MiB with 413, a JSON-RPC -32600 and a closed connection", async () => {
    const { port } = await serve();
    const head = `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${2 * MiB}\r\n\r\n`;
    const answer = await rawExchange(port, head, Buffer.alloc(1024, 97));
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain("connection: close");
    const error = parseContract(
      JsonRpcErrorResponse,
      JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)),
      "413",
    );
    expect(error).toMatchObject({ id: null, error: { code: -32600 } });
  });

  it("answers 413 without 100 Continue when an expecting client declares too large a body", async () => {
    const { port } = await serve();
    const head = `POST / HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: ${2 * MiB}\r\n\r\n`;
    const answer = await rawExchange(port, head, Buffer.alloc(0));
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).not.toContain("100 Continue");
  });

  it("stops a chunked body once it passes 1 MiB and answers 413 before the client is done", async () => {
    const { port } = await serve();
    const planned = 16 * MiB;
    const req = request({
      port,
      host: "127.0.0.1",
      method: "POST",
      path: "/",
      headers: { "transfer-encoding": "chunked" },
    });
    req.on("error", () => {});
    const response = once(req, "response").then(([res]) => res as import("node:http").IncomingMessage);
    let written = 0;
    let answered = false;
    void response.then(() => (answered = true));
    const closed = once(req, "close");
    const chunk = Buffer.alloc(64 * 1024, 97);
    while (!answered && written < planned && !req.destroyed) {
      written += chunk.byteLength;
      if (!req.write(chunk)) {
        const drained = once(req, "drain");
        await Promise.race([drained, response, closed]);
      }
    }
    const res = await response;
    expect(res.statusCode).toBe(413);
    expect(res.headers.connection).toBe("close");
    expect(written).toBeLessThan(planned);
    req.destroy();
  });

  it("serves JSON-RPC with an explicit Content-Length on a kept-alive connection", async () => {
    const { port } = await serve();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (const id of [1, 2]) {
      const body = JSON.stringify(messageSend(id));
      const req = request({
        port,
        host: "127.0.0.1",
        method: "POST",
        agent,
        headers: { "content-type": "application/json" },
      });
      req.end(body);
      const [res] = (await once(req, "response")) as [import("node:http").IncomingMessage];
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      expect(res.headers["content-type"]).toBe("application/json");
      expect(Number(res.headers["content-length"])).toBe(Buffer.concat(chunks).byteLength);
      expect(JSON.parse(Buffer.concat(chunks).toString())).toMatchObject({ id, result: { role: "agent" } });
    }
    agent.destroy();
  });

  it("finishes an in-flight request on close and closes idle keep-alive sockets", async () => {
    const started = await serve({ replyDelayMs: 100 });
    const agent = new Agent({ keepAlive: true });
    const idle = request({ port: started.port, host: "127.0.0.1", path: "/health", agent });
    idle.end();
    const [idleRes] = (await once(idle, "response")) as [import("node:http").IncomingMessage];
    idleRes.resume();
    await once(idleRes, "end");
    const idleSocket = idle.socket;
    const idleClosed = idleSocket ? once(idleSocket, "close") : Promise.resolve();

    const slow = request({
      port: started.port,
      host: "127.0.0.1",
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    slow.end(JSON.stringify(messageSend("slow")));
    // The slow request is on the wire once the server has a second connection.
    await expect
      .poll(() => new Promise((resolve) => started.server.getConnections((_e, n) => resolve(n))))
      .toBe(2);
    const closing = started.close(5000);
    const [slowRes] = (await once(slow, "response")) as [import("node:http").IncomingMessage];
    const chunks: Buffer[] = [];
    for await (const chunk of slowRes) chunks.push(chunk as Buffer);
    expect(slowRes.statusCode).toBe(200);
    expect(JSON.parse(Buffer.concat(chunks).toString())).toMatchObject({
      id: "slow",
      result: { role: "agent" },
    });
    await closing;
    await idleClosed;
    server = undefined;
    agent.destroy();
  });

  it("serves the stub's handler without building a fetch Request or Response", async () => {
    const { port } = await serve();
    const built: string[] = [];
    const { Request: OriginalRequest, Response: OriginalResponse } = globalThis;
    globalThis.Request = class extends OriginalRequest {
      constructor(...args: ConstructorParameters<typeof Request>) {
        built.push("Request");
        super(...args);
      }
    };
    globalThis.Response = class extends OriginalResponse {
      constructor(...args: ConstructorParameters<typeof Response>) {
        built.push("Response");
        super(...args);
      }
    };
    try {
      const send = await exchange(port, "POST", "/", JSON.stringify(messageSend("no-fetch")));
      expect(send.status).toBe(200);
      expect(JSON.parse(send.body)).toMatchObject({ id: "no-fetch", result: { role: "agent" } });
      const card = await exchange(port, "GET", "/.well-known/agent-card.json");
      expect(JSON.parse(card.body)).toHaveProperty("skills");
    } finally {
      globalThis.Request = OriginalRequest;
      globalThis.Response = OriginalResponse;
    }
    expect(built).toEqual([]);
  });

  it("serves a fetch-style handler through a Request and its Response", async () => {
    server = await startHttpServer(
      {
        async handle(request) {
          const body = {
            method: request.method,
            url: request.url,
            tag: request.headers.get("x-tag"),
            text: await request.text(),
          };
          return new Response(JSON.stringify(body), { status: 201, headers: { "x-answered": "fetch" } });
        },
      },
      "127.0.0.1",
      0,
    );
    const answer = await exchange(server.port, "POST", "/some/path?q=1", "hello", { "x-tag": "t1" });
    expect(answer.status).toBe(201);
    expect(answer.headers["x-answered"]).toBe("fetch");
    expect(JSON.parse(answer.body)).toEqual({
      method: "POST",
      url: "http://stub-runtime.local/some/path?q=1",
      tag: "t1",
      text: "hello",
    });
  });
});

/** One request over node:http; the status, headers and body text of its answer. */
async function exchange(
  port: number,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: import("node:http").IncomingHttpHeaders; body: string }> {
  const req = request({
    port,
    host: "127.0.0.1",
    method,
    path,
    headers: { "content-type": "application/json", ...headers },
  });
  req.end(body);
  const [res] = (await once(req, "response")) as [import("node:http").IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") };
}
