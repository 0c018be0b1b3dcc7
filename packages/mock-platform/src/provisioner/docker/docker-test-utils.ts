import { randomBytes, randomUUID } from "node:crypto";
import { allWorkspaceVolumeNames, workspaceContainerName } from "@molecule-ctk/contract";
import { ensureNodeBase } from "@molecule-ctk/image-builder";
import type Dockerode from "dockerode";
import { pack } from "tar-stream";
import type { ConfigFile } from "../provisioner.js";
import { isDockerNotFound } from "./api-errors.js";
import { putConfigFiles } from "./config-files.js";
import { inspectContainer } from "./containers.js";
import { removeVolume } from "./volumes.js";

/** Label on everything these tests create; its value is the run id, so cleanup matches exactly. */
export const TEST_RUN_LABEL = "molecule-ctk.test-run";

/** A short random id for unique names. */
export function testRunId(): string {
  return randomBytes(4).toString("hex");
}

// The workspace stand-in: it reads the token once at process start (so a test can prove it was
// written before start) and answers every GET with that, its env and the current /configs listing;
// `?probe` also GETs $PLATFORM_URL/health from inside the container.
const SERVER = `
import { createServer } from "node:http";
import { readdirSync, readFileSync, statSync } from "node:fs";
const read = (p) => { try { return readFileSync(p, "utf8"); } catch { return null; } };
const stat = (p) => { try { const s = statSync(p); return { mode: s.mode & 0o777, uid: s.uid, gid: s.gid }; } catch { return null; } };
const list = () => { try { return readdirSync("/configs").sort(); } catch { return null; } };
const atStart = { token: read("/configs/.auth_token"), tokenStat: stat("/configs/.auth_token"), filesAtStart: list() };
const probe = async () => {
  try {
    const r = await fetch(process.env.PLATFORM_URL + "/health", { signal: AbortSignal.timeout(3000) });
    return { status: r.status, body: await r.text() };
  } catch (e) { return { error: String(e && e.cause || e) }; }
};
createServer(async (req, res) => {
  const query = new URL(req.url, "http://stub").searchParams;
  const file = query.get("file");
  const body = { ...atStart, env: process.env, files: list(), file: file ? read("/configs/" + file) : null, fileStat: file ? stat("/configs/" + file) : null, probe: query.has("probe") ? await probe() : null };
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}).listen(8000, "0.0.0.0");
process.on("SIGTERM", () => process.exit(0));
`;

/** What the test image's server answers. */
export interface TestServerReply {
  token: string | null;
  tokenStat: { mode: number; uid: number; gid: number } | null;
  filesAtStart: string[] | null;
  files: string[] | null;
  env: Record<string, string>;
  file: string | null;
  fileStat: { mode: number; uid: number; gid: number } | null;
  probe: { status: number; body: string } | { error: string } | null;
}

/** Builds the tiny test image on the kit's Node base (no shell); remove it with {@link removeImage}. */
export async function buildTestImage(
  docker: Dockerode,
  tag: string,
  labels: Record<string, string>,
): Promise<void> {
  const base = await ensureNodeBase(docker);
  const context = pack();
  context.entry(
    { name: "Dockerfile" },
    `FROM ${base}\nCOPY server.mjs /app/server.mjs\nENTRYPOINT ["node", "/app/server.mjs"]\n`,
  );
  context.entry({ name: "server.mjs" }, SERVER);
  context.finalize();
  const stream = await docker.buildImage(context as unknown as NodeJS.ReadableStream, {
    t: tag,
    labels,
    rm: true,
    forcerm: true,
  });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((event) => event.error);
      if (error || failed) reject(error ?? new Error(`test image build failed: ${failed?.error}`));
      else resolve();
    });
  });
}

/**
 * Seeds a volume the way the harness does (contract 12.2 step 2f: `docker volume create` plus a
 * throwaway container writing config.yaml), without a shell: create, putArchive, remove.
 */
