// Measures the mock platform over HTTP against a bare node:http server answering the same JSON, on loopback only:
// heartbeats per second with 1,000 registered workspaces, and the latency the A2A proxy adds on top
// of calling the agent directly (p50, p99), beside a bare node:http forwarder as the proxy's floor.
// Bounded counts; it prints, it asserts nothing, and ends with the heartbeats and proxy-p99 target
// lines. `--quick`: fewer requests.
import { randomUUID } from "node:crypto";
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { STUB_REPLY_TEXT } from "@molecule-ctk/contract";
import { target as targetLine } from "../../../scripts/bench-target.js";
import { startMockPlatformServer } from "../src/server/mock-platform-server.js";

const { values } = parseArgs({
  // pnpm passes a literal "--" through to the script.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { quick: { type: "boolean", default: false } },
});
const WORKSPACES = 1000;
const HEARTBEATS = values.quick ? 2000 : 6000;
const CONCURRENCY = 16;
const A2A_CALLS = values.quick ? 300 : 600;
const ADMIN = "bench-admin";

const AGENT_REPLY = JSON.stringify({
  jsonrpc: "2.0",
  id: "x",
  result: {
    kind: "message",
    role: "agent",
    parts: [{ kind: "text", text: STUB_REPLY_TEXT }],
    messageId: "m",
  },
});
const HEARTBEAT_REPLY = JSON.stringify({ status: "ok", generation: 0 });

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function bareServer(body: string): Server {
  return createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
  });
}

// The proxy's floor: forwards each POST body to `upstream` over a keep-alive agent and pipes the
// answer back, with no auth, lookup, validation or wrapping.
function bareForwarder(upstream: string): Server {
  const { hostname, port } = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  return createServer((req, res) => {
    const forward = request(
      {
        host: hostname,
        port,
        method: "POST",
        path: "/",
        agent,
        headers: { "content-type": "application/json" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { "content-type": "application/json" });
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}

// Runs `count` calls with `concurrency` workers; returns calls per second.
async function throughput(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<number>,
): Promise<number> {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) if ((await one(i)) !== 200) failures++;
    }),
  );
  if (failures > 0) throw new Error(`${failures} of ${count} calls did not answer 200`);
  return count / ((performance.now() - started) / 1000);
}

// Sequential latencies in ms, sorted.
async function latencies(count: number, one: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    if ((await one()) !== 200) throw new Error("a call did not answer 200");
    out.push(performance.now() - started);
  }
  return out.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (n: number, digits = 2) => n.toFixed(digits);

const mockPlatform = await startMockPlatformServer({
  adminToken: ADMIN,
  deployMode: "development",
  resolver: async () => ["127.0.0.1"],
  healthSweepIntervalMs: 0,
  provisionSweepIntervalMs: 0,
});
const agent = bareServer(AGENT_REPLY);
const agentUrl = await listen(agent);
const bare = bareServer(HEARTBEAT_REPLY);
const bareUrl = await listen(bare);
const forwarder = bareForwarder(agentUrl);
const forwarderUrl = await listen(forwarder);

try {
  const tokens: Array<{ id: string; token: string }> = [];
  for (let i = 0; i < WORKSPACES; i++) {
    const id = randomUUID();
    const response = await fetch(`${mockPlatform.url}/registry/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id, url: agentUrl, delivery_mode: "push", agent_card: { name: id } }),
    });
    const body = (await response.json()) as { auth_token: string };
    tokens.push({ id, token: body.auth_token });
  }
  const beat = (base: string) => (i: number) => {
    const { id, token } = tokens[i % WORKSPACES]!;
    return post(
      `${base}/registry/heartbeat`,
      { workspace_id: id, error_rate: 0, active_tasks: 0, uptime_seconds: i },
      {
        authorization: `Bearer ${token}`,
      },
    );
  };
  await throughput(500, CONCURRENCY, beat(mockPlatform.url)); // warm-up
  await throughput(500, CONCURRENCY, beat(bareUrl));
  const mockBeats = await throughput(HEARTBEATS, CONCURRENCY, beat(mockPlatform.url));
  const bareBeats = await throughput(HEARTBEATS, CONCURRENCY, beat(bareUrl));

  const target = tokens[0]!;
  const message = {
    method: "message/send",
    params: { message: { role: "user", parts: [{ type: "text", text: "ping" }] } },
  };
  const viaProxy = () =>
    post(`${mockPlatform.url}/workspaces/${target.id}/a2a`, message, { authorization: `Bearer ${ADMIN}` });
  const direct = () => post(agentUrl, { jsonrpc: "2.0", id: "x", ...message });
  const viaForwarder = () => post(forwarderUrl, { jsonrpc: "2.0", id: "x", ...message });
  await latencies(100, viaProxy);
  await latencies(100, direct);
  await latencies(100, viaForwarder);
  const proxied = await latencies(A2A_CALLS, viaProxy);
  const straight = await latencies(A2A_CALLS, direct);
  const forwarded = await latencies(A2A_CALLS, viaForwarder);

  console.log(`mock-platform bench (loopback, ${WORKSPACES} registered workspaces, node ${process.version})`);
  console.log(
    `heartbeats/s   mock ${fmt(mockBeats, 0)}   bare node:http ${fmt(bareBeats, 0)}   ratio mock/bare ${fmt(mockBeats / bareBeats)}`,
  );
  console.log(`  (${HEARTBEATS} heartbeats, ${CONCURRENCY} concurrent clients, keep-alive fetch)`);
  for (const p of [50, 99]) {
    const added = pct(proxied, p) - pct(straight, p);
    console.log(
      `A2A p${p}        via proxy ${fmt(pct(proxied, p))} ms   direct ${fmt(pct(straight, p))} ms   added ${fmt(added)} ms   via bare forwarder ${fmt(pct(forwarded, p))} ms (adds ${fmt(pct(forwarded, p) - pct(straight, p))} ms)   proxy/forwarder ${fmt(pct(proxied, p) / pct(forwarded, p))}`,
    );
  }
  console.log(`  (${A2A_CALLS} sequential message/send calls each way)`);
  console.log("");
  console.log(targetLine("heartbeats", mockBeats, mockBeats / bareBeats, 0));
  console.log(
    targetLine("proxy-p99", pct(proxied, 99) - pct(straight, 99), pct(proxied, 99) / pct(forwarded, 99)),
  );
} finally {
  await mockPlatform.close();
  agent.closeAllConnections();
  bare.closeAllConnections();
  forwarder.closeAllConnections();
  agent.close();
  bare.close();
  forwarder.close();
}
