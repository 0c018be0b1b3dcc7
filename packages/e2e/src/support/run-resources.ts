import { removeNetwork } from "@molecule-ctk/mock-platform/docker";
import createDebug from "debug";
import type Dockerode from "dockerode";
import { RUN_LABEL, RUN_OWNER_LABEL, runFilter } from "./run-labels.js";

const debug = createDebug("molecule-ctk:e2e:resources");

/** What a cleanup removed, by kind, and the networks it could not remove with the way to clear them. */
export interface Removed {
  containers: string[];
  volumes: string[];
  networks: string[];
  images: string[];
  /** Networks still there after every retry: `name: reason; remedy`. */
  stuck: string[];
}

/**
 * Removes every container, volume, network and image carrying this run's label, containers first
 * (nothing else can go while a container uses it). Each container is disconnected from its networks
 * before it is removed, and each network is removed with retries while endpoints detach, its stale
 * endpoints force-disconnected. Never lists by name: only the exact run label.
 */
export async function removeRunResources(docker: Dockerode, runId: string): Promise<Removed> {
  const filters = runFilter(runId);
  const removed: Removed = { containers: [], volumes: [], networks: [], images: [], stuck: [] };
  const containers = await docker.listContainers({ all: true, filters });
  // One at a time: concurrent endpoint changes on one network corrupt dockerd 20.10's endpoint count
  // (see networkEndpointChanges), which is what leaves a network that can never be removed.
  for (const c of containers) {
    for (const network of Object.keys(c.NetworkSettings?.Networks ?? {})) {
      await docker
        .getNetwork(network)
        .disconnect({ Container: c.Id, Force: true })
        .catch(() => {}); // already detached: the removal below is what counts
    }
    await ignoreMissing(docker.getContainer(c.Id).remove({ force: true, v: true }));
    removed.containers.push(c.Names[0]?.replace(/^\//, "") ?? c.Id);
  }
  const { Volumes } = await docker.listVolumes({ filters });
  for (const volume of Volumes ?? []) {
    await ignoreMissing(docker.getVolume(volume.Name).remove());
    removed.volumes.push(volume.Name);
  }
  const formerContainers = containers.map((c) => c.Id);
  for (const network of await docker.listNetworks({ filters })) {
    const result = await removeNetwork(docker, network.Id, { disconnectAttached: true, formerContainers });
    if (result.removed) removed.networks.push(network.Name);
    else removed.stuck.push(`${result.name}: ${result.reason}; ${result.remedy}`);
  }
  removed.images = await removeRunImages(docker, runId);
  debug("run %s: removed %o", runId, removed);
  return removed;
}

/**
 * Removes the images this run built (found by its label; each is the run's own, so no other run
 * uses it), returning their tags. An image a container still uses stays (the engine answers 409).
 */
export async function removeRunImages(docker: Dockerode, runId: string): Promise<string[]> {
  const removed: string[] = [];
  for (const image of await docker.listImages({ filters: runFilter(runId) })) {
    await ignoreMissing(docker.getImage(image.Id).remove());
    removed.push(...(image.RepoTags ?? [image.Id]));
  }
  return removed;
}

/** What still carries this run's label, by kind (its images aside: they live until its teardown). */
export async function countRunResources(
  docker: Dockerode,
  runId: string,
): Promise<Omit<Removed, "stuck" | "images">> {
  const filters = runFilter(runId);
  const [containers, volumes, networks] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
    docker.listNetworks({ filters }),
  ]);
  return {
    containers: containers.map((c) => c.Names[0] ?? c.Id),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name),
    networks: networks.map((n) => n.Name),
  };
}

/**
 * The run ids of earlier e2e runs whose owning process is gone (different host, or a dead pid on
 * this host). A run whose process still lives is never listed, so a cleanup spares concurrent runs.
 */
export async function staleRunIds(docker: Dockerode, thisHost: string): Promise<string[]> {
  const filters = { label: [RUN_LABEL] };
  const [containers, volumes, networks, images] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
    docker.listNetworks({ filters }),
    docker.listImages({ filters }),
  ]);
  const owners = new Map<string, string | undefined>();
  for (const labels of [
    ...containers.map((c) => c.Labels),
    ...(volumes.Volumes ?? []).map((v) => v.Labels),
    ...networks.map((n) => n.Labels),
    ...images.map((i) => i.Labels),
  ]) {
    const runId = labels?.[RUN_LABEL];
    if (runId) owners.set(runId, labels[RUN_OWNER_LABEL]);
  }
  return [...owners].filter(([, owner]) => !isLiveOwner(owner, thisHost)).map(([runId]) => runId);
}

function isLiveOwner(owner: string | undefined, thisHost: string): boolean {
  const [host, pid] = owner?.split(":") ?? [];
  if (host !== thisHost || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

async function ignoreMissing(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== 404 && status !== 409) throw error;
  }
}
