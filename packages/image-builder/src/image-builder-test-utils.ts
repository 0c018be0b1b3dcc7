import { randomBytes } from "node:crypto";
import type Docker from "dockerode";

/** Label on everything image-builder tests create, so teardown removes exactly that. */
export const TEST_LABEL = "molecule-ctk.test";

/** A short random id for unique names. */
export function runId(): string {
  return randomBytes(4).toString("hex");
}

/** Runs a container to completion and returns its exit code and output; the container is removed. */
export async function runToCompletion(
  docker: Docker,
  image: string,
  cmd: string[],
  labels: Record<string, string>,
): Promise<{ exitCode: number; output: string }> {
  const container = await docker.createContainer({ Image: image, Cmd: cmd, Labels: labels, Tty: true });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    // A stream, not a buffer: docker-modem JSON-parses a buffered body that happens to be JSON.
    const stream = await container.logs({ stdout: true, stderr: true, follow: true });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return { exitCode: StatusCode, output: Buffer.concat(chunks).toString("utf8") };
  } finally {
    await container.remove({ force: true });
  }
}

/** Removes an image reference if present (only references a test created). */
export async function removeImageRef(docker: Docker, ref: string): Promise<void> {
  try {
    await docker.getImage(ref).remove({ noprune: false });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}
