import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import { createServer } from "node:net";

const MESSAGE_SEND = JSON.stringify({
  jsonrpc: "2.0",
  id: "bench",
  method: "message/send",
  params: { message: { role: "user", parts: [{ kind: "text", text: "ping" }], messageId: "bench-m" } },
});

// Not mock-platform's allocateHostPort: mock-platform depends on stub-runtime, not the reverse.
/** A free loopback port (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `GET /health` every 2 ms until it answers 200; resolves performance.now() of that answer. */
export async function waitForHealth(port: number, timeoutMs = 15_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      // Node 20's fetch can hang on a published-but-not-listening port: every probe has its own timeout.
      const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(250) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`port ${port} did not answer /health within ${timeoutMs} ms`);
}

/** Sends `total` message/send requests over `connections` keep-alive connections; returns requests per second. */
export async function runLoad(
  port: number,
  total: number,
  connections: number,
): Promise<{ rate: number; failures: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let started = 0;
  let failures = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      if (!(await sendOne(agent, port))) failures++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { rate: total / seconds, failures };
}

function sendOne(agent: Agent, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/",
        agent,
        timeout: 10_000,
        headers: { "content-type": "application/json" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === 200));
        res.on("error", () => resolve(false));
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end(MESSAGE_SEND);
  });
}

/** VmRSS of a process in MiB, read from /proc. */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
