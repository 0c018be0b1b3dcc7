// Benchmark (measures and prints, asserts nothing): the whole lifecycle for 1, 5, 20 and 50
// workspaces at once on the embedded platform, each beside its Docker floor measured in the same
// run (the same engine calls with no platform: see docker-floor.ts), with and without the
// per-network serialisation of endpoint changes the kit needs on dockerd 20.10; a per-phase
// breakdown and the kit's engine calls beside the floor's; each stub container's memory; the same
// steps done the bash harness's way (one-second polling).
// Run: pnpm bench (all packages) or pnpm --filter @molecule-ctk/e2e bench [-- --quick | --sizes 1,5].
import { parseArgs } from "node:util";
import { buildKitImage } from "@molecule-ctk/testcontainers";
import Dockerode from "dockerode";
import { target } from "../../../scripts/bench-target.js";
import { startEmbeddedPlatform } from "../src/platform/embedded-platform.js";
import { createRunContext } from "../src/support/run-labels.js";
import { removeRunResources } from "../src/support/run-resources.js";
import { containerMemoryMiB } from "./container-memory.js";
import { type CallTally, DockerCallRecorder } from "./docker-calls.js";
import { type DockerFloorRun, runDockerFloor } from "./docker-floor.js";
import { type LifecycleMarks, PHASES, phaseMedians } from "./lifecycle-marks.js";
import { runLifecycle, type WaitMode } from "./lifecycle-runner.js";

const { values } = parseArgs({
  // pnpm passes a literal "--" through to the script.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    // Only the size rows: no provisionOnCreate-off and no polling comparison.
    "sizes-only": { type: "boolean", default: false },
  },
});
const quick = values.quick;
const sizes = (values.sizes ?? (quick ? "1,5" : "1,5,20,50")).split(",").map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 100)) {
  console.error(`[bench] --sizes takes whole numbers from 1 to 100, e.g. 1,5,20; got ${values.sizes}`);
  process.exit(2);
}
const REPEATS = quick ? 1 : 3;
process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";

