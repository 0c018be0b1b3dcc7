import { MockPlatformError } from "../mock-platform-error.js";

/**
 * The boundary between the mock platform (handlers, status machine) and whatever runs workspace
 * containers. `DockerProvisioner` implements it with dockerode (contract 8); tests use an
 * in-memory double. The mock platform calls it the way the platform's provisioner is called:
 * `provision` on create and on every restart, `stop` at the start of a restart, `isRunning`
 * from the health sweep and the A2A proxy's dead-container probe, `remove` on delete.
 */
export interface Provisioner {
  /** A short name for logs: "docker", "memory", ... */
  readonly name: string;

  /**
   * (Re)provisions a workspace, in the platform's order: force-remove any existing container;
   * ensure the volumes; pre-allocate a host port; create the container; write `files` (at least
   * `.auth_token` and `.platform_inbound_secret`) into /configs BEFORE start; start it.
   * Rejects with {@link ConfigVolumeEmptyError} when `requireExistingConfig` is set and the config
   * volume holds no `config.yaml` and `files` brings none (contract 8.2, #17/#1858).
   */
  provision(request: ProvisionRequest): Promise<ProvisionResult>;

  /** Force-removes the workspace's container; volumes stay. Resolves when it is gone (or was never there). */
  stop(workspaceId: string): Promise<void>;

  /** Whether the workspace's container exists and is running. Never throws for a missing container. */
  isRunning(workspaceId: string): Promise<boolean>;

  /** Writes files into /configs of the workspace (running or not), e.g. a rotated `.auth_token`. */
  writeConfigFiles(workspaceId: string, files: ReadonlyArray<ConfigFile>): Promise<void>;

  /** Removes the container and every volume of the workspace (delete, contract 9). */
  remove(workspaceId: string): Promise<void>;

  /** Releases everything this provisioner created and still holds (containers, volumes, its network). */
  close(): Promise<void>;
}

/** A file to place in the config volume. `mode` defaults to 0o644; owner is uid/gid 1000 (contract 3.2). */
export interface ConfigFile {
  /** Path relative to /configs, e.g. ".auth_token" or "config.yaml". */
  path: string;
  content: string;
  mode?: number;
}

/** What the mock platform knows of a workspace when it provisions it. */
export interface ProvisionRequest {
  workspaceId: string;
  name: string;
  tier: number;
  runtime: string;
  model?: string;
  /** Decrypted secrets, injected as env vars (workspace secrets; contract 8.1). */
  secrets: Readonly<Record<string, string>>;
  /** Files for /configs, written before start: always the token and inbound secret. */
  files: ReadonlyArray<ConfigFile>;
  /** True on a restart that brings no template: an empty config volume is then an error. */
  requireExistingConfig: boolean;
  /** Plugin sources for MOLECULE_DECLARED_PLUGINS. */
  declaredPlugins: ReadonlyArray<string>;
}

export interface ProvisionResult {
  /**
   * The URL the platform stores: `http://<advertise host>:<host port>` (contract 8.3). Empty when the
   * provisioner published no port (the in-memory one): the row then takes the URL the runtime registers.
   */
  url: string;
  /** `http://ws-<id>:8000`, reachable from containers on the workspace network. */
  internalUrl: string;
  hostPort: number;
  containerId: string;
}

/** The config volume had no config.yaml and the restart brought none (contract 8.2). */
export class ConfigVolumeEmptyError extends MockPlatformError {
  constructor(readonly workspaceId: string) {
    super(
      `[mock-platform] config volume of workspace ${workspaceId} is empty: seed config.yaml or pass a template`,
    );
  }
}
