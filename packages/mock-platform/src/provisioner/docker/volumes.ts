import type Dockerode from "dockerode";
import { isDockerNotFound } from "./api-errors.js";

/** Creates the named volume with `labels` unless it exists; returns whether it was created now. */
export async function ensureVolume(
  docker: Dockerode,
  name: string,
  labels: Record<string, string>,
): Promise<boolean> {
  try {
    await docker.getVolume(name).inspect();
    return false;
  } catch (error) {
    if (!isDockerNotFound(error)) throw error;
  }
  // Creating an existing volume returns it unchanged: a concurrent creator's volume keeps its labels.
  await docker.createVolume({ Name: name, Labels: labels });
  const volume = (await docker.getVolume(name).inspect()) as { Labels?: Record<string, string> | null };
  return Object.entries(labels).every(([key, value]) => volume.Labels?.[key] === value);
}

/** Removes the volume with exactly this name; a missing one is fine. */
export async function removeVolume(docker: Dockerode, name: string): Promise<void> {
  try {
    await docker.getVolume(name).remove();
  } catch (error) {
    if (!isDockerNotFound(error)) throw error;
  }
}
