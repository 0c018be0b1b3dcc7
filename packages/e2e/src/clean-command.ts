import { hostname } from "node:os";
import { parseArgs } from "node:util";
import Dockerode from "dockerode";
import { removeRunResources, staleRunIds } from "./support/run-resources.js";

/** Where a command prints: one line at a time, to stdout (`out`) or stderr (`err`). */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The usage of `<program> clean`. */
export function cleanUsage(program: string): string {
  return `Usage: ${program} clean [--run RUN_ID ...] [--settle-ms N]
  Removes the containers, volumes, networks and images of earlier lifecycle runs, found by their
  molecule-ctk.e2e.run label (never by name). Runs whose process still lives on this host are
  spared unless named with --run. --settle-ms N sweeps a second time after N ms, to catch what an
  interrupted run was still creating.`;
}

/**
 * Runs `clean ...args`: removes what earlier, dead lifecycle runs left behind, by label. Resolves
 * the exit code: 0 when everything went, 1 when a network stayed or no engine answers, 2 for usage.
 */
export async function runCleanCommand(
  args: ReadonlyArray<string>,
  options: { io: CommandIo; program?: string; docker?: Dockerode },
): Promise<number> {
  const { io, program = "molecule-ctk" } = options;
  let values: { run?: string[]; "settle-ms"?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        run: { type: "string", multiple: true },
        "settle-ms": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    io.err(`[clean] ${(error as Error).message}. Run "${program} clean --help" for usage.`);
    return 2;
  }
  if (values.help) {
    io.out(cleanUsage(program));
    return 0;
  }
  const settleMs = Number(values["settle-ms"] ?? 0);
  if (!Number.isFinite(settleMs) || settleMs < 0) {
    io.err(
      `[clean] --settle-ms must be a number of milliseconds, got ${JSON.stringify(values["settle-ms"])}`,
    );
    return 2;
  }
  const docker = options.docker ?? new Dockerode();
  try {
    await docker.ping();
  } catch (error) {
    io.err(
      `[clean] no Docker engine reachable (${(error as Error).message}): start dockerd, or point DOCKER_HOST at a running engine`,
    );
    return 1;
  }
  const runIds = values.run ?? (await staleRunIds(docker, hostname()));
  if (runIds.length === 0) io.out("[clean] nothing left behind by earlier runs");
  let stuck = 0;
  for (const runId of runIds) {
    const removed = await removeRunResources(docker, runId);
    if (settleMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const late = await removeRunResources(docker, runId);
      removed.containers.push(...late.containers);
      removed.volumes.push(...late.volumes);
      removed.networks.push(...late.networks);
      removed.images.push(...late.images);
      removed.stuck = late.stuck;
    }
    io.out(
      `[clean] ${runId}: removed ${removed.containers.length} container(s), ${removed.volumes.length} volume(s), ` +
        `${removed.networks.length} network(s), ${removed.images.length} image(s)`,
    );
    for (const line of removed.stuck) io.err(`[clean] ${runId}: network left: ${line}`);
    stuck += removed.stuck.length;
  }
  return stuck > 0 ? 1 : 0;
}
