// Measures the mock platform over HTTP against bare node:http servers answering the same JSON, on
// loopback only: heartbeats per second with 1,000 registered workspaces, and the latency the A2A
// proxy adds on top of calling the agent directly (p50, p99), beside a bare node:http forwarder as
// the proxy's floor. Each server runs in a process of its own, as the mock platform runs when served
// (`mock-platform serve`), so no server shares a garbage collector or an event loop with the load
// generator or with the server it is compared with. On two cores one load generator cannot saturate
// a bare server, so heartbeats per second are also taken as the server's capacity: heartbeats per
// second of the server process's own CPU time (user + system, from /proc), which does not depend on
// how fast the client sends. The three A2A paths are timed in interleaved rounds, so drift in the
// machine's load reaches all three alike. Bounded counts; it prints, it
// asserts nothing, and ends with the heartbeats and proxy-p99 target lines. `--quick`: fewer requests.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { target as targetLine } from "../../../scripts/bench-target.js";

const { values } = parseArgs({
  // pnpm passes a literal "--" through to the script.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { quick: { type: "boolean", default: false } },
});
const WORKSPACES = 1000;
const HEARTBEATS = values.quick ? 2000 : 6000;
const CONCURRENCY = 16;
const A2A_ROUNDS = values.quick ? 300 : 1000;
const ADMIN = "bench-admin";
const READY_TIMEOUT_MS = 30_000;

interface ServerProcess {
  url: string;
  child: ChildProcess;
}

const children: ChildProcess[] = [];

