// `pnpm e2e:clean`: removes what earlier e2e runs left behind, found by their run label only.
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import Dockerode from "dockerode";
import { removeRunResources, staleRunIds } from "./support/run-resources.js";

const { values } = parseArgs({
  options: {
    run: { type: "string", multiple: true },
    "settle-ms": { type: "string" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(`Usage: pnpm e2e:clean [--run RUN_ID ...]
  Removes the containers, volumes and networks of earlier e2e runs, found by their
  molecule-ctk.e2e.run label (never by name). Runs whose process still lives on this host are
  spared unless named with --run. --settle-ms N sweeps a second time after N ms, to catch what an
  interrupted run was still creating.`);
  process.exit(0);
}

const docker = new Dockerode();
try {
  await docker.ping();
} catch (error) {
  console.error(
    `[e2e:clean] no Docker engine reachable (${(error as Error).message}): start dockerd or set DOCKER_HOST`,
  );
  process.exit(1);
}
const runIds = values.run ?? (await staleRunIds(docker, hostname()));
if (runIds.length === 0) console.log("[e2e:clean] nothing left behind by earlier runs");
const settleMs = Number(values["settle-ms"] ?? 0);
let stuck = 0;
for (const runId of runIds) {
  let removed = await removeRunResources(docker, runId);
  if (settleMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const late = await removeRunResources(docker, runId);
    removed = {
      containers: [...removed.containers, ...late.containers],
      volumes: [...removed.volumes, ...late.volumes],
      networks: [...removed.networks, ...late.networks],
      stuck: late.stuck,
    };
  }
  console.log(
    `[e2e:clean] ${runId}: removed ${removed.containers.length} container(s), ${removed.volumes.length} volume(s), ${removed.networks.length} network(s)`,
  );
  for (const line of removed.stuck) console.error(`[e2e:clean] ${runId}: network left: ${line}`);
  stuck += removed.stuck.length;
}
process.exitCode = stuck > 0 ? 1 : 0;
