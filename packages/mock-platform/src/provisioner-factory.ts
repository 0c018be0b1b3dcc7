import type { ServeOptions } from "./cli-options.js";
import type { Provisioner } from "./provisioner.js";

/** The CLI's provisioner: none, or a DockerProvisioner (loaded only when asked for, with dockerode). */
export async function createProvisioner(
  options: ServeOptions,
  platformUrl: string,
): Promise<Provisioner | undefined> {
  if (options.provisioner === "none") return undefined;
  const { DockerProvisioner } = await import("./docker-provisioner.js");
  const { dockerProvisionerOptionsFromEnv } = await import("./docker-provisioner-options.js");
  return new DockerProvisioner({
    ...dockerProvisionerOptionsFromEnv(),
    platformUrl,
    ...(options.image ? { image: options.image } : {}),
    ...(options.network ? { network: options.network } : {}),
    ...(options.advertiseHost ? { advertiseHost: options.advertiseHost } : {}),
    labels: options.labels,
  });
}
