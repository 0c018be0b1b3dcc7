import { posix } from "node:path";
import { pack } from "tar-stream";
import type { ConfigFile } from "../provisioner.js";
import { DockerProvisionerError } from "./errors.js";

/** Owner of every file written into /configs (contract 3.2). */
export const CONFIG_FILE_UID = 1000;
/** The mode a config file gets: its own, else 0600 for `.auth_token` (contract 3.2), else 0644. */
export function configFileMode(file: ConfigFile): number {
  return file.mode ?? (posix.normalize(file.path) === ".auth_token" ? 0o600 : 0o644);
}

/** Throws unless `path` is a plain relative path inside /configs. */
export function assertConfigPath(path: string): string {
  const normalised = posix.normalize(path);
  if (path === "" || path.startsWith("/") || normalised.startsWith("..") || normalised === ".") {
    throw new DockerProvisionerError(
      `[mock-platform] config file path ${JSON.stringify(path)} is not inside /configs: ` +
        "give a relative path such as .auth_token or prompts/system.md",
    );
  }
  return normalised;
}

/**
 * A tar of config files to extract at /configs: owner uid/gid 1000, each file's mode, and 0755
 * directories for nested paths. No shell and no helper image are needed to place it.
 */
export async function buildConfigArchive(files: ReadonlyArray<ConfigFile>): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on("data", (chunk: unknown) => {
    chunks.push(chunk as Buffer);
  });
  const finished = new Promise<void>((resolve, reject) => {
    tar.on("end", resolve);
    tar.on("error", reject);
  });
  const owner = { uid: CONFIG_FILE_UID, gid: CONFIG_FILE_UID, mtime: new Date() };
  const directories = new Set<string>();
  for (const file of files) {
    const path = assertConfigPath(file.path);
    for (let dir = posix.dirname(path); dir !== "."; dir = posix.dirname(dir)) directories.add(dir);
  }
  for (const dir of [...directories].sort()) {
    tar.entry({ name: `${dir}/`, type: "directory", mode: 0o755, ...owner });
  }
  for (const file of files) {
    tar.entry({ name: assertConfigPath(file.path), mode: configFileMode(file), ...owner }, file.content);
  }
  tar.finalize();
  await finished;
  return Buffer.concat(chunks);
}
