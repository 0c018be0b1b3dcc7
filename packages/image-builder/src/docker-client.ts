import Docker from "dockerode";

/** A dockerode client for the engine DOCKER_HOST names, or the local socket. */
export function createDockerClient(): Docker {
  return new Docker();
}

/** Follows a build or import progress stream; rejects with the engine's own error message. */
export function followProgress(docker: Docker, stream: NodeJS.ReadableStream): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
        const failed = output?.find((event) => event.error);
        if (error) reject(error);
        else if (failed)
          reject(new ImageBuildError(failed.errorDetail?.message ?? failed.error ?? "build failed", lines));
        else resolve(lines);
      },
      (event: { stream?: string; status?: string }) => {
        const line = (event.stream ?? event.status ?? "").trimEnd();
        if (line) lines.push(line);
      },
    );
  });
}

/** Base class of the image-builder's errors. */
export class ImageBuilderError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The engine refused a build or import; `log` holds the build output up to the failure. */
export class ImageBuildError extends ImageBuilderError {
  constructor(
    message: string,
    readonly log: ReadonlyArray<string>,
  ) {
    super(
      `[image-builder] docker build failed: ${message}${log.length ? `\n${log.slice(-15).join("\n")}` : ""}`,
    );
  }
}

/** Whether a Docker engine answers, and if not, a sentence naming what is missing and the fix. */
export type DockerEngineStatus = { available: true } | { available: false; reason: string };

/** Pings the engine (DOCKER_HOST, or the local socket) within `timeoutMs`. */
export async function checkDockerEngine(
  docker: Docker = createDockerClient(),
  timeoutMs = 3_000,
): Promise<DockerEngineStatus> {
  const where = process.env.DOCKER_HOST ?? "/var/run/docker.sock";
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      docker.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { available: true };
  } catch (error) {
    return {
      available: false,
      reason: `no Docker engine reachable at ${where} (${(error as Error).message}): start dockerd, or point DOCKER_HOST at a running engine`,
    };
  } finally {
    clearTimeout(timer);
  }
}
