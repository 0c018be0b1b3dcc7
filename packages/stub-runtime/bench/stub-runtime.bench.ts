// Measures the stub runtime and prints one table (it asserts nothing): the image size; container
// start → listening, → first heartbeat at a host platform, `docker stop` time; RSS after 1,000 A2A
// requests; requests/s on 1 and 50 connections. The same host-process figures are taken for the TS
// stub (the image's bundle run by this node) and for the reference Python stub, side by side, and
// the container figures' process floors in the same base image (container-floor.ts), with the two
// target lines (stub-rss, docker-stop). `--quick`: fewer runs and requests.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  APP_IMAGES,
  buildBundledImage,
  bundleApp,
  createDockerClient,
  ensureNodeBase,
} from "@molecule-ctk/image-builder";
import { target } from "../../../scripts/bench-target.js";
import { BenchPlatform } from "./bench-platform.js";
import {
  BenchContainers,
  type ContainerRun,
  measureContainerLoad,
  measureContainerStartup,
} from "./container.js";
import { type ContainerFloor, measureListenerFloor, measureStopFloor } from "./container-floor.js";
import { type HostContender, type LoadFigures, measureHostLoad, measureHostStartup } from "./host-process.js";
import { median } from "./load.js";

const { values } = parseArgs({
  // pnpm passes a literal "--" through to the script.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { quick: { type: "boolean", default: false } },
});
const RUNS = values.quick ? 3 : 5;
const COUNTS = values.quick ? { one: 1000, fifty: 2000 } : { one: 3000, fifty: 6000 };
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REFERENCE = join(PACKAGE_DIR, "..", "..", "reference", "stub_runtime_seed.py");

type Column = { startup?: Array<Record<string, number>>; load?: LoadFigures; size?: string; note?: string };

const runId = randomBytes(4).toString("hex");
// The bench's own tag, so a bench never re-points a tag another run or the harness uses.
const imageTag = `molecule-ctk/stub-runtime:bench-${runId}`;
const docker = createDockerClient();
const platform = new BenchPlatform();
const containers = new BenchContainers(docker, runId);
const workDir = await mkdtemp(join(tmpdir(), `stub-runtime-bench-${runId}-`));
process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

async function cleanup() {
  await containers.removeAll();
  await docker
    .getImage(imageTag)
    .remove()
    .catch(() => {}); // never built, or already gone
  await platform.close();
  await rm(workDir, { recursive: true, force: true });
}

const loadBefore = loadavg()[0] as number;
let floor: ContainerFloor | undefined;
try {
  const platformPort = await platform.listen();
  const platformUrl = `http://127.0.0.1:${platformPort}`;
  const bundle = join(workDir, "stub-runtime.mjs");
  await bundleApp({ entry: join(PACKAGE_DIR, "src", "main.ts"), outfile: bundle });
  const ts: HostContender = { name: "TS stub", command: process.execPath, args: [bundle] };
  const py: HostContender = { name: "Python reference", command: "python3", args: [REFERENCE] };

  const columns: Record<string, Column> = {};
  for (const [key, contender] of [
    ["tsHost", ts],
    ["pyHost", py],
  ] as const) {
    console.error(`measuring ${contender.name} as a host process ...`);
    const startup = await measureHostStartup(contender, platform, platformUrl, RUNS);
    columns[key] = {
      startup: startup as unknown as Array<Record<string, number>>,
      load: await measureHostLoad(contender, platformUrl, COUNTS),
    };
  }
  try {
    console.error("building and measuring the TS image ...");
    const image = await buildBundledImage(
      { dir: PACKAGE_DIR, entry: "src/main.ts", bundle: APP_IMAGES["stub-runtime"].bundle },
      { tag: imageTag, docker },
    );
    const baseImage = await ensureNodeBase(docker);
    // Each stub run's `docker stop` is taken right beside a floor stop, so both see the same engine load.
    const startup: ContainerRun[] = [];
    const stopFloor: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      startup.push(...(await measureContainerStartup(containers, image.tag, platform, platformPort, 1)));
      stopFloor.push(await measureStopFloor(containers, baseImage, platformPort));
    }
    columns["tsContainer"] = {
      size: `${(image.sizeBytes / 1e6).toFixed(1)} MB`,
      startup: startup as unknown as Array<Record<string, number>>,
      load: await measureContainerLoad(containers, image.tag, platformPort, COUNTS),
    };
    console.error("measuring the process floors in the same base image ...");
    floor = {
      ...(await measureListenerFloor(containers, baseImage, platformPort, RUNS)),
      dockerStopMs: stopFloor,
    };
  } catch (error) {
    columns["tsContainer"] = { note: `n/a (${(error as Error).message.split("\n")[0]})` };
  }
  printTable(columns);
  printTargets(columns["tsContainer"], floor);
} finally {
  await cleanup();
}

