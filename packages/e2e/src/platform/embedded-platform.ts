import { randomBytes } from "node:crypto";
import type { WorkspaceRow, WorkspaceStatus } from "@molecule-ctk/contract";
import {
  type MockPlatform,
  type MockPlatformOptions,
  type StartedMockPlatformServer,
  startMockPlatformServer,
} from "@molecule-ctk/mock-platform";
import { allocateHostPort, DockerProvisioner } from "@molecule-ctk/mock-platform/docker";
import { PlatformApiClient } from "@molecule-ctk/testcontainers";
import Dockerode from "dockerode";
import type { RunContext } from "../support/run-labels.js";
import { createRunNetwork, type RunNetwork, removeRunNetwork } from "../support/run-network.js";
import { type PlatformFixture, type WaitForStatusOptions, WorkspaceStatusError } from "./platform-fixture.js";

/** Options of {@link startEmbeddedPlatform}: the mock platform's own options, minus what the fixture wires. */
export type EmbeddedPlatformOptions = Omit<
  MockPlatformOptions,
  "baseUrl" | "provisioner" | "platformUrl" | "adminToken" | "log"
> & {
  image?: string;
  /** The engine client of the provisioner and the fixture; default `new Dockerode()` (DOCKER_HOST). */
  docker?: Dockerode;
};

/** The embedded default: the mock platform in this process, provisioning real containers. */
export interface EmbeddedPlatform extends PlatformFixture {
  readonly kind: "embedded";
  readonly platform: MockPlatform;
  readonly provisioner: DockerProvisioner;
  readonly network: RunNetwork;
  readonly server: StartedMockPlatformServer;
}

/**
 * Starts the mock platform in-process on 0.0.0.0 (containers reach it through their network's
 * gateway, as CI reaches the real platform through molecule-core-net's), with a DockerProvisioner
 * that labels everything with the run's labels, on a network of the run's own. Development deploy
 * mode by default, as upstream CI runs the platform (the proxy may reach localhost workspaces).
 */
export async function startEmbeddedPlatform(
  run: RunContext,
  options: EmbeddedPlatformOptions = {},
): Promise<EmbeddedPlatform> {
  const { image = run.images["stub-runtime"], docker = new Dockerode(), ...platformOptions } = options;
  const network = await createRunNetwork(
    docker,
    `${run.runId}-${randomBytes(3).toString("hex")}`,
    run.labels,
  );
  const port = await allocateHostPort("0.0.0.0");
  const platformUrl = `http://${network.gateway}:${port}`;
  const provisioner = new DockerProvisioner({
    docker,
    image,
    network: network.name,
    platformUrl,
    labels: { ...run.labels },
  });
  const adminToken = `e2e-admin-${randomBytes(12).toString("hex")}`;
  const lines: string[] = [];
  let server: StartedMockPlatformServer;
  try {
    server = await startMockPlatformServer({
      host: "0.0.0.0",
      port,
      adminToken,
      deployMode: "development",
      provisioner,
      platformUrl,
      log: (line) => lines.push(line),
      ...platformOptions,
    });
  } catch (error) {
    await provisioner.close();
    await removeRunNetwork(docker, network);
    throw error;
  }
  const client = new PlatformApiClient({ baseUrl: `http://127.0.0.1:${port}`, adminToken });
  const { platform } = server;

  async function waitForStatus(
    workspaceId: string,
    status: WorkspaceStatus,
    wait: WaitForStatusOptions = {},
  ) {
    const { since = platform.events.cursor(), timeoutMs = 90_000, failOn = [] } = wait;
    const deadline = Date.now() + timeoutMs;
    let from = since;
    if (wait.afterRestart) {
      const restart = await platform.events.waitFor(
        (e) => e.type === "WORKSPACE_PROVISIONING" && e.workspaceId === workspaceId,
        { since, timeoutMs, description: `the restart of workspace ${workspaceId} to begin` },
      );
      from = restart.seq;
    }
    const wanted = new Set<string>([status, ...failOn]);
    const event = await platform.events.waitFor(
      (e) => e.type === "STATUS_CHANGED" && e.workspaceId === workspaceId && wanted.has(String(e.data.to)),
      {
        since: from,
        timeoutMs: Math.max(1, deadline - Date.now()),
        description: `workspace ${workspaceId} to become ${status}`,
      },
    );
    const row: WorkspaceRow = await client.getWorkspace(workspaceId);
    if (event.data.to !== status) {
      throw new WorkspaceStatusError(
        `[e2e] workspace ${workspaceId} went ${String(event.data.to)} while waiting for ${status}: ${row.last_sample_error ?? ""}`,
      );
    }
    return row;
  }

  return {
    kind: "embedded",
    client,
    docker,
    run,
    workspaceImage: image,
    platform,
    provisioner,
    network,
    server,
    cursor: () => platform.events.cursor(),
    provisioningsSince: (workspaceId, since) =>
      platform.events
        .history(since)
        .filter((e) => e.workspaceId === workspaceId && e.type === "WORKSPACE_PROVISIONING").length,
    settle: () => platform.control.idle(),
    waitForStatus,
    logLines: () => [...lines],
    close: async () => {
      await server.close();
      await provisioner.close();
      await removeRunNetwork(docker, network);
    },
  };
}
