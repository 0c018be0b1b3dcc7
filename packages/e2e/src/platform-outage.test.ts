// A stub runtime and a mock platform, both containers on a private network of the run: the platform
// down at the stub's boot, the platform restarting with all its state lost, the stub cut off its
// network. These need the platform's container and fault controls, so they use the containerized
// mock platform whatever E2E_PLATFORM says.
import { randomUUID } from "node:crypto";
import { harnessMessage, STUB_REPLY_TEXT } from "@molecule-ctk/contract";
import {
  MockPlatformContainer,
  type StartedMockPlatformContainer,
  type StartedStubRuntimeContainer,
  StubRuntimeContainer,
} from "@molecule-ctk/testcontainers";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerMissing, runContext } from "./e2e-test-utils.js";
import { LogWatcher } from "./support/log-watcher.js";
import { PlatformEventStream } from "./support/platform-event-stream.js";
import { createRunNetwork, type RunNetwork, removeRunNetwork } from "./support/run-network.js";

describe.skipIf(dockerMissing()).sequential("outages between a stub runtime and the platform", () => {
  const run = runContext();
  const docker = new Dockerode();
  const workspaceId = randomUUID();
  const stubAlias = `stub-${workspaceId.slice(0, 8)}`;
  const logs = new LogWatcher();
  let network: RunNetwork;
  let stub: StartedStubRuntimeContainer | undefined;
  let platform: StartedMockPlatformContainer | undefined;
  const streams: PlatformEventStream[] = [];

  const openEvents = async () => {
    const stream = await PlatformEventStream.open(platform!.getBaseUrl(), platform!.getAdminToken(), 0);
    streams.push(stream);
    return stream;
  };
  const proxyReachesStub = async () => {
    const reply = await platform!
      .client()
      .a2a(workspaceId, harnessMessage("ping"), { token: platform!.getAdminToken() });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(STUB_REPLY_TEXT);
  };

  beforeAll(async () => {
    network = await createRunNetwork(docker, `${run.runId}-outage`, run.labels);
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await stub?.stop({ timeout: 1 });
    await platform?.stop({ timeout: 1 });
    await removeRunNetwork(docker, network);
  });

  it("registers and comes online once a platform that was down at its boot comes up", async () => {
    stub = await new StubRuntimeContainer(run.images["stub-runtime"])
      .withWorkspaceId(workspaceId)
      .withPlatformUrl("http://mock-platform:8080")
      .withRegisterUrl(`http://${stubAlias}:8000`)
      .withRegisterRetries(300, 200)
      .withHeartbeatInterval(300)
      .withNetworkName(network.name, stubAlias)
      .withLabels({ ...run.labels })
      .withLogConsumer(logs.consumer)
      .start();
    // The platform is not there yet: the first register fails on the network, and is retried.
    await logs.waitFor(/register attempt 1\/300 \(bearer: [^)]*\): /);

    // saas: the stub registers its container address (private range), which only SaaS mode accepts (contract 2.3).
    platform = await new MockPlatformContainer(run.images["mock-platform"])
      .withDeployMode("saas")
      .withLivenessTtl(2)
      .withNetworkName(network.name, "mock-platform")
      .withLabels({ ...run.labels })
      .start();
    const events = await openEvents();
    await events.waitForStatus(workspaceId, "online");
    const row = await platform.client().getWorkspace(workspaceId);
    expect(row).toMatchObject({ status: "online", url: `http://${stubAlias}:8000` });
    await proxyReachesStub();
  });

  it("re-registers after the platform restarts and loses all its state", async () => {
    const before = platform!.getBaseUrl();
    await platform!.restart({ timeout: 1 });
    expect(platform!.getBaseUrl()).not.toBe(before); // a new host port after every restart
    const events = await openEvents();
    // A heartbeat for an unknown workspace gets 200 and changes nothing (contract 5.2): only the stub's
    // re-register can bring the row back. A restart quicker than one beat fails no beat at all; the
    // stub then learns it was forgotten from the answer itself (another inbound secret, generation 0).
    await events.waitForStatus(workspaceId, "online");
    await logs.waitFor(
      /platform answers again after an outage: re-registering|the platform no longer knows this workspace/,
    );
    await proxyReachesStub();
  });

  it("goes offline when cut off its network and online again when reconnected", async () => {
    const events = await openEvents();
    await docker.getNetwork(network.id).disconnect({ Container: stub!.getId(), Force: true });
    await events.waitForStatus(workspaceId, "offline", 30_000);
    await docker
      .getNetwork(network.id)
      .connect({ Container: stub!.getId(), EndpointConfig: { Aliases: [stubAlias] } });
    await events.waitFor(
      (e) =>
        e.type === "STATUS_CHANGED" &&
        e.workspaceId === workspaceId &&
        e.data.to === "online" &&
        e.data.from === "offline",
      60_000,
      `workspace ${workspaceId} back online from offline`,
    );
    await proxyReachesStub();
  });
});
