import type Dockerode from "dockerode";
import { extract, pack } from "tar-stream";

/** uid/gid of files in the config volume, as the platform writes them (contract 3.2). */
const CONFIG_UID = 1000;

/**
 * Runs `fn` with a created, never started helper container that mounts `volume` at /configs. The
 * engine mounts volumes for archive calls on a created container, so no shell image is needed
 * (the harness uses `docker run alpine:3` for this, which cannot be pulled here).
 */
async function withVolumeContainer<T>(
  docker: Dockerode,
  options: { volume: string; image: string; labels: Readonly<Record<string, string>> },
  fn: (container: Dockerode.Container) => Promise<T>,
): Promise<T> {
  const container = await docker.createContainer({
    Image: options.image,
    Labels: { ...options.labels },
    HostConfig: { Binds: [`${options.volume}:/configs`] },
  });
  try {
    return await fn(container);
  } finally {
    await container.remove({ force: true });
  }
}

/** Writes `/configs/<name>` into a volume (created with `labels` when missing), owned by uid 1000. */
export async function writeVolumeFile(
  docker: Dockerode,
  options: {
    volume: string;
    image: string;
    labels: Readonly<Record<string, string>>;
    name: string;
    content: string;
    mode?: number;
  },
): Promise<void> {
  await ensureVolume(docker, options.volume, options.labels);
  const tar = pack();
  tar.entry(
    { name: options.name, mode: options.mode ?? 0o644, uid: CONFIG_UID, gid: CONFIG_UID },
    options.content,
  );
  tar.finalize();
  await withVolumeContainer(docker, options, (container) =>
    container.putArchive(tar as unknown as NodeJS.ReadableStream, { path: "/configs" }),
  );
}

/** Reads `/configs/<name>` from a volume; `undefined` when the file is missing. */
export async function readVolumeFile(
  docker: Dockerode,
  options: { volume: string; image: string; labels: Readonly<Record<string, string>>; name: string },
): Promise<{ content: string; mode: number; uid: number } | undefined> {
  return withVolumeContainer(docker, options, async (container) => {
    let archive: NodeJS.ReadableStream;
    try {
      archive = await container.getArchive({ path: `/configs/${options.name}` });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
    return firstTarEntry(archive);
  });
}

async function ensureVolume(
  docker: Dockerode,
  name: string,
  labels: Readonly<Record<string, string>>,
): Promise<void> {
  try {
    await docker.getVolume(name).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    await docker.createVolume({ Name: name, Labels: { ...labels } });
  }
}

function firstTarEntry(
  archive: NodeJS.ReadableStream,
): Promise<{ content: string; mode: number; uid: number }> {
  return new Promise((resolve, reject) => {
    const reader = extract();
    let first: { content: string; mode: number; uid: number } | undefined;
    reader.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on("end", () => {
        first ??= {
          content: Buffer.concat(chunks).toString("utf8"),
          mode: (header.mode ?? 0) & 0o777,
          uid: header.uid ?? -1,
        };
        next();
      });
    });
    reader.on("finish", () =>
      first ? resolve(first) : reject(new Error("[e2e] empty archive from the engine")),
    );
    reader.on("error", reject);
    archive.pipe(reader);
  });
}
