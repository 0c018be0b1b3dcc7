import type { Container } from "dockerode";
import { isDockerNotFound } from "./docker-api-errors.js";
import { assertConfigPath, buildConfigArchive } from "./docker-archive.js";
import type { ConfigFile } from "./provisioner.js";

/** Where the config volume is mounted in every workspace container. */
export const CONFIG_MOUNT = "/configs";

/**
 * Whether /configs/<path> exists in the container (created or running): a HEAD on the archive
 * endpoint, 404 meaning missing. Works before start because the engine mounts volumes for it.
 */
export async function configFileExists(container: Container, path: string): Promise<boolean> {
  try {
    const response = (await container.infoArchive({ path: `${CONFIG_MOUNT}/${assertConfigPath(path)}` })) as {
      resume?: () => void;
    };
    response.resume?.();
    return true;
  } catch (error) {
    if (isDockerNotFound(error)) return false;
    throw error;
  }
}

/** Extracts `files` into /configs of the container (created or running) with one `putArchive`. */
export async function putConfigFiles(container: Container, files: ReadonlyArray<ConfigFile>): Promise<void> {
  if (files.length === 0) return;
  await container.putArchive(await buildConfigArchive(files), { path: CONFIG_MOUNT });
}
