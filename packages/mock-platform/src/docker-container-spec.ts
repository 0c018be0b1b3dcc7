import type { ContainerCreateOptions } from "dockerode";
import type { TierConfig } from "./docker-tier-config.js";
import type { WorkspaceVolumeMount } from "./workspace-names.js";

/** The port every workspace runtime listens on inside its container (contract 10.5). */
export const RUNTIME_PORT = 8000;

/** Everything the create call of a workspace container depends on. */
export interface ContainerSpecInput {
  containerName: string;
  image: string;
  network: string;
  hostPort: number;
  env: string[];
  labels: Record<string, string>;
  mounts: ReadonlyArray<WorkspaceVolumeMount>;
  tier: TierConfig;
}

/**
 * The create options of a workspace container (contract 8.3): `8000/tcp` on `127.0.0.1:<port>`,
 * the network with the container name as alias, `host.docker.internal:host-gateway`,
 * `unless-stopped`, json-file logs (10m x 3), named volume mounts and the tier's resources.
 */
export function buildContainerSpec(input: ContainerSpecInput): ContainerCreateOptions {
  const portKey = `${RUNTIME_PORT}/tcp`;
  const common: ContainerCreateOptions = {
    name: input.containerName,
    Image: input.image,
    Env: input.env,
    Labels: input.labels,
    HostConfig: {
      RestartPolicy: { Name: "unless-stopped" },
      LogConfig: { Type: "json-file", Config: { "max-size": "10m", "max-file": "3" } },
      Mounts: input.mounts.map((mount) => ({ Type: "volume", Source: mount.name, Target: mount.target })),
      ...input.tier.hostConfig,
    },
  };
  if (input.tier.hostNetwork) return common;
  return {
    ...common,
    ExposedPorts: { [portKey]: {} },
    HostConfig: {
      ...common.HostConfig,
      NetworkMode: input.network,
      PortBindings: { [portKey]: [{ HostIp: "127.0.0.1", HostPort: String(input.hostPort) }] },
      ExtraHosts: ["host.docker.internal:host-gateway"],
    },
    NetworkingConfig: { EndpointsConfig: { [input.network]: { Aliases: [input.containerName] } } },
  };
}