const kitDocker = new Dockerode();
const floorDocker = new Dockerode();
const kitCalls = new DockerCallRecorder(kitDocker);
const floorCalls = new DockerCallRecorder(floorDocker);
const run = createRunContext(`bench-${Date.now().toString(36)}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void removeRunResources(kitDocker, run.runId).finally(() => process.exit(130)));
}

interface KitRun {
  wallSeconds: number;
  marks: LifecycleMarks[];
  memoryMiB: number[];
  calls: Map<string, CallTally>;
}

async function measureKit(
  workspaces: number,
  wait: WaitMode,
  platformOptions: { provisionOnCreate?: boolean } = {},
): Promise<KitRun> {
  const fixture = await startEmbeddedPlatform(run, { docker: kitDocker, ...platformOptions });
  const memory: Promise<number | undefined>[] = [];
  // Sampled at each workspace's first online without holding its lifecycle up.
  const midpoint = async (id: string) => {
    memory.push(containerMemoryMiB(kitDocker, id));
  };
  kitCalls.reset();
  const started = performance.now();
  try {
    const results = await Promise.allSettled(
      Array.from({ length: workspaces }, (_, i) =>
        // The engine runs the N provisions nearly one at a time, so a wait for online grows with N:
        // 90 s (the suite's bound) plus 5 s per workspace.
        runLifecycle(fixture, {
          name: `bench ${i + 1}`,
          wait,
          midpoint,
          timeoutMs: 90_000 + 5_000 * workspaces,
        }),
      ),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const failed = results.filter((r) => r.status === "rejected");
    if (failed.length > 0)
      throw new Error(
        `${failed.length}/${workspaces} lifecycles failed: ${String((failed[0] as PromiseRejectedResult).reason)}`,
      );
    return {
      wallSeconds,
      marks: results.map((r) => (r as PromiseFulfilledResult<LifecycleMarks>).value),
      memoryMiB: (await Promise.all(memory)).filter((m): m is number => m !== undefined),
      calls: kitCalls.snapshot(),
    };
  } finally {
    await fixture.close();
  }
}

async function measureFloor(
  workspaces: number,
  serialise: boolean,
  provisions: 2 | 3 = 3,
): Promise<DockerFloorRun & { calls: Map<string, CallTally> }> {
  floorCalls.reset();
  const result = await runDockerFloor({
    docker: floorDocker,
    image: stubImage,
    labels: run.labels,
    workspaces,
    serialise,
    provisions,
  });
  return { ...result, calls: floorCalls.snapshot() };
}

try {
  await kitDocker.ping();
} catch (error) {
  console.error(
    `[bench] no Docker engine reachable (${(error as Error).message}): run scripts/setup.sh first`,
  );
  process.exit(1);
}
// The run's own image tag, labelled with the run: removed with the run's resources at the end.
const stubImage = (
  await buildKitImage("stub-runtime", {
    tag: run.images["stub-runtime"],
    labels: run.labels,
    docker: kitDocker,
  })
).tag;
const progress = (line: string) => console.error(`[bench] ${line}`);

interface SizeRow {
  workspaces: number;
  kit: KitRun;
  serialised: DockerFloorRun;
  concurrent?: DockerFloorRun;
}

const bySeconds = <T extends { wallSeconds: number }>(runs: T[]) =>
  [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor(runs.length / 2)]!;

const rows: SizeRow[] = [];
const failedSizes: string[] = [];
/** Ends the measuring early under `--sizes-only`. */
class SizesOnly extends Error {}
let singleCalls: { kit: Map<string, CallTally>; floor: Map<string, CallTally> } | undefined;
let skipped: { kit: KitRun; floor: DockerFloorRun } | undefined;
let polled: KitRun | undefined;
try {
  for (const n of sizes) {
    if (n === 1) {
      // Kit and floor alternate, the median of each kept: both are noisy on a shared machine.
      const kits: KitRun[] = [];
      const floors: Array<DockerFloorRun & { calls: Map<string, CallTally> }> = [];
      for (let i = 0; i < REPEATS; i++) {
        kits.push(await measureKit(1, "events"));
        floors.push(await measureFloor(1, true));
        progress(
          `1 workspace: kit ${kits.at(-1)!.wallSeconds.toFixed(2)} s, floor ${floors.at(-1)!.wallSeconds.toFixed(2)} s`,
        );
      }
      const kit = bySeconds(kits);
      const floor = bySeconds(floors);
      rows.push({ workspaces: 1, kit, serialised: floor });
      singleCalls = { kit: kit.calls, floor: floor.calls };
      continue;
    }
    try {
      const kit = await measureKit(n, "events");
      progress(`${n} at once: kit ${kit.wallSeconds.toFixed(1)} s`);
      const serialised = await measureFloor(n, true);
      progress(`${n} at once: floor, endpoint changes in series, ${serialised.wallSeconds.toFixed(1)} s`);
      // The all-at-once floor is the one that can break on dockerd 20.10: its failure keeps the row.
      const concurrent = await measureFloor(n, false).catch((error: Error) => {
        failedSizes.push(`${n} at once, floor all at once: ${error.message.split("\n")[0]}`);
        return undefined;
      });
      if (concurrent) progress(`${n} at once: floor, all at once, ${concurrent.wallSeconds.toFixed(1)} s`);
      rows.push({ workspaces: n, kit, serialised, ...(concurrent ? { concurrent } : {}) });
    } catch (error) {
      // One size failing (a wait timed out on a starved engine) must not lose the other rows.
      failedSizes.push(`${n} at once: ${(error as Error).message.split("\n")[0]}`);
      progress(failedSizes.at(-1)!);
    }
  }
  if (values["sizes-only"]) throw new SizesOnly();
  const skipKits: KitRun[] = [];
  const skipFloors: DockerFloorRun[] = [];
  for (let i = 0; i < REPEATS; i++) {
    skipKits.push(await measureKit(1, "events", { provisionOnCreate: false }));
    skipFloors.push(await measureFloor(1, true, 2));
  }
  skipped = { kit: bySeconds(skipKits), floor: bySeconds(skipFloors) };
  progress(`1 workspace, no provision at create: kit ${skipped.kit.wallSeconds.toFixed(2)} s`);
  const polls: KitRun[] = [];
  for (let i = 0; i < REPEATS; i++) polls.push(await measureKit(1, "poll-1s"));
  polled = bySeconds(polls);
} catch (error) {
  if (!(error instanceof SizesOnly)) throw error;
} finally {
  const left = await removeRunResources(kitDocker, run.runId);
  if (left.stuck.length > 0) console.log(`\n[bench] could not remove: ${left.stuck.join("; ")}`);
}

const s = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const leak = (floor: DockerFloorRun | undefined) =>
  floor === undefined ? "–" : floor.network.removed ? "no" : `YES (${floor.network.reason})`;

console.log(
  `\nLifecycle (create, provision→online, A2A, restart→online, A2A, delete), N at once, beside its Docker floor${REPEATS > 1 ? ` (1 workspace: median of ${REPEATS})` : ""}`,
);
console.log(
  "| workspaces | kit s | floor s (endpoint changes in series) | kit / floor | floor s (all at once) | kit / that floor | that floor leaked its network | kit s per workspace | floor s per workspace |",
);
console.log("|---:|---:|---:|---:|---:|---:|---|---:|---:|");
for (const row of rows) {
  const { kit, serialised, concurrent } = row;
  console.log(
    `| ${row.workspaces} | ${s(kit.wallSeconds, 2)} | ${s(serialised.wallSeconds, 2)} | ${s(kit.wallSeconds / serialised.wallSeconds, 2)} | ${concurrent ? s(concurrent.wallSeconds, 2) : "–"} | ${concurrent ? s(kit.wallSeconds / concurrent.wallSeconds, 2) : "–"} | ${leak(concurrent)} | ${s(kit.wallSeconds / row.workspaces, 2)} | ${s(serialised.wallSeconds / row.workspaces, 2)} |`,
  );
}
if (skipped) {
  console.log(
    `| 1, no provision at create (provisionOnCreate: false; floor: two provisions) | ${s(skipped.kit.wallSeconds, 2)} | ${s(skipped.floor.wallSeconds, 2)} | ${s(skipped.kit.wallSeconds / skipped.floor.wallSeconds, 2)} | – | – | – | ${s(skipped.kit.wallSeconds, 2)} | ${s(skipped.floor.wallSeconds, 2)} |`,
  );
}

for (const failure of failedSizes) console.log(`| failed: ${failure} |`);

for (const row of [rows[0], rows.at(-1)].filter((r, i, all): r is SizeRow => !!r && all.indexOf(r) === i)) {
  const kit = phaseMedians(row.kit.marks);
  const floor = phaseMedians(row.serialised.marks);
  console.log(
    `\nWhere the time goes, ${row.workspaces} workspace${row.workspaces > 1 ? "s at once (medians over them)" : ""}: kit beside floor, ms`,
  );
  console.log("| phase | kit | floor | kit − floor |");
  console.log("|---|---:|---:|---:|");
  PHASES.forEach(([label], i) => {
    console.log(`| ${label} | ${s(kit[i]!, 0)} | ${s(floor[i]!, 0)} | ${s(kit[i]! - floor[i]!, 0)} |`);
  });
}

if (singleCalls) {
  console.log("\nEngine calls of one lifecycle (count, summed ms): the kit's provisioner beside the floor");
  console.log("| call | kit | floor |");
  console.log("|---|---:|---:|");
  const kinds = [...new Set([...singleCalls.kit.keys(), ...singleCalls.floor.keys()])].sort();
  const cell = (tally: CallTally | undefined) => (tally ? `${tally.count} / ${s(tally.ms, 0)}` : "–");
  for (const kind of kinds) {
    console.log(`| ${kind} | ${cell(singleCalls.kit.get(kind))} | ${cell(singleCalls.floor.get(kind))} |`);
  }
}

console.log(
  "\nStub container memory at its first online (docker stats terms: usage minus inactive page cache)",
);
console.log("| workspaces | MiB mean | MiB max |");
console.log("|---:|---:|---:|");
for (const row of rows) {
  console.log(`| ${row.workspaces} | ${s(mean(row.kit.memoryMiB))} | ${s(Math.max(...row.kit.memoryMiB))} |`);
}

const single = rows.find((row) => row.workspaces === 1);
if (single && polled) {
  console.log(
    `\nThe harness's one-second polling takes ${s(polled.wallSeconds, 2)} s for one workspace; waiting on events takes ${s(single.kit.wallSeconds, 2)} s: ${s(polled.wallSeconds / single.kit.wallSeconds, 2)}x.`,
  );
}
const largestAsked = Math.max(0, ...sizes.filter((n) => n > 1));
// The largest size asked for; when it failed, its target line reads n/a rather than a smaller size's.
const largest = rows.find((row) => row.workspaces === largestAsked);
console.log("");
if (single)
  console.log(
    target("lifecycle-1", single.kit.wallSeconds, single.kit.wallSeconds / single.serialised.wallSeconds),
  );
if (largestAsked > 0 && !largest) console.log(target("lifecycle-50", Number.NaN, Number.NaN));
if (largest) {
  if (largest.workspaces !== 50)
    console.log(`(lifecycle-50 measured with ${largest.workspaces} workspaces in this run)`);
  console.log(
    target(
      "lifecycle-50",
      largest.kit.wallSeconds,
      largest.kit.wallSeconds / largest.serialised.wallSeconds,
      1,
    ),
  );
}
