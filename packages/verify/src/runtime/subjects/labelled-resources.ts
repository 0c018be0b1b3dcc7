import { removeNetwork } from "@molecule-ctk/mock-platform/docker";
import type Dockerode from "dockerode";

/**
 * Removes every container, volume and network carrying `label=value`, in that order, and resolves
 * what is still there afterwards (nothing, unless the engine refused). Never matches by name.
 */
export async function removeLabelled(docker: Dockerode, label: string, value: string): Promise<string[]> {
  const filters = { label: [`${label}=${value}`] };
  const containers = await docker.listContainers({ all: true, filters });
  for (const container of containers) {
    await docker
      .getContainer(container.Id)
      .remove({ force: true, v: true })
      .catch(() => {});
  }
  for (const volume of (await docker.listVolumes({ filters })).Volumes ?? []) {
    await docker
      .getVolume(volume.Name)
      .remove()
      .catch(() => {});
  }
  for (const network of await docker.listNetworks({ filters })) {
    await removeNetwork(docker, network.Id, {
      disconnectAttached: true,
      formerContainers: containers.map((c) => c.Id),
    });
  }
  return labelledLeft(docker, label, value);
}

/** The names of the containers, volumes and networks still carrying `label=value`. */
export async function labelledLeft(docker: Dockerode, label: string, value: string): Promise<string[]> {
  const filters = { label: [`${label}=${value}`] };
  const [containers, volumes, networks] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
    docker.listNetworks({ filters }),
  ]);
  return [
    ...containers.map((c) => `container ${c.Names[0]?.replace(/^\//, "") ?? c.Id}`),
    ...(volumes.Volumes ?? []).map((v) => `volume ${v.Name}`),
    ...networks.map((n) => `network ${n.Name}`),
  ];
}
