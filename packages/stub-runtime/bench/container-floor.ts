// The process floors of the stub's container figures, in the same base image: an idle Node process
// with one node:http listener (for the stub's memory; also taken again after it has answered the same
// 1,000 requests the stub answers), and a PID 1 that exits at once on SIGTERM (for `docker stop`).
// Both run with the stub image's NODE_OPTIONS and malloc settings, so only the app differs.
import { randomUUID } from "node:crypto";
import type { BenchContainers } from "./container.js";
import { rssMiB, runLoad, waitForHealth } from "./load.js";

/** The stub image's runtime settings (its Dockerfile's ENV), given to the floors too. */
const STUB_IMAGE_ENV = [
  "NODE_OPTIONS=--max-semi-space-size=1",
  "MALLOC_ARENA_MAX=2",
  "MALLOC_TRIM_THRESHOLD_=131072",
];

const LISTENER = "require('node:http').createServer((q, s) => s.end('ok')).listen(8000)";
const EXITS_ON_SIGTERM = `process.on('SIGTERM', () => process.exit(0)); ${LISTENER}`;

/**
 * Floor figures, one per run: the RSS (MiB) of a bare node:http listener idle and after answering
 * 1,000 requests, and `docker stop` of a PID 1 that exits on SIGTERM (ms).
 */
export interface ContainerFloor {
  idleRssMiB: number[];
  servedRssMiB: number[];
  dockerStopMs: number[];
}

/** The RSS of a bare node:http listener idle, then after the 1,000 requests the stub's figure follows; one pair per run (MiB). */
export async function measureListenerFloor(
  containers: BenchContainers,
  baseImage: string,
  platformPort: number,
  runs: number,
): Promise<Pick<ContainerFloor, "idleRssMiB" | "servedRssMiB">> {
  const idleRssMiB: number[] = [];
  const servedRssMiB: number[] = [];
  for (let run = 0; run < runs; run++) {
    const idle = await containers.create(baseImage, platformPort, randomUUID(), {
      cmd: ["node", "-e", LISTENER],
      env: STUB_IMAGE_ENV,
    });
    await idle.start();
    const port = await containers.mappedPort(idle);
    await waitForHealth(port);
    const { Pid: pid } = (await idle.inspect()).State;
    idleRssMiB.push(await rssMiB(pid));
    await runLoad(port, 1000, 1);
    servedRssMiB.push(await rssMiB(pid));
    await idle.remove({ force: true });
  }
  return { idleRssMiB, servedRssMiB };
}

/** One `docker stop` of a PID 1 that exits at once on SIGTERM, stopped once it answers (ms). */
export async function measureStopFloor(
  containers: BenchContainers,
  baseImage: string,
  platformPort: number,
): Promise<number> {
  const quick = await containers.create(baseImage, platformPort, randomUUID(), {
    cmd: ["node", "-e", EXITS_ON_SIGTERM],
    env: STUB_IMAGE_ENV,
  });
  await quick.start();
  await waitForHealth(await containers.mappedPort(quick));
  const t0 = performance.now();
  await quick.stop({ t: 10 });
  const stopMs = performance.now() - t0;
  await quick.remove({ force: true });
  return stopMs;
}
