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

/** The stub runtime's A2A port inside the container (contract 10.1). */
export const STUB_PORT = 8000;

/**
 * The stub runtime as a testcontainers module: `with*` setters for its contract environment and
 * test knobs; `start()` waits until it answers HTTP and returns a {@link StartedStubRuntimeContainer}.
 * Without an `image`, the first start builds this process's own image from the bundle the package
 * ships (about a second; no registry needed).
 */
export class StubRuntimeContainer extends GenericContainer {
  readonly #buildsImage: boolean;

  constructor(image?: string) {
    super(image ?? sessionImageTag("stub-runtime"));
    this.#buildsImage = image === undefined;
    this.withLabels(sessionLabels())
      .withExposedPorts(STUB_PORT)
      .withExtraHosts([{ host: "host.docker.internal", ipAddress: "host-gateway" }])
      // The image has no shell: wait on HTTP, polled every 100 ms rather than once a second.
      .withWaitStrategy(Wait.forHttp("/health", STUB_PORT).forStatusCode(200).withReadTimeout(100))
      .withStartupTimeout(30_000);
  }

  withWorkspaceId(workspaceId: string): this {
    return this.withEnvironment({ WORKSPACE_ID: workspaceId });
  }

  withPlatformUrl(url: string): this {
    return this.withEnvironment({ PLATFORM_URL: url });
  }

  /** STUB_REGISTER_URL: the url sent to register. */
  withRegisterUrl(url: string): this {
    return this.withEnvironment({ STUB_REGISTER_URL: url });
  }

  /** STUB_HEARTBEAT_INTERVAL_MS (default 5000). */
  withHeartbeatInterval(ms: number): this {
    return this.withEnvironment({ STUB_HEARTBEAT_INTERVAL_MS: String(ms) });
  }

  /** STUB_REGISTER_ATTEMPTS and STUB_REGISTER_DELAY_MS (default 10 and 2000). */
  withRegisterRetries(attempts: number, delayMs: number): this {
    return this.withEnvironment({
      STUB_REGISTER_ATTEMPTS: String(attempts),
      STUB_REGISTER_DELAY_MS: String(delayMs),
    });
  }

  /** STUB_REPLY: the reply text (default `STUB OK`). */
  withReply(text: string): this {
    return this.withEnvironment({ STUB_REPLY: text });
  }

  /** Mounts a named volume (e.g. `ws-<id>-configs`) at /configs. */
  withConfigVolume(volumeName: string): this {
    return this.withBindMounts([{ source: volumeName, target: "/configs" }]);
  }

  /** Writes `/configs/.auth_token` (mode 0600, as the platform writes it) before start. */
  withAuthToken(token: string): this {
    return this.withCopyContentToContainer([{ content: token, target: "/configs/.auth_token", mode: 0o600 }]);
  }

  /** Joins an existing network by name (so it can carry the run's labels), with aliases. */
  withNetworkName(network: string, ...aliases: string[]): this {
    return this.withNetworkMode(network).withNetworkAliases(...aliases);
  }

  override async start(): Promise<StartedStubRuntimeContainer> {
    await prepareTestcontainersEnvironment(createDockerClient());
    if (this.#buildsImage) {
      this.imageName = ImageName.fromString(await sessionKitImage("stub-runtime"));
      this.createOpts.Image = this.imageName.string;
    }
    return new StartedStubRuntimeContainer(await super.start());
  }
}

/** A running stub runtime; mapped ports are read on every call, since a restart changes them. */
export class StartedStubRuntimeContainer extends AbstractStartedContainer {
  constructor(started: StartedTestContainer) {
    super(started);
  }

  /** `http://127.0.0.1:<mapped 8000>`: the stub's A2A endpoint from the host. */
  getA2AUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(STUB_PORT)}`;
  }

  async sendJsonRpc(body: unknown, timeoutMs = 10_000): Promise<unknown> {
    const response = await fetch(this.getA2AUrl(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.json();
  }
}
