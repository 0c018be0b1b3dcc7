import type Dockerode from "dockerode";
import { dockerErrorMessage, dockerStatusCode, isDockerConflict, isDockerNotFound } from "./api-errors.js";
import { DockerOperationQueue } from "./operation-queue.js";

/**
 * Serialises what adds or removes endpoints of a network (container start and removal), per network
 * name, across every provisioner of this process. dockerd 20.10 keeps each network's endpoint count
 * with an optimistic store update that loses an update when endpoints of one network come and go
 * concurrently: the count then stays above zero with no endpoint left, and the network can never be
 * removed until dockerd restarts ("has active endpoints", moby#43286). Reproduced here with 20
 * concurrent restarts on one network; never seen with its endpoint changes in series.
 */
export const networkEndpointChanges = new DockerOperationQueue();

/** The network the platform puts workspace containers on (contract 8.3). */
export const DEFAULT_WORKSPACE_NETWORK = "molecule-core-net";

/** A network the provisioner uses; `created` says whether it made it (and so may remove it). */
export interface EnsuredNetwork {
  id: string;
  created: boolean;
}

/** Finds the network `name`, or creates it (bridge, with `labels`) when missing. */
export async function ensureNetwork(
  docker: Dockerode,
  name: string,
  labels: Record<string, string>,
): Promise<EnsuredNetwork> {
  const existing = await inspectNetwork(docker, name);
  if (existing) return { id: existing, created: false };
  try {
    // CheckDuplicate makes a concurrent create by another process a 409 instead of a second network.
    const network = await docker.createNetwork({
      Name: name,
      Driver: "bridge",
      CheckDuplicate: true,
      Labels: labels,
    });
    return { id: network.id, created: true };
  } catch (error) {
    const raced = isDockerConflict(error) ? await inspectNetwork(docker, name) : undefined;
    if (raced) return { id: raced, created: false };
    throw error;
  }
}

/** What {@link removeNetwork} did: removed (or already gone), or left with the reason and the way out. */
export type NetworkRemoval =
  | { removed: true }
  | { removed: false; name: string; inUse: boolean; reason: string; remedy: string };

/** Options of {@link removeNetwork}. */
export interface RemoveNetworkOptions {
  /**
   * Force-disconnects the containers still attached (only pass this for a network whose every
   * container is yours); without it, a network with containers attached is left alone.
   */
  disconnectAttached?: boolean;
  /** Containers that were on the network, disconnected once more by id if dockerd keeps their endpoints. */
  formerContainers?: ReadonlyArray<string>;
  /** How long to keep retrying while endpoints detach. Default 10 s. */
  timeoutMs?: number;
}

/**
 * Removes a network, retrying while the endpoints of removed containers detach (the engine answers
 * 403 "has active endpoints" meanwhile). When dockerd keeps an endpoint of a container that no longer
 * exists (dockerd 20.10 after a failed start), it is force-disconnected by the former container ids;
 * if the network still cannot go, the answer names it and the command that clears it, never "removed".
 */
export async function removeNetwork(
  docker: Dockerode,
  idOrName: string,
  options: RemoveNetworkOptions = {},
): Promise<NetworkRemoval> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let name = idOrName;
  let reason = "";
  for (let attempt = 0; ; attempt++) {
    let attached: string[];
    try {
      const info = (await docker.getNetwork(idOrName).inspect()) as {
        Name: string;
        Containers?: Record<string, unknown>;
      };
      name = info.Name;
      attached = Object.keys(info.Containers ?? {});
    } catch (error) {
      if (isDockerNotFound(error)) return { removed: true };
      throw error;
    }
    if (attached.length > 0 && !options.disconnectAttached) {
      return {
        removed: false,
        name,
        inUse: true,
        reason: `${attached.length} container(s) still attached`,
        remedy: `docker network inspect ${name}`,
      };
    }
    const stale = attempt > 0 && attached.length === 0 ? (options.formerContainers ?? []) : [];
    for (const container of [...attached, ...stale]) {
      await docker
        .getNetwork(idOrName)
        .disconnect({ Container: container, Force: true })
        .catch(() => {}); // already detached, or an endpoint dockerd cannot find: the remove below tells
    }
    try {
      await docker.getNetwork(idOrName).remove();
      return { removed: true };
    } catch (error) {
      if (isDockerNotFound(error)) return { removed: true };
      if (dockerStatusCode(error) !== 403 && dockerStatusCode(error) !== 409) throw error;
      reason = dockerErrorMessage(error);
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 100 * 2 ** attempt)));
  }
  return {
    removed: false,
    name,
    inUse: false,
    reason,
    remedy: `dockerd keeps a stale endpoint on it; restart dockerd, then: docker network rm ${name}`,
  };
}

async function inspectNetwork(docker: Dockerode, name: string): Promise<string | undefined> {
  try {
    const info = (await docker.getNetwork(name).inspect()) as { Id: string; Name: string };
    // The engine also matches id prefixes: only an exact name counts.
    return info.Name === name ? info.Id : undefined;
  } catch (error) {
    if (isDockerNotFound(error)) return undefined;
    throw error;
  }
}
