import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { workspaceContainerName } from "@molecule-ctk/contract";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ProvisionRequest } from "../provisioner.js";
import { DockerProvisioner } from "./docker-provisioner.js";
import {
  buildTestImage,
  DockerTestResources,
  fetchTestServer,
  removeImage,
  TEST_RUN_LABEL,
  testRunId,
} from "./docker-test-utils.js";
import { HostPortAllocator } from "./host-port-allocator.js";
import { hostPortRange } from "./port-range.js";

// Needs a Docker engine: skipped with the global setup's message when none answers (a failure in CI).
const noDocker = !inject("dockerAvailable");
const COUNT = 50;
// setup.sh starts dockerd with its log here; when it can be read, it must stay free of port failures.
const DOCKERD_LOG = process.env.MOLECULE_CTK_DOCKERD_LOG ?? "/var/log/molecule-ctk-dockerd.log";

const docker = new Dockerode();
const runId = testRunId();
const image = `molecule-ctk-test/host-ports-workspace:${runId}`;
const runLabels = { [TEST_RUN_LABEL]: runId };
const resources = new DockerTestResources(docker, runId);
let churn: ChildProcess | undefined;

const request = (workspaceId: string): ProvisionRequest => ({
  workspaceId,
  name: "Host Ports Test",
  tier: 2,
  runtime: "claude-code",
  secrets: {},
  files: [{ path: ".auth_token", content: `token-${workspaceId}` }],
  requireExistingConfig: false,
  declaredPlugins: [],
});

/** Another process that opens and closes loopback connections as fast as it can (ephemeral ports). */
function startConnectionChurn(): ChildProcess {
  const script = `
    const net = require("node:net");
    const server = net.createServer((socket) => socket.end()).listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      const loop = () => { const c = net.connect(port, "127.0.0.1"); c.on("error", () => {}); c.on("close", loop); c.resume(); };
      for (let i = 0; i < 16; i++) loop();
    });`;
  return spawn(process.execPath, ["-e", script], { stdio: "ignore" });
}

beforeAll(async () => {
  if (noDocker) return;
  await buildTestImage(docker, image, runLabels);
}, 60_000);

afterAll(async () => {
  churn?.kill();
  if (noDocker) return;
  await resources.cleanup();
  await removeImage(docker, image);
}, 120_000);

describe.skipIf(noDocker)("host ports under contention", () => {
  it(`starts ${COUNT} workspaces at once from two allocators while another process churns connections, with no port taken twice`, {
    timeout: 240_000,
  }, async () => {
    const logBefore = existsSync(DOCKERD_LOG) ? readFileSync(DOCKERD_LOG, "utf8").length : undefined;
    churn = startConnectionChurn();
    const range = hostPortRange();
    // Two "runs": separate allocators sharing only the host's lock directory, as two processes on one
    // host do. The default directory, not a private one: whatever else on this host provisions at the
    // same time (another test run, a soak) takes its ports through the same locks.
    const ids = Array.from({ length: COUNT }, () => resources.workspaceId());
    const runs = [0, 1].map((index) => {
      const allocator = new HostPortAllocator({ range });
      return new DockerProvisioner({
        docker,
        image,
        network: resources.networkName(),
        platformUrl: "http://host.docker.internal:18080",
        labels: { ...runLabels, "molecule-ctk.test-allocator": String(index) },
        allocatePort: () => allocator.acquire(),
      });
    });
    try {
      const results = await Promise.all(ids.map((id, i) => runs[i % 2]!.provision(request(id))));
      const ports = results.map((result) => result.hostPort);
      expect(new Set(ports).size).toBe(COUNT);
      expect(ports.every((port) => port >= range[0] && port <= range[1])).toBe(true);
      expect(runs.map((run) => run.portConflicts)).toEqual([0, 0]);
      const answered = await Promise.all(ports.map((port) => fetchTestServer(port, {}, 60_000)));
      expect(answered.map((reply) => reply.env.MOLECULE_WORKSPACE_URL)).toEqual(
        ports.map((port) => `http://localhost:${port}`),
      );
    } finally {
      churn.kill();
      for (const run of runs) await run.close();
    }
    if (logBefore !== undefined) {
      // Only this test's containers: others running beside it may take a port on purpose.
      const names = ids.map((id) => workspaceContainerName(id));
      const conflicts = readFileSync(DOCKERD_LOG, "utf8")
        .slice(logBefore)
        .split("\n")
        .filter((line) => /port is already allocated|address already in use/.test(line))
        .filter((line) => names.some((name) => line.includes(name)));
      expect(conflicts).toEqual([]);
    }
    expect(await resources.cleanup()).toEqual([]);
  });
});
