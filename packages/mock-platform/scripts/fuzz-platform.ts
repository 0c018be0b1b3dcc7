// Fuzzes the mock platform, run as a host process (`serve --provisioner memory`), with generated HTTP
// requests (the generators of the fuzz test in the suite) and prints what it saw: unanswered requests,
// answers with exception text, wrong status codes, answers without the error envelope, statuses, and
// the server's RSS idle, at its peak and after the run, and what its heap still holds after a forced GC
// (scripts/fuzz-memory-probe.mjs), idle and after. Measures; asserts nothing. Usage (repo root):
//
//   pnpm --filter @molecule-ctk/mock-platform fuzz -- [--inputs 100000] [--connections 8] [--seed N]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import type { RawRequest } from "../../../scripts/raw-http-test-utils.js";
import {
  arbitraryRequest,
  emptyTally,
  type FuzzIds,
  runRequests,
} from "../src/server/http-fuzz-test-utils.js";

const MiB = 1024 * 1024;
const ADMIN = "fuzz-admin-token";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const inputs = Number(option("inputs", "100000"));
const connections = Number(option("connections", "8"));
const seed = Number(option("seed", String(Date.now() % 1_000_000)));
const timeoutMs = Number(option("timeout-ms", "15000"));
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

const cli = fileURLToPath(new URL("../src/server/cli.ts", import.meta.url));
const probe = fileURLToPath(new URL("./fuzz-memory-probe.mjs", import.meta.url));
const child = spawn(
  process.execPath,
  [
    "--expose-gc",
    "--import",
    probe,
    "--import",
    "tsx",
    "--conditions=source",
    cli,
    "serve",
    "--port",
    "0",
    "--provisioner",
    "memory",
    "--admin-token",
    ADMIN,
    "--deploy-mode",
    "development",
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const rss = () => {
  const line = readFileSync(`/proc/${child.pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) * 1024 : Number.NaN;
};
let out = "";
child.stdout!.on("data", (chunk: Buffer) => {
  out += chunk.toString();
});
const url = await new Promise<string>((resolve, reject) => {
  child.stdout!.on("data", () => {
    const hit = /mock-platform listening on (\S+)/.exec(out);
    if (hit) resolve(hit[1]!);
  });
  child.once("exit", (code) =>
    reject(new Error(`[fuzz] the mock platform exited (${code}) before listening`)),
  );
});

interface HeldMemory {
  gc: boolean;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** What the server holds after a full GC (the probe answers SIGUSR2 on its stdout). */
async function heldAfterGc(): Promise<HeldMemory> {
  const from = out.length;
  child.kill("SIGUSR2");
  for (let waited = 0; waited < 30_000; waited += 100) {
    const hit = /memory-after-gc (\{.*\})\n/.exec(out.slice(from));
    if (hit) return JSON.parse(hit[1]!) as HeldMemory;
    await sleep(100);
  }
  throw new Error("[fuzz] the memory probe did not answer within 30 s");
}
const port = Number(new URL(url).port);

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return (await res.json()) as Record<string, unknown>;
}

try {
  const ids: FuzzIds = { known: [], tokens: [], admin: ADMIN };
  for (let i = 0; i < 3; i++) {
    const created = await post(
      "/workspaces",
      { name: `fuzz-${i}`, runtime: "claude-code", model: "claude-opus-4-7" },
      ADMIN,
    );
    if (typeof created.id !== "string")
      throw new Error(`[fuzz] creating a workspace failed: ${JSON.stringify(created)}`);
    const id = created.id;
    const reg = await post("/registry/register", {
      id,
      url: "http://localhost:1",
      agent_card: { name: "f" },
    });
    ids.known.push(id);
    for (const t of [created.auth_token, reg.auth_token]) if (typeof t === "string") ids.tokens.push(t);
  }
  if (ids.tokens.length === 0) ids.tokens.push("no-token");
  await sleep(2_000);
  const idle = rss();
  const idleHeld = await heldAfterGc();
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 200);
  const tally = emptyTally();
  const started = performance.now();
  const chunk = 1_000;
  for (let done = 0; done < inputs; done += chunk) {
    const requests = fc.sample(arbitraryRequest(ids), {
      numRuns: Math.min(chunk, inputs - done),
      seed: seed + done,
    });
    const lanes: RawRequest[][] = Array.from({ length: connections }, () => []);
    for (const [i, request] of requests.entries()) lanes[i % connections]?.push(request);
    await Promise.all(lanes.map((lane) => runRequests(port, lane, tally, timeoutMs)));
    if ((done / chunk) % 10 === 9) process.stderr.write(`${done + chunk} inputs, RSS ${mib(rss())}\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // V8 returns memory only after a quiet spell; watch it settle for up to a minute.
  let after = rss();
  for (let waited = 0; waited < 60_000 && after > 2 * idle; waited += 5_000) {
    await sleep(5_000);
    after = rss();
    process.stderr.write(`settling: RSS ${mib(after)}\n`);
  }
  const held = await heldAfterGc();
  console.log(`\nfuzz of the mock platform (seed ${seed}, ${connections} keep-alive connections)`);
  console.log(
    `inputs                  ${tally.requests} in ${seconds.toFixed(0)} s (${(tally.requests / seconds).toFixed(0)}/s)`,
  );
  console.log(`unanswered              ${tally.problems.unanswered}`);
  console.log(`with exception text     ${tally.problems["exception text"]}`);
  console.log(`wrong codes             ${tally.problems["wrong code"]}`);
  console.log(`not the error envelope  ${tally.problems["not the error envelope"]}`);
  console.log(
    `statuses                ${Object.entries(tally.statuses)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ")}`,
  );
  console.log(
    `RSS idle / peak / after ${mib(idle)} / ${mib(peak)} / ${mib(after)} (after is ${(after / idle).toFixed(2)}x idle)`,
  );
  const heldLine = (m: HeldMemory) =>
    `${mib(m.heapUsed)} heap used, ${mib(m.external)} external (${mib(m.arrayBuffers)} array buffers), RSS ${mib(m.rss)}`;
  console.log(`after a forced GC, idle  ${heldLine(idleHeld)}`);
  console.log(`after a forced GC, after ${heldLine(held)}`);
  console.log(
    `retained by the run      ${mib(held.heapUsed + held.external - idleHeld.heapUsed - idleHeld.external)} (heap used + external, after vs idle)`,
  );
  if (!held.gc)
    console.log("  (no forced GC: node ran without --expose-gc, the heap figures include garbage)");
  for (const example of tally.examples) console.log(`  ${example}`);
} finally {
  child.kill();
}
