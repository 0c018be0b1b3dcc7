import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
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

describe("forwarding to an agent with an X-Timeout deadline", () => {
  // undici's Request follows its init signal through a weak reference (nodejs/undici#4068): after a
  // garbage collection an AbortSignal.timeout() no longer reaches the fetch, and a hanging agent
  // held the proxy past its deadline (the queue-drain test's rare 10 s client timeout).
  it("times out at the deadline even when a garbage collection runs while it waits", async () => {
    const url = await hangingAgent();
    const collect = setInterval(gc, 20);
    const started = performance.now();
    try {
      const outcome = await Promise.race([
        forwardToAgent(url, envelope as never, { timeoutMs: 300 }),
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
        forwardToAgent(url, envelope as never, { timeoutMs: 2_000 }),
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
    const outcome = await forwardToAgent(url, envelope as never, { timeoutMs: 30_000 });
    expect(outcome).toEqual({ kind: "response", status: 200, text: "{}" });
  });
});
