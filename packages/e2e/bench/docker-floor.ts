// The Docker floor of a lifecycle: the engine calls the platform must make (contract 8, 8.2, 8.6),
// made straight through the engine API with no platform, so a reader sees how much of a lifecycle
// is Docker and how much is the kit.
import { randomBytes, randomUUID } from "node:crypto";
import { request } from "node:http";
import { hostPorts, type NetworkRemoval, removeNetwork } from "@molecule-ctk/mock-platform/docker";
import type Dockerode from "dockerode";
import { pack } from "tar-stream";
import { createRunNetwork } from "../src/support/run-network.js";
import type { LifecycleMarks } from "./lifecycle-marks.js";

/** Options of {@link runDockerFloor}. */
export interface DockerFloorOptions {
  docker: Dockerode;
  image: string;
  labels: Readonly<Record<string, string>>;
  workspaces: number;
  /**
   * Container starts and removals of the network one at a time, as the kit's provisioner runs them
   * (dockerd 20.10 loses endpoint counts under concurrent endpoint changes); false: all at once.
   */
  serialise: boolean;
  /** 3 (default): provisions at create and at two restarts; 2: no provision at create. */
  provisions?: 2 | 3;
}

/** One floor run: its wall time, each workspace's marks, and what became of its network. */
export interface DockerFloorRun {
  wallSeconds: number;
  marks: LifecycleMarks[];
  network: NetworkRemoval;
}

const MIB = 1024 * 1024;

/** One-at-a-time runner for the endpoint changes of one network. */
function serialQueue(): <T>(operation: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (operation) => {
    const result = tail.then(operation);
    tail = result.catch(() => {});
    return result;
  };
}

async function configArchive(workspaceId: string): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on("data", (chunk: unknown) => {
    chunks.push(chunk as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    tar.on("end", () => resolve());
    tar.on("error", reject);
  });
  const owner = { uid: 1000, gid: 1000, mtime: new Date() };
  tar.entry({ name: ".auth_token", mode: 0o600, ...owner }, randomBytes(32).toString("base64url"));
  tar.entry({ name: ".platform_inbound_secret", mode: 0o600, ...owner }, randomBytes(32).toString("hex"));
  tar.entry({ name: "config.yaml", mode: 0o644, ...owner }, `name: "floor ${workspaceId}"\ntier: 2\n`);
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Resolves once `GET /health` on the published port answers 200 (every probe bounded, 10 ms apart). */
async function portAnswers(port: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: "127.0.0.1", port, path: "/health", timeout: 250 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("timeout", () => req.destroy());
      req.on("error", () => resolve(0));
      req.end();
    });
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`[bench] the floor container on port ${port} did not answer within ${timeoutMs} ms`);
}

/**
 * N lifecycles' Docker work at once, each what the kit's provisioner does for one workspace: three
 * volumes created; then three times a container created on a user-defined network (contract 8.3:
 * `127.0.0.1:<pre-allocated port>`, an alias, tier 2's limits, the volumes mounted), its config
 * files put in `/configs` (8.2), started; removed by the next restart (8.6). The first container is
 * removed as soon as it started (the restart comes right after create); the next two are waited on
 * until their port answers, where the lifecycle waits for `online`. Then the volumes are removed.
 * The containers run the kit's workspace image with no platform to talk to.
 */
export async function runDockerFloor(options: DockerFloorOptions): Promise<DockerFloorRun> {
  const { docker, image, labels } = options;
  const suffix = randomBytes(3).toString("hex");
  const network = await createRunNetwork(docker, `floor-${suffix}`, labels);
  const endpointChange = options.serialise ? serialQueue() : <T>(operation: () => Promise<T>) => operation();

  const lifecycle = async (index: number): Promise<LifecycleMarks> => {
    const id = randomUUID();
    const name = `floor-${suffix}-${index}`;
    const volumes = ["configs", "workspace", "claude-sessions"].map((kind) => `${name}-${kind}`);
    const targets = ["/configs", "/workspace", "/root/.claude/sessions"];
    const started = performance.now();
    for (const volume of volumes) await docker.createVolume({ Name: volume, Labels: { ...labels } });
    const provision = async (wait: boolean) => {
      const lease = await hostPorts.acquire("127.0.0.1");
      const container = await docker.createContainer({
        name,
        Image: image,
        Env: [`WORKSPACE_ID=${id}`, "WORKSPACE_CONFIG_PATH=/configs", "PLATFORM_URL=http://127.0.0.1:9"],
        Labels: { ...labels },
        ExposedPorts: { "8000/tcp": {} },
        HostConfig: {
          RestartPolicy: { Name: "unless-stopped" },
          LogConfig: { Type: "json-file", Config: { "max-size": "10m", "max-file": "3" } },
          Mounts: volumes.map((volume, i) => ({ Type: "volume", Source: volume, Target: targets[i]! })),
          Memory: 512 * MIB,
          NanoCpus: 1_000_000_000,
          NetworkMode: network.name,
          PortBindings: { "8000/tcp": [{ HostIp: "127.0.0.1", HostPort: String(lease.port) }] },
          ExtraHosts: ["host.docker.internal:host-gateway"],
        },
        NetworkingConfig: { EndpointsConfig: { [network.name]: { Aliases: [name] } } },
      });
      await container.putArchive(await configArchive(id), { path: "/configs" });
      await endpointChange(() => container.start());
      if (wait) await portAnswers(lease.port);
      return {
        remove: async () => {
          await endpointChange(() => container.remove({ force: true }));
          lease.release();
        },
      };
    };
    if (options.provisions !== 2) {
      const first = await provision(false);
      await first.remove();
    }
    const restart1 = performance.now();
    const second = await provision(true);
    const online1 = performance.now();
    await second.remove();
    const restart2 = performance.now();
    const third = await provision(true);
    const online2 = performance.now();
    await third.remove();
    for (const volume of volumes) await docker.getVolume(volume).remove();
    return { started, restart1, online1, restart2, online2, deleted: performance.now() };
  };

  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: options.workspaces }, (_, i) => lifecycle(i)),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  // What dockerd 20.10 does to a network whose endpoints changed concurrently shows here: a network
  // it still counts endpoints on cannot be removed (stale endpoints are force-disconnected first).
  const removal = await removeNetwork(docker, network.id, { disconnectAttached: true, timeoutMs: 15_000 });
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw new Error(`[bench] a floor lifecycle failed: ${String(failed.reason)}`);
  return {
    wallSeconds,
    marks: results.map((r) => (r as PromiseFulfilledResult<LifecycleMarks>).value),
    network: removal,
  };
}
