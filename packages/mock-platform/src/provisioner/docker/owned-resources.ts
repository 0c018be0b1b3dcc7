import createDebug from "debug";
import type Dockerode from "dockerode";
import { inspectContainer, removeContainerById } from "./containers.js";
import { DockerProvisionerError } from "./errors.js";
import { isOwnedBy } from "./labels.js";
import { type EnsuredNetwork, ensureNetwork, removeNetwork } from "./network.js";
import { removeVolume } from "./volumes.js";

const debug = createDebug("molecule-ctk:mock-platform:docker");

/**
 * What one provisioner instance created and still holds: the current container of each workspace,
 * the volumes it created (not ones it found, such as a harness-seeded config volume) and whether it
 * created its network. `release` removes exactly those.
 */
export class DockerOwnedResources {
  readonly containers = new Map<string, string>();
  readonly volumes = new Set<string>();
  /** Containers whose start failed (bounded): dockerd may keep their network endpoints. */
  readonly #failedStarts = new Set<string>();
  #network: Promise<EnsuredNetwork> | undefined;

  constructor(
    private readonly docker: Dockerode,
    private readonly instanceId: string,
  ) {}

  /** The network, created with `labels` on first use when missing; a failed attempt is retried next time. */
  async network(name: string, labels: Record<string, string>): Promise<EnsuredNetwork> {
    this.#network ??= ensureNetwork(this.docker, name, labels);
    try {
      return await this.#network;
    } catch (error) {
      this.#network = undefined;
      throw error;
    }
  }

  /** Removes a container by id if it still carries this provisioner's labels; a missing one is fine. */
  async removeContainer(containerId: string): Promise<void> {
    const info = await inspectContainer(this.docker, containerId, { byId: true });
    if (info && isOwnedBy(info.Config.Labels, this.instanceId))
      await removeContainerById(this.docker, info.Id);
  }

  /** Remembers a container whose start failed, so a stale endpoint it left can be disconnected at release. */
  noteFailedStart(containerId: string): void {
    this.#failedStarts.add(containerId);
    if (this.#failedStarts.size > 100) this.#failedStarts.delete(this.#failedStarts.values().next().value!);
  }

  /** Removes every tracked container and volume, and the network if this instance created it and it is unused; returns the failures. */
  async release(): Promise<unknown[]> {
    const failures: unknown[] = [];
    const attempt = async (what: string, step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (error) {
        debug("release: %s failed: %O", what, error);
        failures.push(error);
      }
    };
    const former = [...this.containers.values(), ...this.#failedStarts];
    for (const [workspaceId, id] of this.containers) {
      await attempt(`container of ${workspaceId}`, () => this.removeContainer(id));
    }
    this.containers.clear();
    for (const volume of this.volumes)
      await attempt(`volume ${volume}`, () => removeVolume(this.docker, volume));
    this.volumes.clear();
    const network = await this.#network?.catch(() => undefined);
    if (network?.created) {
      // Containers someone else attached keep it alive: it is theirs too, and stays.
      await attempt("network", async () => {
        const removal = await removeNetwork(this.docker, network.id, { formerContainers: former });
        if (!removal.removed && !removal.inUse) {
          throw new DockerProvisionerError(
            `[mock-platform] network ${removal.name} could not be removed (${removal.reason}): ${removal.remedy}`,
          );
        }
      });
    }
    return failures;
  }
}
