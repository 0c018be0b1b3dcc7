import { createServer as createHttpServer } from "node:http";
import { type AddressInfo, createServer } from "node:net";
import {
  allWorkspaceVolumeNames,
  platformInstanceLabel,
  workspaceContainerName,
} from "@molecule-ctk/contract";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ConfigVolumeEmptyError, type ProvisionRequest } from "../provisioner.js";
import { inspectContainer } from "./containers.js";
import { DockerProvisioner } from "./docker-provisioner.js";
import {
  buildTestImage,
  DockerTestResources,
  fetchTestServer,
  hostGatewayAddress,
  removeImage,
  seedVolume,
  TEST_RUN_LABEL,
  testRunId,
} from "./docker-test-utils.js";
import {
  ForeignContainerError,
  ProvisionerClosedError,
  UnsafeTierError,
  WorkspaceImageMissingError,
} from "./errors.js";
import type { PortLease } from "./host-port-allocator.js";
import { DockerLabels } from "./labels.js";
import { hostPorts } from "./ports.js";

// Needs a Docker engine: skipped with the global setup's message when none answers (a failure in CI).
const noDocker = !inject("dockerAvailable");

const docker = new Dockerode();
const runId = testRunId();
const image = `molecule-ctk-test/mock-platform-workspace:${runId}`;
const runLabels = { [TEST_RUN_LABEL]: runId };
const resources = new DockerTestResources(docker, runId);
const network = resources.networkName();
const databaseUrl = `postgres://dev:dev@127.0.0.1:5432/molecule-${runId}`;
let provisioner: DockerProvisioner;

function request(workspaceId: string, overrides: Partial<ProvisionRequest> = {}): ProvisionRequest {
  return {
    workspaceId,
    name: "Docker Provisioner Test",
    tier: 2,
    runtime: "claude-code",
    model: "claude-opus-4-7",
    secrets: { ANTHROPIC_API_KEY: "sk-test", HOSTNAME: "localhost", ADMIN_TOKEN: "must-not-leak" },
    files: [{ path: ".auth_token", content: `token-${workspaceId}-1` }],
    requireExistingConfig: false,
    declaredPlugins: ["molecule-ai-plugin-scheduler", "molecule-ai-plugin-memory"],
    ...overrides,
  };
}

async function volumeExists(name: string): Promise<boolean> {
  return docker
    .getVolume(name)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

/**
 * The engine API calls `engine` makes from now on, as `METHOD /path` with the API version, the query
 * and every id or name replaced by `:id` (`DELETE /containers/:id`, `POST /volumes/create`).
 */
function recordEngineCalls(engine: Dockerode): string[] {
  const calls: string[] = [];
  const modem = engine.modem as unknown as {
    dial(options: { method: string; path: string }, ...rest: unknown[]): unknown;
  };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, ...rest) => {
    const path = options.path.replace(/^\/v[\d.]+/, "").split("?")[0]!;
    const shown = path.endsWith("/create")
      ? path
      : path.replace(
          /^\/(\w+)\/(.+?)(\/(?:json|archive|start|stop|wait|kill|connect|disconnect))?$/,
          "/$1/:id$3",
        );
    calls.push(`${options.method} ${shown}`);
    return dial(options, ...rest);
  };
  return calls;
}

beforeAll(async () => {
  if (noDocker) return;
  await buildTestImage(docker, image, runLabels);
  provisioner = new DockerProvisioner({
    docker,
    image,
    network,
    platformUrl: "http://host.docker.internal:18080",
    labels: runLabels,
    databaseUrl,
  });
}, 60_000);

afterAll(async () => {
  if (noDocker) return;
  try {
    await provisioner?.close();
  } finally {
    await resources.cleanup();
    await removeImage(docker, image);
  }
}, 60_000);

