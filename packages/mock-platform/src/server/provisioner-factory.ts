import { MockPlatformOptionError } from "../mock-platform-error.js";
import type { DockerProvisioner } from "../provisioner/docker/docker-provisioner.js";
import type { ServeOptions } from "./cli-options.js";

/** The kit's stub runtime image (built by `pnpm image`): the CLI's default workspace image. */
export const STUB_RUNTIME_IMAGE = "molecule-ctk/stub-runtime:latest";

/** Whether a Docker engine answers within `timeoutMs`; "no-client" when dockerode (an optional peer) is not installed. */
export async function dockerStatus(timeoutMs = 2_000): Promise<"answers" | "no-engine" | "no-client"> {
  let Dockerode: typeof import("dockerode");
  try {
    ({ default: Dockerode } = await import("dockerode"));
  } catch {
    return "no-client";
  }
  const ping = new Dockerode().ping().then(
    () => "answers" as const,
    () => "no-engine" as const,
  );
  const timeout = new Promise<"no-engine">((resolve) =>
    setTimeout(() => resolve("no-engine"), timeoutMs).unref(),
  );
  return Promise.race([ping, timeout]);
}

/**
 * The workspace image: `--image`, local resolution for `--image local` or when the bash harness's
 * CACHE_TAG / MOLECULE_LOCAL_IMAGE_ISOLATION are set (contract 8.5), else the kit's stub runtime.
 */
export function workspaceImage(
  image: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (image === "local") return undefined;
  if (image) return image;
  if (env.CACHE_TAG || env.MOLECULE_LOCAL_IMAGE_ISOLATION) return undefined;
  return STUB_RUNTIME_IMAGE;
}

/**
 * The CLI's DockerProvisioner (loaded only when asked for). Containers reach the mock platform at
 * `--platform-url`, else at the workspace network's gateway on `port`.
 */
export async function createDockerProvisioner(
  options: ServeOptions,
  port: number,
): Promise<DockerProvisioner> {
  if ((await dockerStatus()) === "no-client") {
    throw new MockPlatformOptionError(
      "[mock-platform] --provisioner docker needs dockerode, an optional peer of @molecule-ctk/mock-platform: npm i dockerode",
    );
  }
  const { DockerProvisioner } = await import("../provisioner/docker/docker-provisioner.js");
  const { dockerProvisionerOptionsFromEnv } = await import("../provisioner/docker/options.js");
  const image = workspaceImage(options.image);
  return new DockerProvisioner({
    ...dockerProvisionerOptionsFromEnv(),
    ...(options.platformUrl ? { platformUrl: options.platformUrl } : { platformPort: port }),
    ...(image ? { image } : {}),
    ...(options.network ? { network: options.network } : {}),
    ...(options.advertiseHost ? { advertiseHost: options.advertiseHost } : {}),
    labels: options.labels,
  });
}
