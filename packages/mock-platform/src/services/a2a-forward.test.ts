import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentTransport } from "../options.js";
import { resolveOptions } from "../options.js";
import { forwardToAgent } from "./a2a-forward.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let agent: Server | undefined;
afterEach(async () => {
  agent?.closeAllConnections();
  await new Promise<void>((resolve) => (agent ? agent.close(() => resolve()) : resolve()));
  agent = undefined;
});

/** An agent that accepts every request and never answers it. */
async function hangingAgent(): Promise<string> {
  agent = createServer(() => {});
  await new Promise<void>((resolve) => agent!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
}

const envelope = { jsonrpc: "2.0" as const, id: 1, method: "message/send", params: {} };

const TRANSPORTS: AgentTransport[] = ["fetch", "node-http"];

/** An agent answering every request with `handler`; returns its URL. */
async function agentAt(handler: Parameters<typeof createServer>[1]): Promise<string> {
  agent = createServer(handler);
  await new Promise<void>((resolve) => agent!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
}

describe.each(TRANSPORTS)("forwarding to an agent with an X-Timeout deadline (%s)", (transport) => {
  // undici's Request follows its init signal through a weak reference (nodejs/undici#4068): after a
  // garbage collection an AbortSignal.timeout() no longer reaches the fetch, and a hanging agent
  // held the proxy past its deadline (the queue-drain test's rare 10 s client timeout).
  it("times out at the deadline even when a garbage collection runs while it waits", async () => {
    const url = await hangingAgent();
    const collect = setInterval(gc, 20);
    const started = performance.now();
    try {
      const outcome = await Promise.race([
        forwardToAgent(url, envelope as never, { timeoutMs: 300, transport }),
        new Promise((resolve) => setTimeout(() => resolve("still waiting after 8 s"), 8_000)),
      ]);
      expect(outcome).toMatchObject({ kind: "transport", failure: "timeout" });
    } finally {
      clearInterval(collect);
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  }, 15_000);

  it("counts reading the answer against the deadline: an agent that stalls mid-body is cut off", async () => {
    agent = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"jsonrpc":"2.0",');
    });
    await new Promise<void>((resolve) => agent!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
    const collect = setInterval(gc, 20);
    try {
      // 2 s: the headers must arrive before it, even with both cores busy.
      const outcome = await Promise.race([
        forwardToAgent(url, envelope as never, { timeoutMs: 2_000, transport }),
        new Promise((resolve) => setTimeout(() => resolve("still reading after 10 s"), 10_000)),
      ]);
      expect(outcome).toMatchObject({ kind: "read-failed", status: 200, truncated: false });
    } finally {
      clearInterval(collect);
    }
  }, 15_000);

  it("answers with the agent's reply when it comes within the deadline", async () => {
    agent = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
    await new Promise<void>((resolve) => agent!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
    const outcome = await forwardToAgent(url, envelope as never, { timeoutMs: 30_000, transport });
    expect(outcome).toEqual({ kind: "response", status: 200, text: "{}" });
  });
});

describe.each(TRANSPORTS)("what the proxy sends and how it reads the answer (%s)", (transport) => {
  it("POSTs the envelope with only content-type, the bearer and A2A-Version of the caller's headers", async () => {
    let seen: { method?: string; url?: string; headers?: Record<string, unknown>; body?: string } = {};
    const url = await agentAt(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      seen = { method: req.method, url: req.url, headers: req.headers, body };
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    const outcome = await forwardToAgent(`${url}/agent`, envelope as never, {
      transport,
      bearer: "s3cret",
      a2aVersion: "1.0",
    });
    expect(outcome).toEqual({ kind: "response", status: 200, text: '{"ok":true}' });
    expect(seen).toMatchObject({ method: "POST", url: "/agent", body: JSON.stringify(envelope) });
    expect(seen.headers).toMatchObject({
      "content-type": "application/json",
      authorization: "Bearer s3cret",
      "a2a-version": "1.0",
    });
    expect(seen.headers).not.toHaveProperty("x-msw-intention");
  });

  it("does not follow a redirect: the agent's 3xx is the answer", async () => {
    const url = await agentAt((_req, res) => res.writeHead(302, { location: "http://127.0.0.1:9/" }).end());
    expect(await forwardToAgent(url, envelope as never, { transport })).toEqual({
      kind: "response",
      status: 302,
      text: "",
    });
  });

  it("stops reading past maxResponseBytes and says the answer was too large", async () => {
    const url = await agentAt((_req, res) => res.writeHead(200).end("x".repeat(64 * 1024)));
    expect(await forwardToAgent(url, envelope as never, { transport, maxResponseBytes: 1024 })).toMatchObject(
      {
        kind: "read-failed",
        status: 200,
        truncated: true,
      },
    );
  });

  it("classifies a refused connection and one reset before the answer", async () => {
    const closed = await agentAt(() => {});
    await new Promise<void>((resolve) => agent!.close(() => resolve()));
    agent = undefined;
    expect(await forwardToAgent(closed, envelope as never, { transport })).toMatchObject({
      kind: "transport",
      failure: "refused",
    });
    const url = await agentAt((req) => req.socket.destroy());
    expect(await forwardToAgent(url, envelope as never, { transport })).toMatchObject({
      kind: "transport",
      failure: "reset",
    });
  });

  it("reports an answer cut off mid-body as a failed read with the agent's status", async () => {
    const url = await agentAt((req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("{");
      setTimeout(() => req.socket.destroy(), 20);
    });
    expect(await forwardToAgent(url, envelope as never, { transport })).toMatchObject({
      kind: "read-failed",
      status: 200,
      truncated: false,
    });
  });
});

describe("the node-http transport", () => {
  it("reuses one keep-alive connection for calls in a row", async () => {
    const sockets = new Set<unknown>();
    const url = await agentAt((req, res) => {
      sockets.add(req.socket);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    for (let i = 0; i < 5; i++)
      expect(await forwardToAgent(url, envelope as never, { transport: "node-http" })).toMatchObject({
        kind: "response",
        status: 200,
      });
    expect(sockets.size).toBe(1);
  });

  it("is an option the platform checks", () => {
    expect(resolveOptions({}).agentTransport).toBe("fetch");
    expect(resolveOptions({ agentTransport: "node-http" }).agentTransport).toBe("node-http");
    expect(() => resolveOptions({ agentTransport: "undici" as never })).toThrow(
      /agentTransport "undici" is unknown: use fetch or node-http/,
    );
  });
});
