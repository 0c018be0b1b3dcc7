import { randomUUID } from "node:crypto";
import type { createDockerClient } from "@molecule-ctk/image-builder";
import type { BenchPlatform } from "./bench-platform.js";
import { rssMiB, runLoad, waitForHealth } from "./load.js";

type Docker = ReturnType<typeof createDockerClient>;
type Container = Awaited<ReturnType<Docker["createContainer"]>>;

/** Start-up figures of one container run, in milliseconds from `start()`. */
export interface ContainerRun {
  listeningMs: number;
  firstHeartbeatMs: number;
  dockerStopMs: number;
}

/** Creates, tracks and removes the bench's own containers (labelled, uniquely named). */
export class BenchContainers {
  readonly #docker: Docker;
  readonly #runId: string;
  readonly #created = new Set<Container>();
  #count = 0;

  constructor(docker: Docker, runId: string) {
    this.#docker = docker;
    this.#runId = runId;
  }

  /**
   * Creates a stub container that reaches the host platform through host.docker.internal; with
   * `command`, a container of `image` running that command instead (the floors).
   */
  async create(
    image: string,
    platformPort: number,
    workspaceId: string,
    command?: { cmd: string[]; env: string[] },
  ): Promise<Container> {
    const container = await this.#docker.createContainer({
      name: `stub-runtime-bench-${this.#runId}-${++this.#count}`,
      Image: image,
      Labels: { "molecule-ctk.bench": "stub-runtime", "molecule-ctk.bench-run": this.#runId },
      ...(command ? { Cmd: command.cmd } : {}),
      Env: [
        `WORKSPACE_ID=${workspaceId}`,
        `PLATFORM_URL=http://host.docker.internal:${platformPort}`,
        ...(command?.env ?? []),
      ],
      ExposedPorts: { "8000/tcp": {} },
      HostConfig: {
        PortBindings: { "8000/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
        ExtraHosts: ["host.docker.internal:host-gateway"],
      },
    });
    this.#created.add(container);
    return container;
  }

  /** The host port mapped to 8000/tcp, read afresh (it changes on every start). */
  async mappedPort(container: Container): Promise<number> {
    const info = await container.inspect();
    return Number(info.NetworkSettings.Ports["8000/tcp"]?.[0]?.HostPort);
  }

  async removeAll(): Promise<void> {
    await Promise.all([...this.#created].map((c) => c.remove({ force: true }).catch(() => {})));
    this.#created.clear();
  }
}

/** `start()` → /health 200, `start()` → first heartbeat at the host platform, then `docker stop` time. */
export async function measureContainerStartup(
  containers: BenchContainers,
  image: string,
  platform: BenchPlatform,
  platformPort: number,
  runs: number,
): Promise<ContainerRun[]> {
  const results: ContainerRun[] = [];
  for (let run = 0; run < runs; run++) {
    const workspaceId = randomUUID();
    const container = await containers.create(image, platformPort, workspaceId);
    const t0 = performance.now();
    await container.start();
    const listening = await waitForHealth(await containers.mappedPort(container));
    const beat = await platform.firstHeartbeat(workspaceId);
    const t1 = performance.now();
    await container.stop({ t: 10 });
    results.push({
      listeningMs: listening - t0,
      firstHeartbeatMs: beat - t0,
      dockerStopMs: performance.now() - t1,
    });
    await container.remove({ force: true });
  }
  return results;
}

/** RSS after 1,000 requests and requests per second on 1 and 50 connections, through the published port. */
export async function measureContainerLoad(
  containers: BenchContainers,
  image: string,
  platformPort: number,
  counts: { one: number; fifty: number },
) {
  const container = await containers.create(image, platformPort, randomUUID());
  await container.start();
  const port = await containers.mappedPort(container);
  await waitForHealth(port);
  const warm = await runLoad(port, 1000, 1);
  const rssAfter1000MiB = await rssMiB((await container.inspect()).State.Pid);
  const one = await runLoad(port, counts.one, 1);
  const fifty = await runLoad(port, counts.fifty, 50);
  await container.remove({ force: true });
  return {
    rssAfter1000MiB,
    rate1: one.rate,
    rate50: fifty.rate,
    failures: warm.failures + one.failures + fifty.failures,
  };
}
