import { type WorkspaceVolumeMount, workspaceContainerName } from "@molecule-ctk/contract";
import type { ContainerCreateOptions } from "dockerode";
import type { ProvisionRequest } from "../provisioner.js";
import { buildContainerEnv } from "./container-env.js";
import { workspaceContainerLabels } from "./labels.js";
import type { DockerProvisionerOptions } from "./options.js";
import type { TierConfig } from "./tier-config.js";

/** The port every workspace runtime listens on inside its container (contract 10.5). */
export const RUNTIME_PORT = 8000;

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

export interface WorkspaceSpecInput {
  request: ProvisionRequest & { globalSecrets?: Readonly<Record<string, string>> | undefined };
  options: DockerProvisionerOptions;
  /** PLATFORM_URL and MOLECULE_URL of the container, resolved by the provisioner. */
  platformUrl: string;
  instanceId: string;
  image: string;
  network: string;
  hostPort: number;
  tier: TierConfig;
  mounts: ReadonlyArray<WorkspaceVolumeMount>;
}

/** The create options of `ws-<id>` plus the URL it advertises (`http://<advertise host>:<host port>`). */
export function buildWorkspaceContainerSpec(input: WorkspaceSpecInput): {
  spec: ContainerCreateOptions;
  workspaceUrl: string;
} {
  const { request, options } = input;
  const workspaceUrl = `http://${options.advertiseHost ?? "localhost"}:${input.hostPort}`;
  const spec = buildContainerSpec({
    containerName: workspaceContainerName(request.workspaceId),
    image: input.image,
    network: input.network,
    hostPort: input.hostPort,
    env: buildContainerEnv({
      workspaceId: request.workspaceId,
      tier: request.tier,
      platformUrl: input.platformUrl,
      workspaceUrl,
      model: request.model,
      declaredPlugins: request.declaredPlugins,
      secrets: request.secrets,
      globalSecrets: request.globalSecrets,
    }),
    labels: workspaceContainerLabels({
      workspaceId: request.workspaceId,
      instanceId: input.instanceId,
      databaseUrl: options.databaseUrl,
      extra: options.labels ?? {},
    }),
    mounts: input.mounts,
    tier: input.tier,
  });
  return { spec, workspaceUrl };
}
