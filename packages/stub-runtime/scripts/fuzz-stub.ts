// Fuzzes the stub, run as a host process, with generated HTTP requests (the generators of the fuzz
// test in the suite) and prints what it saw: unanswered requests, answers with exception text, wrong
// JSON-RPC, statuses, and the stub's RSS idle, at its peak and after the run. Measures; asserts
// nothing. Usage (from the repository root):
//
//   pnpm --filter @molecule-ctk/stub-runtime fuzz -- [--inputs 100000] [--connections 8] [--result task|message] [--seed N]
import fc from "fast-check";
import type { RawRequest } from "../../../scripts/raw-http-test-utils.js";
import { arbitraryRequest, emptyTally, runRequests } from "../src/http/http-fuzz-test-utils.js";
import { startSinkPlatform, startStubProcess } from "./stub-host-process.js";

const MiB = 1024 * 1024;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const inputs = Number(option("inputs", "100000"));
const connections = Number(option("connections", "8"));
const result = option("result", "task");
const seed = Number(option("seed", String(Date.now() % 1_000_000)));
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

const platform = await startSinkPlatform();
// Tasks finish in 50 ms, so the v1.0 sends that wait for their task (the default) do not dominate.
const stub = await startStubProcess(platform.url, { STUB_RESULT: result, STUB_TASK_MS: "50" });
try {
  await sleep(2_000);
  const idle = stub.rssBytes();
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, stub.rssBytes());
  }, 200);
  const tally = emptyTally();
  const started = performance.now();
  const chunk = 1_000;
  for (let done = 0; done < inputs; done += chunk) {
    const requests = fc.sample(arbitraryRequest, {
      numRuns: Math.min(chunk, inputs - done),
      seed: seed + done,
    });
    const lanes: RawRequest[][] = Array.from({ length: connections }, () => []);
    for (const [i, request] of requests.entries()) lanes[i % connections]?.push(request);
    await Promise.all(lanes.map((lane) => runRequests(stub.port, lane, tally)));
    if ((done / chunk) % 10 === 9)
      process.stderr.write(`${done + chunk} inputs, RSS ${mib(stub.rssBytes())}\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // V8 gives memory back only after a quiet spell (its memory reducer); watch it settle for a minute.
  let after = stub.rssBytes();
  for (let waited = 0; waited < 60_000; waited += 5_000) {
    await sleep(5_000);
    after = stub.rssBytes();
    process.stderr.write(`settling: RSS ${mib(after)}\n`);
  }

  console.log(
    `\nfuzz of the stub (STUB_RESULT=${result}, seed ${seed}, ${connections} keep-alive connections)`,
  );
  console.log(
    `inputs                 ${tally.requests} in ${seconds.toFixed(0)} s (${(tally.requests / seconds).toFixed(0)}/s)`,
  );
  console.log(`unanswered             ${tally.problems.unanswered}`);
  console.log(`with exception text    ${tally.problems["exception text"]}`);
  console.log(`wrong JSON-RPC         ${tally.problems["wrong JSON-RPC"]}`);
  console.log(`bad status / not JSON  ${tally.problems["bad status"]} / ${tally.problems["not JSON"]}`);
  console.log(
    `statuses               ${Object.entries(tally.statuses)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ")}`,
  );
  console.log(
    `RSS idle / peak / after ${mib(idle)} / ${mib(peak)} / ${mib(after)} (after is ${(after / idle).toFixed(2)}x idle)`,
  );
  for (const example of tally.examples) console.log(`  ${example}`);
} finally {
  await stub.stop();
  platform.server.close();
}
