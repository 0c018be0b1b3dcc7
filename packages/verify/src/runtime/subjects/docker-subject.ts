import { workspaceContainerName } from "@molecule-ctk/contract";
import { DockerProvisioner, hostPorts, removeNetwork } from "@molecule-ctk/mock-platform/docker";
import createDebug from "debug";
import Dockerode from "dockerode";
import { VerifyError } from "../../verify-error.js";
import { removeLabelled } from "./labelled-resources.js";
import { type RuntimeSubject, VERIFY_RUN_LABEL } from "./runtime-subject.js";

const debug = createDebug("molecule-ctk:verify:docker");

/** Why `--image` cannot run here: no engine answers. Every check is then a skip with this reason. */
export class DockerUnavailable {
  constructor(readonly reason: string) {}
}

/**
 * `--image IMAGE`: workspaces are containers provisioned by the mock platform's Docker provisioner
 * (contract 8) on a network of the run's own; containers reach the platform at the network's
 * gateway. Everything carries the run's labels and is removed by {@link RuntimeSubject.close}.
 */
export async function createDockerSubject(
  image: string,
  labels: Readonly<Record<string, string>>,
): Promise<RuntimeSubject | DockerUnavailable> {
  const docker = new Dockerode();
  const where = process.env.DOCKER_HOST ?? "/var/run/docker.sock";
  const answered = await Promise.race([
    docker.ping().then(
      () => undefined,
      (error: Error) => error.message,
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve("no answer in 3 s"), 3_000).unref()),
  ]);
  if (answered !== undefined) {
    return new DockerUnavailable(
      `no Docker engine reachable at ${where} (${answered}), which --image needs: start one, or verify a --command`,
    );
  }
  try {
    await docker.getImage(image).inspect();
  } catch {
    throw new VerifyError(
      `[verify] image ${image} is not on the Docker engine at ${where}: build or load it first (docker images lists what is there)`,
    );
  }
  const runId = labels[VERIFY_RUN_LABEL] ?? "run";
  const network = await docker.createNetwork({
    Name: `molecule-ctk-verify-${runId}`,
    Driver: "bridge",
    CheckDuplicate: true,
    Labels: { ...labels },
  });
  const info = (await network.inspect()) as { Id: string; IPAM?: { Config?: Array<{ Gateway?: string }> } };
  const gateway = info.IPAM?.Config?.find(
    (config) => config.Gateway && !config.Gateway.includes(":"),
  )?.Gateway;
  if (!gateway) {
    await network.remove();
    throw new VerifyError(
      `[verify] the Docker network made for this run has no IPv4 gateway: containers could not reach the platform`,
    );
  }
  const lease = await hostPorts.acquire("0.0.0.0");
  const platformUrl = `http://${gateway}:${lease.port}`;
  const provisioner = new DockerProvisioner({
    docker,
    image,
    network: `molecule-ctk-verify-${runId}`,
    platformUrl,
    labels: { ...labels },
  });
  return {
    kind: "image",
    name: image,
    provisioner,
    listenHosts: ["127.0.0.1", gateway],
    platformPort: lease.port,
    platformUrl,
    async terminate(workspaceId, boundMs) {
      const container = docker.getContainer(workspaceContainerName(workspaceId));
      const started = performance.now();
      // `docker stop`: SIGTERM, then SIGKILL once the grace is over; it returns when the container exited.
      await container.stop({ t: Math.ceil(boundMs / 1000) }).catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 304) throw error; // 304: it had stopped already
      });
      const ms = performance.now() - started;
      return { ended: ms < boundMs, ms };
    },
    // A container that exits is seen through the provisioner's isRunning; its code is not needed.
    exitCode: async () => null,
    async output(workspaceId) {
      try {
        const logs = await docker
          .getContainer(workspaceContainerName(workspaceId))
          .logs({ stdout: true, stderr: true, tail: 50 });
        return demux(logs as unknown as Buffer);
      } catch {
        return [];
      }
    },
    async close() {
      const removal = await removeNetwork(docker, info.Id, { disconnectAttached: true });
      if (!removal.removed) debug("network %s stays: %s (%s)", removal.name, removal.reason, removal.remedy);
      await removeLabelled(docker, VERIFY_RUN_LABEL, runId);
      lease.release();
    },
  };
}

// Docker multiplexes stdout and stderr in 8-byte-headed frames when the container has no TTY.
function demux(buffer: Buffer): string[] {
  const lines: string[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    lines.push(
      ...buffer
        .subarray(offset + 8, offset + 8 + size)
        .toString("utf8")
        .split("\n"),
    );
    offset += 8 + size;
  }
  return lines.filter((line) => line !== "");
}
