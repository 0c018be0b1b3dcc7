import type { Container } from "dockerode";
import { generatedConfigYaml } from "../generated-config-yaml.js";
import { type ConfigFile, ConfigVolumeEmptyError, type ProvisionRequest } from "../provisioner.js";
import { isDockerNotFound } from "./api-errors.js";
import { assertConfigPath, buildConfigArchive } from "./archive.js";

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

/**
 * Fills /configs of a created, not yet started container (contract 8.2): rejects with
 * {@link ConfigVolumeEmptyError} when `requireExistingConfig` is set and neither `files` nor the
 * volume has config.yaml; otherwise adds a generated config.yaml when none exists; then writes `files`.
 * `volumeEmpty`: the config volume was created for this provision, so it has no config.yaml to look for.
 */
export async function writeProvisionConfig(
  container: Container,
  request: ProvisionRequest,
  { volumeEmpty = false } = {},
): Promise<void> {
  const files = [...request.files];
  const bringsConfig = files.some((file) => assertConfigPath(file.path) === "config.yaml");
  if (!bringsConfig && (volumeEmpty || !(await configFileExists(container, "config.yaml")))) {
    if (request.requireExistingConfig) throw new ConfigVolumeEmptyError(request.workspaceId);
    files.push({ path: "config.yaml", content: generatedConfigYaml(request) });
  }
  await putConfigFiles(container, files);
}
