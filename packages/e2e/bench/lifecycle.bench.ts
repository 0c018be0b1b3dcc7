// Benchmark (measures and prints, asserts nothing): wall time of the whole lifecycle for 1, 5, 20
// and 50 workspaces in parallel on the embedded platform, the memory of each stub container, and
// the same steps done the bash harness's way (one-second polling) for the ratio.
// Run: pnpm bench (all packages) or pnpm --filter @molecule-ctk/e2e bench [-- --sizes 1,5].
import { parseArgs } from "node:util";
import { workspaceContainerName } from "@molecule-ctk/contract";
import { buildKitImage } from "@molecule-ctk/testcontainers";
import Dockerode from "dockerode";
import { startEmbeddedPlatform } from "../src/platform/embedded-platform.js";
import { createRunContext } from "../src/support/run-labels.js";
import { removeRunResources } from "../src/support/run-resources.js";
import { runLifecycle, type WaitMode } from "./lifecycle-runner.js";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "1,5,20,50" } } });
const sizes = values.sizes.split(",").map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 100)) {
  console.error(`--sizes takes whole numbers from 1 to 100, e.g. 1,5,20; got ${values.sizes}`);
  process.exit(2);
}
process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";

const docker = new Dockerode();
const run = createRunContext(`bench-${Date.now().toString(36)}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void removeRunResources(docker, run.runId).finally(() => process.exit(130)));
}

interface Row {
  label: string;
  workspaces: number;
  wallSeconds: number;
  memoryMiB: number[];
}

// Memory of a container as `docker stats` shows it: usage minus the inactive page cache.
async function memoryMiB(workspaceId: string): Promise<number> {
  const stats = (await docker.getContainer(workspaceContainerName(workspaceId)).stats({ stream: false })) as {
    memory_stats: { usage?: number; stats?: { total_inactive_file?: number; inactive_file?: number } };
  };
  const { usage = 0, stats: detail = {} } = stats.memory_stats;
  return (usage - (detail.total_inactive_file ?? detail.inactive_file ?? 0)) / 2 ** 20;
}

async function measure(label: string, workspaces: number, wait: WaitMode): Promise<Row> {
  const fixture = await startEmbeddedPlatform(run);
  const memory: number[] = [];
  // Every workspace waits at a barrier after its first A2A, so memory is sampled with all N running.
  let arrived = 0;
  let release = () => {};
  const barrier = new Promise<void>((resolve) => {
    release = resolve;
  });
  const midpoint = async (id: string) => {
    if (++arrived === workspaces) release();
    await barrier;
    memory.push(await memoryMiB(id));
  };
  const started = performance.now();
  try {
    const results = await Promise.allSettled(
      Array.from({ length: workspaces }, (_, i) =>
        runLifecycle(fixture, { name: `bench ${i + 1}`, wait, midpoint }),
      ),
    );
    const failed = results.filter((r) => r.status === "rejected");
    if (failed.length > 0)
      throw new Error(
        `${failed.length}/${workspaces} lifecycles failed: ${String((failed[0] as PromiseRejectedResult).reason)}`,
      );
    return { label, workspaces, wallSeconds: (performance.now() - started) / 1000, memoryMiB: memory };
  } finally {
    await fixture.close();
  }
}

try {
  await docker.ping();
} catch (error) {
  console.error(
    `[bench] no Docker engine reachable (${(error as Error).message}): run scripts/setup.sh first`,
  );
  process.exit(1);
}
await buildKitImage("stub-runtime", { tag: run.images["stub-runtime"], labels: run.labels, docker });
const REPEATS = 3;
// One workspace, `REPEATS` times, the median kept: the events-vs-polling ratio is made of two noisy
// numbers.
async function medianOfOne(label: string, wait: WaitMode): Promise<Row> {
  const runs: Row[] = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await measure(label, 1, wait));
  runs.sort((a, b) => a.wallSeconds - b.wallSeconds);
  return runs[Math.floor(REPEATS / 2)]!;
}

const rows: Row[] = [];
try {
  for (const n of sizes) {
    rows.push(
      n === 1
        ? await medianOfOne(`events, 1 workspace (median of ${REPEATS})`, "events")
        : await measure(`events, ${n} in parallel`, n, "events"),
    );
    console.log(`[bench] ${rows.at(-1)!.label}: ${rows.at(-1)!.wallSeconds.toFixed(1)} s`);
  }
  rows.push(await medianOfOne(`harness way (1 s polling), 1 workspace (median of ${REPEATS})`, "poll-1s"));
} finally {
  await removeRunResources(docker, run.runId);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
console.log("\nLifecycle (create, provision→online, A2A, restart→online, A2A, delete) per run");
console.log("| run | workspaces | wall s | s per workspace | stub memory MiB mean / max |");
console.log("|---|---:|---:|---:|---:|");
for (const row of rows) {
  console.log(
    `| ${row.label} | ${row.workspaces} | ${row.wallSeconds.toFixed(1)} | ${(row.wallSeconds / row.workspaces).toFixed(2)} | ${mean(row.memoryMiB).toFixed(1)} / ${Math.max(...row.memoryMiB).toFixed(1)} |`,
  );
}
const single = rows.find((row) => row.label.startsWith("events, 1 workspace"));
const polled = rows.at(-1)!;
if (single) {
  console.log(
    `\nThe harness's one-second polling takes ${polled.wallSeconds.toFixed(1)} s for one workspace; waiting on events takes ${single.wallSeconds.toFixed(1)} s: ${(polled.wallSeconds / single.wallSeconds).toFixed(2)}x.`,
  );
}
