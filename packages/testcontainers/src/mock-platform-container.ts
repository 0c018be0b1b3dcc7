import {
  type DeployMode,
  PlatformApiClient,
  parseContract,
  type WorkspaceRow,
  WorkspaceRow as WorkspaceRowSchema,
  type WorkspaceStatus,
} from "@molecule-ctk/contract";
import { createDockerClient } from "@molecule-ctk/image-builder";
import {
  AbstractStartedContainer,
  GenericContainer,
  ImageName,
  type StartedTestContainer,
  Wait,
} from "testcontainers";
import { sessionImageTag, sessionKitImage } from "./kit-images/kit-image.js";
import { sessionLabels } from "./session.js";
import { prepareTestcontainersEnvironment } from "./testcontainers-environment.js";
import { KitContainerError } from "./testcontainers-error.js";

export const MOCK_PLATFORM_PORT = 8080;

/**
 * The mock platform as a testcontainers module. Defaults: development deploy mode (the proxy may
 * reach loopback workspaces, as CI runs the platform), no provisioner; `start()` waits for its
 * `mock-platform listening on` line and returns a {@link StartedMockPlatformContainer}. Without an
 * `image`, the first start builds this process's own image from the bundle the package ships.
 */
export class MockPlatformContainer extends GenericContainer {
  readonly #buildsImage: boolean;
  #adminToken = "mock-platform-admin";
  readonly #flags = new Map<string, string | undefined>([
    ["--deploy-mode", "development"],
    ["--provisioner", "none"],
  ]);

  constructor(image?: string) {
    super(image ?? sessionImageTag("mock-platform"));
    this.#buildsImage = image === undefined;
    this.withLabels(sessionLabels())
      .withExposedPorts(MOCK_PLATFORM_PORT)
      .withWaitStrategy(Wait.forLogMessage(/mock-platform listening on/))
      .withStartupTimeout(30_000);
  }

  withAdminToken(token: string): this {
    this.#adminToken = token;
    return this;
  }

  /** `--deploy-mode`: self-hosted (strict), saas or development (default). */
  withDeployMode(mode: DeployMode): this {
    this.#flags.set("--deploy-mode", mode);
    return this;
  }

  /** `--liveness-ttl`: seconds without a heartbeat before a workspace goes offline. */
  withLivenessTtl(seconds: number): this {
    this.#flags.set("--liveness-ttl", String(seconds));
    return this;
  }

  /** `--in-docker`: rewrite `http://127.0.0.1:` workspace URLs to `http://ws-<id>:8000` (contract 7.4). */
  withInDocker(): this {
    this.#flags.set("--in-docker", undefined);
    return this;
  }

  /** Joins an existing network by name (so it can carry the run's labels), with aliases. */
  withNetworkName(network: string, ...aliases: string[]): this {
    return this.withNetworkMode(network).withNetworkAliases(...aliases);
  }

  override async start(): Promise<StartedMockPlatformContainer> {
    await prepareTestcontainersEnvironment(createDockerClient());
    if (this.#buildsImage) {
      this.imageName = ImageName.fromString(await sessionKitImage("mock-platform"));
      this.createOpts.Image = this.imageName.string;
    }
    const flags = [...this.#flags].flatMap(([flag, value]) => (value === undefined ? [flag] : [flag, value]));
    this.withEnvironment({ ADMIN_TOKEN: this.#adminToken }).withCommand([
      "serve",
      "--host",
      "0.0.0.0",
      "--port",
      String(MOCK_PLATFORM_PORT),
      ...flags,
    ]);
    return new StartedMockPlatformContainer(await super.start(), this.#adminToken);
  }
}

/** A running mock platform; its base URL is read on every call, since a restart changes the mapped port. */
export class StartedMockPlatformContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    private readonly adminToken: string,
  ) {
    super(started);
  }

  /** `http://127.0.0.1:<mapped 8080>`: the platform's base URL from the host. */
  getBaseUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(MOCK_PLATFORM_PORT)}`;
  }

  getAdminToken(): string {
    return this.adminToken;
  }

  /** A typed client bound to the current base URL (make a new one after a restart). */
  client(): PlatformApiClient {
    return new PlatformApiClient({ baseUrl: this.getBaseUrl(), adminToken: this.adminToken });
  }

  /**
   * Resolves with the workspace's row once it reads `status`, polling `GET /workspaces/:id` every
   * 250 ms (a 404 means the runtime has not registered yet); rejects after `timeoutMs`.
   */
  async waitForStatus(
    workspaceId: string,
    status: WorkspaceStatus,
    timeoutMs = 30_000,
  ): Promise<WorkspaceRow> {
    const deadline = Date.now() + timeoutMs;
    let last = "no answer yet";
    while (Date.now() < deadline) {
      const response = await this.client()
        .request("GET", `/workspaces/${workspaceId}`, { token: this.adminToken, timeoutMs: 5_000 })
        .catch((error: Error) => ({ status: 0, body: undefined, text: error.message }));
      if (response.status === 200) {
        const row = parseContract(
          WorkspaceRowSchema,
          response.body,
          `[platform-api] GET /workspaces/${workspaceId}`,
        );
        if (row.status === status) return row;
        last = `status ${row.status}`;
      } else {
        last = `answer ${response.status}`;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new WorkspaceWaitError(
      `[testcontainers] workspace ${workspaceId} did not become ${status} within ${timeoutMs} ms (last: ${last}): check the stub's logs (withLogConsumer)`,
    );
  }
}

/** {@link StartedMockPlatformContainer.waitForStatus} gave up. */
export class WorkspaceWaitError extends KitContainerError {}
