import type Docker from "dockerode";
import { extract } from "tar-stream";

/**
 * The paths under `path` in an image, sorted, as `docker cp` would archive them: read from a
 * created, never started container (no shell needed in the image), which is then removed.
 */
export async function listImageFiles(
  docker: Docker,
  image: string,
  path: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<string[]> {
  const container = await docker.createContainer({ Image: image, Labels: { ...labels } });
  try {
    const archive = await container.getArchive({ path });
    const names: string[] = [];
    const reader = extract();
    reader.on("entry", (header, stream, next) => {
      names.push(header.name);
      stream.resume();
      stream.on("end", next);
    });
    archive.pipe(reader);
    await new Promise<void>((resolve, reject) => reader.on("finish", () => resolve()).on("error", reject));
    return names.sort();
  } finally {
    await container.remove({ force: true });
  }
}