describe.skipIf(noDocker)("DockerProvisioner against the local engine", { timeout: 30_000 }, () => {
  it("creates ws-<id> with the platform's name, alias, network, labels, env, mounts, port and policy", async () => {
    const id = resources.workspaceId();
    const result = await provisioner.provision(request(id));
    const name = workspaceContainerName(id);
    expect(result).toMatchObject({
      url: `http://localhost:${result.hostPort}`,
      internalUrl: `http://${name}:8000`,
    });

    const info = await docker.getContainer(result.containerId).inspect();
    expect(info.Name).toBe(`/${name}`);
    expect(info.NetworkSettings.Networks[network]?.Aliases).toContain(name);
    expect(info.Config.Labels).toMatchObject({
      [DockerLabels.managed]: "true",
      [DockerLabels.instance]: platformInstanceLabel(databaseUrl),
      [DockerLabels.owner]: "mock-platform",
      [DockerLabels.instanceId]: provisioner.instanceId,
      [TEST_RUN_LABEL]: runId,
    });
    expect(info.HostConfig.PortBindings).toEqual({
      "8000/tcp": [{ HostIp: "127.0.0.1", HostPort: String(result.hostPort) }],
    });
    expect(info.HostConfig.RestartPolicy?.Name).toBe("unless-stopped");
    expect(info.HostConfig.LogConfig).toEqual({
      Type: "json-file",
      Config: { "max-size": "10m", "max-file": "3" },
    });
    expect(info.HostConfig.ExtraHosts).toEqual(["host.docker.internal:host-gateway"]);
    expect(info.HostConfig.Memory).toBe(512 * 1024 * 1024);
    expect(info.Mounts.map((m) => `${m.Name}:${m.Destination}`).sort()).toEqual(
      [
        `${name}-claude-sessions:/root/.claude/sessions`,
        `${name}-configs:/configs`,
        `${name}-workspace:/workspace`,
      ].sort(),
    );

    const reply = await fetchTestServer(result.hostPort, { file: "config.yaml" });
    expect(reply.env).toMatchObject({
      WORKSPACE_ID: id,
      WORKSPACE_CONFIG_PATH: "/configs",
      TIER: "2",
      PLATFORM_URL: "http://host.docker.internal:18080",
      MOLECULE_URL: "http://host.docker.internal:18080",
      MOLECULE_WORKSPACE_URL: `http://localhost:${result.hostPort}`,
      MOLECULE_DECLARED_PLUGINS: "molecule-ai-plugin-scheduler,molecule-ai-plugin-memory",
      MODEL: "claude-opus-4-7",
      ANTHROPIC_API_KEY: "sk-test",
      HOSTNAME: "localhost",
    });
    expect(reply.env["ADMIN_TOKEN"]).toBeUndefined();
    // The token was in /configs, 0600 and owned by uid 1000, when the process started.
    expect(reply.token).toBe(`token-${id}-1`);
    expect(reply.tokenStat).toEqual({ mode: 0o600, uid: 1000, gid: 1000 });
    expect(reply.file).toContain(`runtime: "claude-code"`);
    expect(reply.fileStat?.mode).toBe(0o644);
    expect(await provisioner.isRunning(id)).toBe(true);
  });

  it("replaces the container on restart, keeps the volumes, maps a new port and starts on the rotated token", async () => {
    const id = resources.workspaceId();
    const first = await provisioner.provision(request(id));
    expect((await fetchTestServer(first.hostPort)).token).toBe(`token-${id}-1`);
    await provisioner.writeConfigFiles(id, [
      { path: "notes/kept.txt", content: "survives restarts" },
      { path: "config.yaml", content: "name: seeded\n" },
    ]);

    const files = [{ path: ".auth_token", content: `token-${id}-2` }];
    const second = await provisioner.provision(request(id, { files, requireExistingConfig: true }));

    expect(second.containerId).not.toBe(first.containerId);
    expect(await inspectContainer(docker, first.containerId, { byId: true })).toBeUndefined();
    expect(second.hostPort).not.toBe(first.hostPort);
    const reply = await fetchTestServer(second.hostPort, { file: "notes/kept.txt" });
    expect(reply.token).toBe(`token-${id}-2`);
    expect(reply.file).toBe("survives restarts");
    expect(reply.filesAtStart).toEqual([".auth_token", "config.yaml", "notes"]);
    expect((await fetchTestServer(second.hostPort, { file: "config.yaml" })).file).toBe("name: seeded\n");
    expect(reply.env["MOLECULE_WORKSPACE_URL"]).toBe(`http://localhost:${second.hostPort}`);
  });

  it("rejects with ConfigVolumeEmptyError and leaves no container when a restart finds no config.yaml", async () => {
    const id = resources.workspaceId();
    const rejection = provisioner.provision(request(id, { requireExistingConfig: true }));
    await expect(rejection).rejects.toBeInstanceOf(ConfigVolumeEmptyError);
    expect(await inspectContainer(docker, workspaceContainerName(id))).toBeUndefined();
    expect(await provisioner.isRunning(id)).toBe(false);
  });

  it("writes config files into a running container", async () => {
    const id = resources.workspaceId();
    const { hostPort } = await provisioner.provision(request(id));
    // Once it answers, the process has read its start-time token; the write below comes later.
    expect((await fetchTestServer(hostPort)).token).toBe(`token-${id}-1`);
    await provisioner.writeConfigFiles(id, [{ path: ".auth_token", content: "rotated-while-running" }]);
    const reply = await fetchTestServer(hostPort, { file: ".auth_token" });
    expect(reply.file).toBe("rotated-while-running");
    expect(reply.fileStat).toEqual({ mode: 0o600, uid: 1000, gid: 1000 });
    expect(reply.token).toBe(`token-${id}-1`);
  });

  it("reports isRunning false for a missing or stopped container, and stop is idempotent", async () => {
    const id = resources.workspaceId();
    expect(await provisioner.isRunning(id)).toBe(false);
    await provisioner.provision(request(id));
    expect(await provisioner.isRunning(id)).toBe(true);
    await provisioner.stop(id);
    await provisioner.stop(id);
    expect(await provisioner.isRunning(id)).toBe(false);
    expect(await volumeExists(`${workspaceContainerName(id)}-configs`)).toBe(true);
  });

  it("removes the container and every volume of the workspace", async () => {
    const id = resources.workspaceId();
    await provisioner.provision(request(id));
    await provisioner.remove(id);
    expect(await inspectContainer(docker, workspaceContainerName(id))).toBeUndefined();
    for (const volume of allWorkspaceVolumeNames(id)) expect(await volumeExists(volume)).toBe(false);
  });

  it("leaves nothing behind when a restart races a delete", async () => {
    const id = resources.workspaceId();
    await provisioner.provision(request(id));
    const restart = provisioner.provision(request(id, { requireExistingConfig: true }));
    const removal = provisioner.remove(id);
    await Promise.all([restart, removal]);
    expect(await inspectContainer(docker, workspaceContainerName(id))).toBeUndefined();
    for (const volume of allWorkspaceVolumeNames(id)) expect(await volumeExists(volume)).toBe(false);
  });

  it("refuses to touch a foreign container of the same name", async () => {
    const id = resources.workspaceId();
    const name = workspaceContainerName(id);
    const foreign = await docker.createContainer({ name, Image: image, Labels: runLabels });
    await expect(provisioner.provision(request(id))).rejects.toThrow(ForeignContainerError);
    await expect(provisioner.stop(id)).rejects.toThrow(/not owned by this provisioner/);
    expect(await provisioner.isRunning(id)).toBe(false);
    expect((await inspectContainer(docker, name))?.Id).toBe(foreign.id);
  });

  it("refuses tier 4 and a missing image before creating anything", async () => {
    const id = resources.workspaceId();
    await expect(provisioner.provision(request(id, { tier: 4 }))).rejects.toBeInstanceOf(UnsafeTierError);
    const resolving = new DockerProvisioner({
      docker,
      network,
      platformUrl: "http://host.docker.internal:18080",
      imageIsolation: `ctk-missing-${runId}`,
    });
    const missing = resolving.provision(request(id));
    await expect(missing).rejects.toBeInstanceOf(WorkspaceImageMissingError);
    await expect(missing).rejects.toThrow(
      `molecule-local/workspace-template-claude-code:latest--ctk-missing-${runId} is not present locally`,
    );
    await expect(missing).rejects.toThrow(/pnpm image:harness-tag/);
    await resolving.close();
    expect(await inspectContainer(docker, workspaceContainerName(id))).toBeUndefined();
    expect(await volumeExists(`${workspaceContainerName(id)}-configs`)).toBe(false);
  });

  it("restarts and removes with only the engine calls they need: nothing inspected again, no config lookup in a new volume", async () => {
    const engine = new Dockerode();
    const calls = recordEngineCalls(engine);
    const counting = new DockerProvisioner({
      docker: engine,
      image,
      network,
      platformUrl: "http://host.docker.internal:18080",
      labels: runLabels,
    });
    const id = resources.workspaceId();
    try {
      const first = await counting.provision(request(id));
      const created = calls.splice(0);
      expect(created.filter((call) => call === "GET /images/:id/json")).toHaveLength(1);
      expect(created).not.toContain("HEAD /containers/:id/archive"); // the config volume was created now
      expect(created.filter((call) => call === "POST /volumes/create")).toHaveLength(3);

      await counting.provision(request(id, { requireExistingConfig: true }));
      expect(calls.splice(0)).toEqual([
        "DELETE /containers/:id", // by the id it was created with: no lookup by name
        "POST /containers/create",
        "HEAD /containers/:id/archive", // the volume existed: is config.yaml there?
        "PUT /containers/:id/archive",
        "POST /containers/:id/start",
      ]);
      expect(await inspectContainer(docker, first.containerId, { byId: true })).toBeUndefined();

      await counting.remove(id);
      expect(calls.splice(0)).toEqual([
        "DELETE /containers/:id",
        "DELETE /volumes/:id",
        "DELETE /volumes/:id",
        "DELETE /volumes/:id",
      ]);
      expect(await inspectContainer(docker, workspaceContainerName(id))).toBeUndefined();
      for (const volume of allWorkspaceVolumeNames(id)) expect(await volumeExists(volume)).toBe(false);
    } finally {
      await counting.close();
    }
  });

  it("refuses a restart with WorkspaceImageMissingError once the image it found before is gone", async () => {
    const tag = `molecule-ctk-test/mock-platform-workspace:${runId}-removable`;
    const [repo, version] = tag.split(":") as [string, string];
    await docker.getImage(image).tag({ repo, tag: version });
    const tagged = new DockerProvisioner({
      docker,
      image: tag,
      network,
      platformUrl: "http://host.docker.internal:18080",
      labels: runLabels,
    });
    const id = resources.workspaceId();
    try {
      await tagged.provision(request(id));
      await removeImage(docker, tag); // only the tag: the test image keeps its own
      const restart = tagged.provision(request(id, { requireExistingConfig: true }));
      await expect(restart).rejects.toBeInstanceOf(WorkspaceImageMissingError);
      await expect(restart).rejects.toThrow(`${tag} is not present locally`);
      expect(await tagged.isRunning(id)).toBe(false);

      await docker.getImage(image).tag({ repo, tag: version });
      await tagged.provision(request(id, { requireExistingConfig: true }));
      expect(await tagged.isRunning(id)).toBe(true);
    } finally {
      await tagged.close();
      await removeImage(docker, tag);
    }
  });

  it("removes what it created on close (not a seeded volume), its network included, and refuses work afterwards", async () => {
    const ownNetwork = resources.networkName();
    const closing = new DockerProvisioner({
      docker,
      image,
      network: ownNetwork,
      platformUrl: "http://host.docker.internal:18080",
      labels: runLabels,
    });
    const id = resources.workspaceId();
    const [configVolume, workspaceVolume] = allWorkspaceVolumeNames(id) as [string, string, string];
    // The harness seeds the config volume before the first restart; the provisioner uses it but did not create it.
    await seedVolume(docker, {
      volume: configVolume,
      image,
      labels: runLabels,
      files: [{ path: "config.yaml", content: "name: harness-seeded\n" }],
    });
    const { hostPort } = await closing.provision(
      request(id, { runtime: "langgraph", requireExistingConfig: true }),
    );
    expect((await fetchTestServer(hostPort, { file: "config.yaml" })).file).toBe("name: harness-seeded\n");
    expect(await volumeExists(workspaceVolume)).toBe(true);
    await closing.close();
    expect(await inspectContainer(docker, workspaceContainerName(id))).toBeUndefined();
    expect(await volumeExists(workspaceVolume)).toBe(false);
    expect(await volumeExists(configVolume)).toBe(true);
    await expect(docker.getNetwork(ownNetwork).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(closing.provision(request(id))).rejects.toBeInstanceOf(ProvisionerClosedError);
  });

  it("retries with a new host port when the pre-allocated one is taken before start", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as AddressInfo).port;
    const free = await hostPorts.acquire();
    const offered: PortLease[] = [{ port: taken, release: () => {} }, free];
    const retrying = new DockerProvisioner({
      docker,
      image,
      network,
      platformUrl: "http://host.docker.internal:18080",
      labels: runLabels,
      allocatePort: async () => offered.shift() ?? hostPorts.acquire(),
    });
    try {
      const id = resources.workspaceId();
      const result = await retrying.provision(request(id));
      expect(offered).toEqual([]);
      expect(result.hostPort).toBe(free.port);
      expect((await fetchTestServer(free.port)).env["MOLECULE_WORKSPACE_URL"]).toBe(
        `http://localhost:${free.port}`,
      );
    } finally {
      await retrying.close();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("gives containers a PLATFORM_URL they reach through host.docker.internal", async () => {
    // A stand-in platform on the host's bridge address (never on a public interface).
    const gateway = await hostGatewayAddress(docker);
    const platform = createHttpServer((_req, res) => res.end("platform ok"));
    await new Promise<void>((resolve) => platform.listen(0, gateway, resolve));
    const port = (platform.address() as AddressInfo).port;
    const reaching = new DockerProvisioner({
      docker,
      image,
      network,
      platformUrl: `http://host.docker.internal:${port}`,
      labels: runLabels,
    });
    try {
      const { hostPort } = await reaching.provision(request(resources.workspaceId()));
      await fetchTestServer(hostPort); // ready first: a probe request gets a longer per-try timeout
      expect((await fetchTestServer(hostPort, { probe: true })).probe).toEqual({
        status: 200,
        body: "platform ok",
      });
    } finally {
      await reaching.close();
      await new Promise((resolve) => platform.close(resolve));
    }
  });
});