function printTable(columns: Record<string, Column>) {
  const order = ["tsContainer", "tsHost", "pyHost"];
  const ms = (column: Column | undefined, field: string) => {
    const values = column?.startup?.map((run) => run[field]).filter((v): v is number => v !== undefined);
    if (!values || values.length === 0) return column?.note ?? "–";
    return `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
  };
  const load = (column: Column | undefined, pick: (l: LoadFigures) => string) =>
    column?.load ? pick(column.load) : (column?.note ?? "–");
  const rows: Array<[string, (c: Column | undefined) => string]> = [
    ["image size", (c) => c?.size ?? "–"],
    [`start → listening (median of ${RUNS}, min–max)`, (c) => ms(c, "listeningMs")],
    ["start → first heartbeat at the platform", (c) => ms(c, "firstHeartbeatMs")],
    [
      "stop: `docker stop` / SIGTERM → exit",
      (c) =>
        c?.startup?.[0]?.["dockerStopMs"] !== undefined ? ms(c, "dockerStopMs") : ms(c, "sigtermToExitMs"),
    ],
    ["RSS after 1,000 A2A requests", (c) => load(c, (l) => `${l.rssAfter1000MiB.toFixed(1)} MiB`)],
    [`A2A req/s, 1 connection (${COUNTS.one} requests)`, (c) => load(c, (l) => l.rate1.toFixed(0))],
    [`A2A req/s, 50 connections (${COUNTS.fifty} requests)`, (c) => load(c, (l) => l.rate50.toFixed(0))],
    ["failed requests", (c) => load(c, (l) => String(l.failures))],
  ];
  console.log("| metric | TS stub, container | TS stub, host process | Python reference, host process |");
  console.log("|---|---|---|---|");
  for (const [label, cell] of rows)
    console.log(`| ${label} | ${order.map((key) => cell(columns[key])).join(" | ")} |`);
  console.log(
    `\n${cpus().length} CPUs, Node ${process.version}; 1-minute load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] as number).toFixed(2)} after (other work on the machine skews every figure).`,
  );
  console.log(
    "The Python stub exits at once on SIGTERM as a host process (default handler), but as PID 1 in a container it ignores SIGTERM, so `docker stop` waits its full timeout (10 s) before SIGKILL. Python serves HTTP/1.0: one connection per request.",
  );
}

function printTargets(container: Column | undefined, floors: ContainerFloor | undefined) {
  const rss = container?.load?.rssAfter1000MiB ?? Number.NaN;
  const stops = container?.startup
    ?.map((run) => run["dockerStopMs"])
    .filter((v): v is number => v !== undefined);
  const stop = stops && stops.length > 0 ? median(stops) : Number.NaN;
  const idle = floors ? median(floors.idleRssMiB) : Number.NaN;
  const served = floors ? median(floors.servedRssMiB) : Number.NaN;
  const quickStop = floors ? median(floors.dockerStopMs) : Number.NaN;
  console.log("\nContainer figures beside their floors in the same base image (floors: median of each run)");
  console.log("| measure | stub | floor | stub / floor |");
  console.log("|---|---:|---:|---:|");
  console.log(
    `| RSS after 1,000 A2A requests, MiB (floor: an idle node:http listener) | ${rss.toFixed(1)} | ${idle.toFixed(1)} | ${(rss / idle).toFixed(2)} |`,
  );
  console.log(
    `| the same, floor: that listener after answering the same 1,000 requests | ${rss.toFixed(1)} | ${served.toFixed(1)} | ${(rss / served).toFixed(2)} |`,
  );
  console.log(
    `| \`docker stop\`, ms (floor: a PID 1 that exits at once on SIGTERM) | ${stop.toFixed(0)} | ${quickStop.toFixed(0)} | ${(stop / quickStop).toFixed(2)} |`,
  );
  console.log("");
  console.log(target("stub-rss", rss, rss / idle, 1));
  console.log(target("docker-stop", stop, stop / quickStop, 0));
}
