import { removeNetwork } from "@molecule-ctk/mock-platform/docker";
import type Dockerode from "dockerode";

/** A user-defined bridge network of the run, and the gateway IP containers reach the host by. */
export interface RunNetwork {
  name: string;
  id: string;
  gateway: string;
}

/** Creates a labelled bridge network and reads its gateway (where a host server is reachable). */
export async function createRunNetwork(
  docker: Dockerode,
  name: string,
  labels: Readonly<Record<string, string>>,
): Promise<RunNetwork> {
  const network = await docker.createNetwork({
    Name: name,
    Driver: "bridge",
    Labels: { ...labels },
    CheckDuplicate: true,
  });
  const info = (await network.inspect()) as { Id: string; IPAM?: { Config?: Array<{ Gateway?: string }> } };
  const gateway = info.IPAM?.Config?.find((config) => config.Gateway)?.Gateway;
  if (!gateway) {
    await network.remove();
    throw new Error(`[e2e] network ${name} has no IPv4 gateway: containers could not reach the platform`);
  }
  return { name, id: info.Id, gateway };
}

/**
 * Removes a network of the run: its containers (all the run's) are disconnected first, and the
 * removal is retried while their endpoints detach. Throws, naming the way out, if it stays.
 */
export async function removeRunNetwork(docker: Dockerode, network: RunNetwork): Promise<void> {
  const result = await removeNetwork(docker, network.id, { disconnectAttached: true });
  if (!result.removed) {
    throw new Error(`[e2e] network ${result.name} could not be removed (${result.reason}): ${result.remedy}`);
  }
}
