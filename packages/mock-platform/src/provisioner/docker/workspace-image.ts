import type Dockerode from "dockerode";
import { isDockerNotFound } from "./api-errors.js";
import { WorkspaceImageMissingError } from "./errors.js";
import { resolveLocalImage } from "./image-resolution.js";
import type { DockerProvisionerOptions } from "./options.js";

/** The image a workspace runs, and how to get it when it is missing. */
export interface WorkspaceImage {
  image: string;
  hint: string;
}

/** The image for `runtime`: the configured one, else the local tag of contract 8.5. */
export function resolveWorkspaceImage(options: DockerProvisionerOptions, runtime: string): WorkspaceImage {
  if (options.image !== undefined) {
    const image = typeof options.image === "string" ? options.image : options.image(runtime);
    return { image, hint: `build or tag ${image} locally, or configure another image` };
  }
  const image = resolveLocalImage({
    runtime,
    sha12: options.imageSha12,
    cacheTag: options.cacheTag,
    isolation: options.imageIsolation,
    imagePlatform: options.imagePlatform,
    hostArch: options.hostArch,
  });
  return {
    image,
    hint:
      "build the stub image with `pnpm image`, then tag it for the harness with `pnpm image:harness-tag` " +
      "(same CACHE_TAG, MOLECULE_LOCAL_IMAGE_ISOLATION and MOLECULE_IMAGE_PLATFORM)",
  };
}

/** Resolves when the image is present in the engine; rejects with {@link WorkspaceImageMissingError} otherwise. Never pulls. */
export async function assertImagePresent(docker: Dockerode, { image, hint }: WorkspaceImage): Promise<void> {
  try {
    await docker.getImage(image).inspect();
  } catch (error) {
    if (isDockerNotFound(error)) throw new WorkspaceImageMissingError(image, hint);
    throw error;
  }
}