export async function seedVolume(
  docker: Dockerode,
  options: { volume: string; image: string; labels: Record<string, string>; files: ConfigFile[] },
): Promise<void> {
  await docker.createVolume({ Name: options.volume, Labels: options.labels });
  const seeder = await docker.createContainer({
    Image: options.image,
    Labels: options.labels,
    HostConfig: { Mounts: [{ Type: "volume", Source: options.volume, Target: "/configs" }] },
  });
  try {
    await putConfigFiles(seeder, options.files);
  } finally {
    await seeder.remove({ force: true });
  }
}

/** Removes an image tag this test created; a missing one is fine. */
export async function removeImage(docker: Dockerode, tag: string): Promise<void> {
  try {
    await docker.getImage(tag).remove();
  } catch (error) {
    if (!isDockerNotFound(error)) throw error;
  }
}

/** GETs the test server through its published port, polling until it answers (each try bounded). */
export async function fetchTestServer(
  hostPort: number,
  query: { file?: string; probe?: boolean } = {},
  timeoutMs = 10_000,
): Promise<TestServerReply> {
  const params = new URLSearchParams();
  if (query.file) params.set("file", query.file);
  if (query.probe) params.set("probe", "1");
  const url = `http://127.0.0.1:${hostPort}/?${params}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(query.probe ? 5_000 : 1_000) });
      if (response.ok) return (await response.json()) as TestServerReply;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`test server on port ${hostPort} never answered`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Records the workspace ids and networks a test file uses, and removes exactly those resources
 * afterwards: containers `ws-<id>` and networks only when they carry this run's label, volumes by
 * exact name (they are named after ids no one else knows).
 */
export class DockerTestResources {
  readonly workspaceIds: string[] = [];
  readonly networks: string[] = [];

  constructor(
    private readonly docker: Dockerode,
    readonly runId: string,
  ) {}

  /** A fresh workspace id, remembered for cleanup. */
  workspaceId(): string {
    const id = randomUUID();
    this.workspaceIds.push(id);
    return id;
  }

  /** A fresh network name, remembered for cleanup. */
  networkName(): string {
    const name = `molecule-ctk-test-net-${this.runId}-${this.networks.length}`;
    this.networks.push(name);
    return name;
  }

  /** Removes what the tests left behind; returns what it had to remove (empty when everything was cleaned). */
  async cleanup(): Promise<string[]> {
    const removed: string[] = [];
    for (const id of this.workspaceIds) {
      const info = await inspectContainer(this.docker, workspaceContainerName(id));
      if (info && info.Config.Labels?.[TEST_RUN_LABEL] === this.runId) {
        await this.docker.getContainer(info.Id).remove({ force: true });
        removed.push(info.Name);
      }
      for (const volume of allWorkspaceVolumeNames(id)) {
        if (await this.exists(() => this.docker.getVolume(volume).inspect())) {
          await removeVolume(this.docker, volume);
          removed.push(volume);
        }
      }
    }
    for (const name of this.networks) {
      const network = this.docker.getNetwork(name);
      const info = (await network.inspect().catch(() => undefined)) as
        | { Name: string; Labels?: Record<string, string> }
        | undefined;
      if (info?.Name === name && info.Labels?.[TEST_RUN_LABEL] === this.runId) {
        await network.remove();
        removed.push(name);
      }
    }
    return removed;
  }

  private async exists(inspect: () => Promise<unknown>): Promise<boolean> {
    try {
      await inspect();
      return true;
    } catch (error) {
      if (isDockerNotFound(error)) return false;
      throw error;
    }
  }
}

/**
 * The address `host-gateway` resolves to: the default bridge's gateway (docker0). The engine omits
 * it from IPAM when it is the subnet's first host, and Node lists no address of a docker0 that is
 * down (no container on the default bridge), so it is derived from the bridge network's subnet.
 */
export async function hostGatewayAddress(docker: Dockerode): Promise<string> {
  const bridge = (await docker.getNetwork("bridge").inspect()) as {
    IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string }> };
  };
  const config = bridge.IPAM?.Config?.find((entry) => entry.Subnet?.includes("."));
  if (config?.Gateway) return config.Gateway;
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+$/.exec(config?.Subnet ?? "");
  if (!match) throw new Error(`the default bridge has no IPv4 subnet (${JSON.stringify(bridge.IPAM)})`);
  return `${match[1]}.${match[2]}.${match[3]}.${Number(match[4]) + 1}`;
}