/** Starts `node --import tsx <script> ...args` and resolves with the URL it prints as `listening on <url>`. */
async function startServer(script: string, args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", script, ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  let seen = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} printed no "listening on" line within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      if (seen.length > 4096) return; // ready or not, only the first lines matter
      seen += chunk.toString("utf8");
      const found = /listening on (http:\/\/\S+)/.exec(seen)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was listening`));
    });
  });
  child.stdout!.resume(); // the mock platform logs on stdout: keep draining it
  return { url, child };
}

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat; NaN where there is no /proc. */
function cpuSeconds(child: ChildProcess): number {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
/** USER_HZ: the unit of /proc's CPU times, 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.stdin?.end();
      child.kill("SIGTERM");
      await exited;
    }),
  );
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

// Runs `count` calls with `concurrency` workers; returns the elapsed ms.
async function timedCalls(
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
  return performance.now() - started;
}

interface Throughput {
  /** Calls per second of wall time, as this load generator could send them. */
  perSecond: number;
  /** Calls per second of the server process's CPU time: what one core of it serves. */
  perCpuSecond: number;
}

// Each server's throughput, `count` calls each, in `blocks` blocks that alternate between them.
async function alternatingThroughput(
  count: number,
  blocks: number,
  servers: ReadonlyArray<{ call: (i: number) => Promise<number>; process: ChildProcess }>,
): Promise<Throughput[]> {
  const wallMs = servers.map(() => 0);
  const cpu = servers.map(() => 0);
  const perBlock = Math.ceil(count / blocks);
  for (let block = 0; block < blocks; block++) {
    for (const [index, server] of servers.entries()) {
      const cpuBefore = cpuSeconds(server.process);
      wallMs[index]! += await timedCalls(perBlock, CONCURRENCY, server.call);
      cpu[index]! += cpuSeconds(server.process) - cpuBefore;
    }
  }
  const calls = perBlock * blocks;
  return servers.map((_, index) => ({
    perSecond: calls / (wallMs[index]! / 1000),
    perCpuSecond: calls / cpu[index]!,
  }));
}

// `rounds` rounds of one call on each path, in an order that rotates every round; each path's
// latencies in ms, sorted.
async function interleavedLatencies(
  rounds: number,
  paths: ReadonlyArray<() => Promise<number>>,
): Promise<number[][]> {
  const out = paths.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < paths.length; k++) {
      const index = (round + k) % paths.length;
      const started = performance.now();
      if ((await paths[index]!()) !== 200) throw new Error("a call did not answer 200");
      out[index]!.push(performance.now() - started);
    }
  }
  return out.map((latencies) => latencies.sort((a, b) => a - b));
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (n: number, digits = 2) => n.toFixed(digits);

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

try {
  const mockPlatform = await startServer(here("../src/server/cli.ts"), [
    "serve",
    "--port",
    "0",
    "--provisioner",
    "none",
    "--admin-token",
    ADMIN,
    "--deploy-mode",
    "development",
  ]);
  const { url: agentUrl } = await startServer(here("floor-server.ts"), ["agent"]);
  const bare = await startServer(here("floor-server.ts"), ["heartbeat"]);
  const { url: forwarderUrl } = await startServer(here("floor-server.ts"), ["forwarder", agentUrl]);

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
  const servers = [
    { call: beat(mockPlatform.url), process: mockPlatform.child },
    { call: beat(bare.url), process: bare.child },
  ];
  await alternatingThroughput(1000, 1, servers); // warm-up
  const [mockBeats, bareBeats] = (await alternatingThroughput(HEARTBEATS, 3, servers)) as [
    Throughput,
    Throughput,
  ];

  const target = tokens[0]!;
  const message = {
    method: "message/send",
    params: { message: { role: "user", parts: [{ type: "text", text: "ping" }] } },
  };
  const viaProxy = () =>
    post(`${mockPlatform.url}/workspaces/${target.id}/a2a`, message, { authorization: `Bearer ${ADMIN}` });
  const direct = () => post(agentUrl, { jsonrpc: "2.0", id: "x", ...message });
  const viaForwarder = () => post(forwarderUrl, { jsonrpc: "2.0", id: "x", ...message });
  await interleavedLatencies(100, [viaProxy, direct, viaForwarder]); // warm-up
  const [proxied, straight, forwarded] = (await interleavedLatencies(A2A_ROUNDS, [
    viaProxy,
    direct,
    viaForwarder,
  ])) as [number[], number[], number[]];

  console.log(
    `mock-platform bench (loopback, ${WORKSPACES} registered workspaces, node ${process.version}, each server in its own process)`,
  );
  const capacity = mockBeats.perCpuSecond / bareBeats.perCpuSecond;
  console.log(
    `heartbeats/s per server CPU second   mock ${fmt(mockBeats.perCpuSecond, 0)}   bare node:http ${fmt(bareBeats.perCpuSecond, 0)}   ratio mock/bare ${fmt(capacity)}`,
  );
  console.log(
    `heartbeats/s as sent (wall)          mock ${fmt(mockBeats.perSecond, 0)}   bare node:http ${fmt(bareBeats.perSecond, 0)}   ratio mock/bare ${fmt(mockBeats.perSecond / bareBeats.perSecond)}`,
  );
  console.log(
    `  (${HEARTBEATS} heartbeats each, ${CONCURRENCY} concurrent clients, keep-alive fetch, 3 alternating blocks; one load generator caps the wall rate)`,
  );
  for (const p of [50, 99]) {
    const added = pct(proxied, p) - pct(straight, p);
    console.log(
      `A2A p${p}        via proxy ${fmt(pct(proxied, p))} ms   direct ${fmt(pct(straight, p))} ms   added ${fmt(added)} ms   via bare forwarder ${fmt(pct(forwarded, p))} ms (adds ${fmt(pct(forwarded, p) - pct(straight, p))} ms)   proxy/forwarder ${fmt(pct(proxied, p) / pct(forwarded, p))}`,
    );
  }
  console.log(`  (${A2A_ROUNDS} rounds of one sequential message/send call each way, interleaved)`);
  console.log("");
  console.log(targetLine("heartbeats", mockBeats.perCpuSecond, capacity, 0));
  console.log(
    targetLine("proxy-p99", pct(proxied, 99) - pct(straight, 99), pct(proxied, 99) / pct(forwarded, 99)),
  );
} finally {
  await stopAll();
}
