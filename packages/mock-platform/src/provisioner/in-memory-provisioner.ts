import { randomUUID } from "node:crypto";
import { workspaceContainerName } from "@molecule-ctk/contract";
import { generatedConfigYaml } from "./generated-config-yaml.js";
import {
  type ConfigFile,
  ConfigVolumeEmptyError,
  type Provisioner,
  type ProvisionRequest,
  type ProvisionResult,
} from "./provisioner.js";

export interface VolumeFile {
  content: string;
  mode: number;
}

/** One provisioner call, for assertions on order and arguments. */
export type ProvisionerCall =
  | { op: "provision"; workspaceId: string; request: ProvisionRequest }
  | { op: "stop" | "isRunning" | "remove"; workspaceId: string }
  | { op: "writeConfigFiles"; workspaceId: string; files: ConfigFile[] };

export interface InMemoryProvisionerOptions {
  /**
   * Called after each (re)provision, e.g. to start a real runtime. A returned URL is stored as a
   * Docker provisioner's host-port URL would be; without one the row keeps no URL until the runtime
   * registers its own.
   */
  onStart?: (
    request: ProvisionRequest,
    result: ProvisionResult,
  ) => Promise<string | undefined> | string | undefined;
  onStop?: (workspaceId: string) => Promise<void> | void;
  /** Simulated provision time. Default 0. */
  provisionDelayMs?: number;
}

/**
 * A {@link Provisioner} with no Docker: config volumes are maps, containers are flags, host ports are
 * counted up. It publishes no port, so it stores no URL of its own (unless `onStart` returns one):
 * the URL a runtime registers is the one the proxy uses (decision 007).
 */
export class InMemoryProvisioner implements Provisioner {
  readonly name = "memory";
  readonly calls: ProvisionerCall[] = [];
  readonly #volumes = new Map<string, Map<string, VolumeFile>>();
  readonly #running = new Map<string, ProvisionResult>();
  readonly #failures: Error[] = [];
  #nextPort = 40_000;

  constructor(private readonly options: InMemoryProvisionerOptions = {}) {}

  async provision(request: ProvisionRequest): Promise<ProvisionResult> {
    const { workspaceId } = request;
    this.calls.push({ op: "provision", workspaceId, request });
    if (this.options.provisionDelayMs) await new Promise((r) => setTimeout(r, this.options.provisionDelayMs));
    await this.#stopContainer(workspaceId);
    const failure = this.#failures.shift();
    if (failure) throw failure;
    const volume = this.volume(workspaceId);
    const bringsConfig = request.files.some((file) => file.path === "config.yaml");
    if (request.requireExistingConfig && !volume.has("config.yaml") && !bringsConfig) {
      throw new ConfigVolumeEmptyError(workspaceId);
    }
    if (!volume.has("config.yaml") && !bringsConfig) {
      volume.set("config.yaml", { content: generatedConfigYaml(request), mode: 0o644 });
    }
    for (const file of request.files)
      volume.set(file.path, { content: file.content, mode: file.mode ?? 0o644 });
    const hostPort = this.#nextPort++;
    const result: ProvisionResult = {
      url: "",
      internalUrl: `http://${workspaceContainerName(workspaceId)}:8000`,
      hostPort,
      containerId: randomUUID().replaceAll("-", ""),
    };
    this.#running.set(workspaceId, result);
    const url = await this.options.onStart?.(request, result);
    return url ? { ...result, url } : result;
  }

  async stop(workspaceId: string): Promise<void> {
    this.calls.push({ op: "stop", workspaceId });
    await this.#stopContainer(workspaceId);
  }

  async isRunning(workspaceId: string): Promise<boolean> {
    this.calls.push({ op: "isRunning", workspaceId });
    return this.#running.has(workspaceId);
  }

  async writeConfigFiles(workspaceId: string, files: ReadonlyArray<ConfigFile>): Promise<void> {
    this.calls.push({ op: "writeConfigFiles", workspaceId, files: [...files] });
    const volume = this.volume(workspaceId);
    for (const file of files) volume.set(file.path, { content: file.content, mode: file.mode ?? 0o644 });
  }

  async remove(workspaceId: string): Promise<void> {
    this.calls.push({ op: "remove", workspaceId });
    await this.#stopContainer(workspaceId);
    this.#volumes.delete(workspaceId);
  }

  async close(): Promise<void> {
    for (const id of [...this.#running.keys()]) await this.#stopContainer(id);
  }

  /** The config volume of a workspace (created empty on first use), e.g. to seed `config.yaml`. */
  volume(workspaceId: string): Map<string, VolumeFile> {
    let volume = this.#volumes.get(workspaceId);
    if (!volume) {
      volume = new Map();
      this.#volumes.set(workspaceId, volume);
    }
    return volume;
  }

  hasVolume(workspaceId: string): boolean {
    return this.#volumes.has(workspaceId);
  }

  /** The last provision result of a running container. */
  container(workspaceId: string): ProvisionResult | undefined {
    return this.#running.get(workspaceId);
  }

  /** Kills the container behind the platform's back (the health sweep should notice). */
  async kill(workspaceId: string): Promise<void> {
    await this.#stopContainer(workspaceId);
  }

  failNextProvision(error: Error): void {
    this.#failures.push(error);
  }

  async #stopContainer(workspaceId: string): Promise<void> {
    if (!this.#running.delete(workspaceId)) return;
    await this.options.onStop?.(workspaceId);
  }
}
