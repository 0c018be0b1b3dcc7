import type Dockerode from "dockerode";
import type { ContainerInspectInfo } from "dockerode";
import { dockerStatusCode, isDockerNotFound } from "./api-errors.js";
import { DockerProvisionerError, ForeignContainerError } from "./errors.js";
import { DockerLabels, isOwnedBy } from "./labels.js";

/** The container with exactly this name (or this full id with `byId`), or undefined when missing. */
export async function inspectContainer(
  docker: Dockerode,
  nameOrId: string,
  { byId = false } = {},
): Promise<ContainerInspectInfo | undefined> {
  try {
    const info = await docker.getContainer(nameOrId).inspect();
    // The engine also resolves id prefixes and names: only an exact match counts.
    return (byId ? info.Id === nameOrId : info.Name === `/${nameOrId}`) ? info : undefined;
  } catch (error) {
    if (isDockerNotFound(error)) return undefined;
    throw error;
  }
}

/** The container named `name` when this provisioner owns it; undefined when missing; throws for a foreign one. */
export async function inspectOwnedContainer(
  docker: Dockerode,
  name: string,
  instanceId: string,
): Promise<ContainerInspectInfo | undefined> {
  const info = await inspectContainer(docker, name);
  if (info && !isOwnedBy(info.Config.Labels, instanceId)) {
    const labels = info.Config.Labels ?? {};
    const owner = labels[DockerLabels.owner];
    throw new ForeignContainerError(name, owner && `${owner}/${labels[DockerLabels.instanceId] ?? "?"}`);
  }
  return info;
}

/**
 * Force-removes the container named `name` if this provisioner owns it, and resolves once the name is free.
 * A foreign container of that name is left alone and rejects with {@link ForeignContainerError}.
 */
export async function removeOwnedContainer(
  docker: Dockerode,
  name: string,
  instanceId: string,
): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const info = await inspectOwnedContainer(docker, name, instanceId);
    if (!info) return;
    await removeContainerById(docker, info.Id);
  }
  throw new DockerProvisionerError(
    `[mock-platform] container ${name} keeps reappearing after removal: another process recreates it; stop it`,
  );
}

/** Force-removes a container by id and waits for a removal already in progress; a missing one is fine. */
export async function removeContainerById(docker: Dockerode, id: string): Promise<void> {
  const container = docker.getContainer(id);
  try {
    await container.remove({ force: true, v: false });
  } catch (error) {
    if (isDockerNotFound(error)) return;
    // 409 "removal already in progress": wait for the engine to finish it.
    if (dockerStatusCode(error) !== 409) throw error;
    try {
      await container.wait({ condition: "removed" });
    } catch (waitError) {
      if (!isDockerNotFound(waitError)) throw waitError;
    }
  }
}
