// The process floors of the stub's container figures, in the same base image: an idle Node process
// with one node:http listener (for the stub's memory), and a PID 1 that exits at once on SIGTERM
// (for `docker stop`). Both run with the stub image's NODE_OPTIONS, so only the app differs.
import { randomUUID } from "node:crypto";
import type { BenchContainers } from "./container.js";
import { rssMiB, waitForHealth } from "./load.js";

/** The stub image's NODE_OPTIONS (its Dockerfile), given to the floors too. */
const STUB_NODE_OPTIONS = "NODE_OPTIONS=--max-semi-space-size=1";

const LISTENER = "require('node:http').createServer((q, s) => s.end('ok')).listen(8000)";
const EXITS_ON_SIGTERM = `process.on('SIGTERM', () => process.exit(0)); ${LISTENER}`;

/** Floor figures, medians of `runs`: idle listener RSS (MiB) and `docker stop` of a PID 1 that exits on SIGTERM (ms). */
export interface ContainerFloor {
  idleRssMiB: number[];
  dockerStopMs: number[];
}

/** Median-ready idle RSS of a bare node:http listener, one figure per run (MiB). */
export async function measureIdleFloor(
  containers: BenchContainers,
  baseImage: string,
  platformPort: number,
  runs: number,
): Promise<number[]> {
  const rss: number[] = [];
  for (let run = 0; run < runs; run++) {
    const idle = await containers.create(baseImage, platformPort, randomUUID(), {
      cmd: ["node", "-e", LISTENER],
      env: [STUB_NODE_OPTIONS],
    });
    await idle.start();
    await waitForHealth(await containers.mappedPort(idle));
    rss.push(await rssMiB((await idle.inspect()).State.Pid));
    await idle.remove({ force: true });
  }
  return rss;
}

/** One `docker stop` of a PID 1 that exits at once on SIGTERM, stopped once it answers (ms). */
export async function measureStopFloor(
  containers: BenchContainers,
  baseImage: string,
  platformPort: number,
): Promise<number> {
  const quick = await containers.create(baseImage, platformPort, randomUUID(), {
    cmd: ["node", "-e", EXITS_ON_SIGTERM],
    env: [STUB_NODE_OPTIONS],
  });
  await quick.start();
  await waitForHealth(await containers.mappedPort(quick));
  const t0 = performance.now();
  await quick.stop({ t: 10 });
  const stopMs = performance.now() - t0;
  await quick.remove({ force: true });
  return stopMs;
}
