import { readFile } from "node:fs/promises";
import { workspaceContainerName } from "@molecule-ctk/contract";
import type Dockerode from "dockerode";

/**
 * A workspace container's memory as `docker stats` shows it (usage minus the inactive page cache),
 * read from its cgroup v1 files; undefined where they cannot be read (cgroup v2, a remote engine).
 */
export async function containerMemoryMiB(
  docker: Dockerode,
  workspaceId: string,
): Promise<number | undefined> {
  try {
    const { Id } = await docker.getContainer(workspaceContainerName(workspaceId)).inspect();
    const dir = `/sys/fs/cgroup/memory/docker/${Id}`;
    const usage = Number(await readFile(`${dir}/memory.usage_in_bytes`, "utf8"));
    const stat = await readFile(`${dir}/memory.stat`, "utf8");
    const inactive = Number(/^total_inactive_file (\d+)$/m.exec(stat)?.[1] ?? 0);
    return (usage - inactive) / 2 ** 20;
  } catch {
    return undefined;
  }
}
