import type { DeployMode } from "@molecule-ctk/contract";
import { PlatformApiClient } from "@molecule-ctk/contract";
import { IMAGE_TAGS } from "@molecule-ctk/image-builder";
import { AbstractStartedContainer, GenericContainer, type StartedTestContainer, Wait } from "testcontainers";

export const MOCK_PLATFORM_PORT = 8080;

/**
 * The mock platform as a testcontainers module. Defaults: development deploy mode (the proxy may
 * reach loopback workspaces, as CI runs the platform), no provisioner; `start()` waits for its
 * `mock-platform listening on` line and returns a {@link StartedMockPlatformContainer}.
 */
export class MockPlatformContainer extends GenericContainer {
  #adminToken = "mock-platform-admin";
  readonly #flags = new Map<string, string | undefined>([
    ["--deploy-mode", "development"],
    ["--provisioner", "none"],
  ]);

  constructor(image: string = IMAGE_TAGS["mock-platform"]) {
    super(image);
    this.withExposedPorts(MOCK_PLATFORM_PORT)
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
}
