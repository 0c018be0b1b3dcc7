import type Dockerode from "dockerode";
import { isDockerConflict, isDockerNotFound } from "./api-errors.js";

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

/** Removes the network by id when no container is attached; returns whether it was removed. */
export async function removeNetworkIfUnused(docker: Dockerode, id: string): Promise<boolean> {
  try {
    const info = (await docker.getNetwork(id).inspect()) as { Containers?: Record<string, unknown> };
    if (Object.keys(info.Containers ?? {}).length > 0) return false;
    await docker.getNetwork(id).remove();
    return true;
  } catch (error) {
    // Gone already, or a container attached between inspect and remove (403/409): not ours to force.
    if (isDockerNotFound(error)) return true;
    return false;
  }
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
