import { workspaceContainerName } from "@molecule-ctk/contract";
import type Dockerode from "dockerode";

/** What this machine's Docker engine knows of a workspace's container. */
export interface WorkspaceContainer {
  id: string;
  running: boolean;
  labels: Record<string, string>;
}

/** A file read out of a container, with the mode and owner the tar entry carries. */
export interface ContainerFile {
  content: string;
  mode: number;
  uid: number;
}

/**
 * This machine's Docker engine, reached only to read what the platform's provisioner made
 * (containers `ws-<id>` and the files of their config volume); it never creates anything.
 */
export class DockerAccess {
  private constructor(private readonly docker: Dockerode) {}

  /** The engine when one answers within `timeoutMs`, else the reason (dockerode loads only here). */
  static async connect(timeoutMs = 2_000): Promise<DockerAccess | { reason: string }> {
    const { default: Docker } = await import("dockerode");
    const docker = new Docker();
    const ping = docker.ping().then(
      () => true,
      () => false,
    );
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    if (!(await Promise.race([ping, timeout]))) return { reason: "no Docker engine answers on this machine" };
    return new DockerAccess(docker);
  }

  /** The `ws-<id>` container, or undefined when this engine has none. */
  async container(workspaceId: string): Promise<WorkspaceContainer | undefined> {
    try {
      const info = await this.docker.getContainer(workspaceContainerName(workspaceId)).inspect();
      return { id: info.Id, running: info.State.Running, labels: info.Config.Labels ?? {} };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  /** A file of a container, read with the archive endpoint (no helper container, no shell). */
  async readFile(containerId: string, path: string): Promise<ContainerFile | undefined> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.getContainer(containerId).getArchive({ path });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return firstTarEntry(Buffer.concat(chunks));
  }
}

/** The first file of a tar archive: a 512-byte ustar header (octal mode, uid, size), then the data. */
export function firstTarEntry(tar: Buffer): ContainerFile | undefined {
  if (tar.length < 512) return undefined;
  const octal = (from: number, to: number) =>
    Number.parseInt(tar.subarray(from, to).toString("latin1").replace(/\0.*$/s, "").trim(), 8);
  const size = octal(124, 136);
  if (!Number.isFinite(size) || tar.length < 512 + size) return undefined;
  return {
    content: tar.subarray(512, 512 + size).toString("utf8"),
    mode: octal(100, 108) & 0o7777,
    uid: octal(108, 116),
  };
}
