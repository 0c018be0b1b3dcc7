import { randomBytes } from "node:crypto";
import {
  allWorkspaceVolumeNames,
  workspaceConfigVolumeName,
  workspaceContainerName,
  workspaceVolumeMounts,
} from "@molecule-ctk/contract";
import createDebug from "debug";
import Dockerode from "dockerode";
import type { ConfigFile, Provisioner, ProvisionRequest, ProvisionResult } from "../provisioner.js";
import { dockerErrorMessage, isDockerConflict, isDockerNotFound } from "./api-errors.js";
import { putConfigFiles, writeProvisionConfig } from "./config-files.js";
import { buildWorkspaceContainerSpec, RUNTIME_PORT } from "./container-spec.js";
import {
  inspectContainer,
  inspectOwnedContainer,
  removeContainerById,
  removeOwnedContainer,
} from "./containers.js";
import {
  assertWorkspaceId,
  DockerProvisionerError,
  ProvisionerClosedError,
  WorkspaceContainerMissingError,
  WorkspaceImageMissingError,
} from "./errors.js";
import type { PortLease } from "./host-port-allocator.js";
import { validateImageIsolation } from "./image-resolution.js";
import { assertExtraLabels, DockerLabels, isOwnedBy, ownerLabels } from "./labels.js";
import { DEFAULT_WORKSPACE_NETWORK, networkEndpointChanges } from "./network.js";
import { DockerOperationQueue } from "./operation-queue.js";
import type { DockerProvisionerOptions } from "./options.js";
import { DockerOwnedResources } from "./owned-resources.js";
import { hostPorts, isPortAllocatedError } from "./ports.js";
import { tierConfig } from "./tier-config.js";
import { ensureVolume, removeVolume } from "./volumes.js";
import { assertImagePresent, resolveWorkspaceImage, type WorkspaceImage } from "./workspace-image.js";

const debug = createDebug("molecule-ctk:mock-platform:docker");
const PORT_ATTEMPTS = 3;

/** A provision request that may also carry platform-wide secrets (added before the workspace's own). */
export interface DockerProvisionRequest extends ProvisionRequest {
  globalSecrets?: Readonly<Record<string, string>>;
}

/**
 * Runs workspace containers on the local Docker engine the way the platform's local provisioner
 * does (contract 8), and only ever touches the containers, volumes and network it created itself.
 */
export class DockerProvisioner implements Provisioner {
  readonly name = "docker";
  /** This provisioner's random id, in the `molecule-ctk.twin` label of everything it creates. */
  readonly instanceId = randomBytes(8).toString("hex");
  readonly #docker: Dockerode;
  readonly #options: DockerProvisionerOptions;
  readonly #networkName: string;
  readonly #extraLabels: Record<string, string>;
  readonly #queue = new DockerOperationQueue();
  readonly #owned: DockerOwnedResources;
  /** The host port each workspace's container publishes, reserved until the container is removed. */
  readonly #ports = new Map<string, PortLease>();
  /**
   * Images found present, so later provisions skip the inspect; one removed since is caught by the
   * container create's "no such image" and forgotten. Bounded by the images the engine holds.
   */
  readonly #presentImages = new Set<string>();
  #portConflicts = 0;
  #closed = false;

  #platformUrl: Promise<string> | undefined;

  constructor(options: DockerProvisionerOptions) {
    if ((options.platformUrl === undefined) === (options.platformPort === undefined)) {
      throw new DockerProvisionerError(
        "[mock-platform] DockerProvisioner needs exactly one of platformUrl (how containers reach the platform) and platformPort (the platform listens at the workspace network's gateway)",
      );
    }
    validateImageIsolation(options.imageIsolation);
    assertExtraLabels(options.labels ?? {});
    this.#options = options;
    this.#docker = options.docker ?? new Dockerode();
    this.#networkName = options.network ?? DEFAULT_WORKSPACE_NETWORK;
    this.#extraLabels = { ...options.labels };
    this.#owned = new DockerOwnedResources(this.#docker, this.instanceId);
  }

  /** How many container starts failed on a host port taken meanwhile (each retried with another). */
  get portConflicts(): number {
    return this.#portConflicts;
  }

  /** The Docker network workspace containers join. */
  get network(): string {
    return this.#networkName;
  }

  /** PLATFORM_URL for the containers: the given URL, or `http://<network gateway>:<platformPort>`. */
  platformUrl(): Promise<string> {
    const { platformUrl, platformPort } = this.#options;
    if (platformUrl !== undefined) return Promise.resolve(platformUrl);
    this.#platformUrl ??= this.networkGateway().then((gateway) => `http://${gateway}:${platformPort}`);
    this.#platformUrl.catch(() => {
      this.#platformUrl = undefined; // retried on the next provision
    });
    return this.#platformUrl;
  }

  /**
   * Ensures the workspace network (created and owned by this instance when missing) and returns its
   * IPv4 gateway: the host's address on it, where containers reach a server on the host.
   */
  async networkGateway(): Promise<string> {
    const { id } = await this.#owned.network(this.#networkName, {
      ...this.#extraLabels,
      ...ownerLabels(this.instanceId),
    });
    const info = (await this.#docker.getNetwork(id).inspect()) as {
      IPAM?: { Config?: Array<{ Gateway?: string }> };
    };
    const gateway = info.IPAM?.Config?.find(
      (config) => config.Gateway && !config.Gateway.includes(":"),
    )?.Gateway;
    if (!gateway) {
      throw new DockerProvisionerError(
        `[mock-platform] network ${this.#networkName} has no IPv4 gateway: pass --platform-url with an address containers can reach`,
      );
    }
    return gateway;
  }

  provision(request: DockerProvisionRequest): Promise<ProvisionResult> {
    return this.#run(request.workspaceId, "provision", () => this.#provision(request));
  }

  stop(workspaceId: string): Promise<void> {
    return this.#run(workspaceId, "stop", () => this.#removeContainer(workspaceId));
  }

  async isRunning(workspaceId: string): Promise<boolean> {
    assertWorkspaceId(workspaceId);
    const info = await inspectContainer(this.#docker, workspaceContainerName(workspaceId));
    if (!info) return false;
    if (!isOwnedBy(info.Config.Labels, this.instanceId)) {
      debug("isRunning %s: container is not ours, reporting false", workspaceId);
      return false;
    }
    return info.State.Running === true;
  }

  writeConfigFiles(workspaceId: string, files: ReadonlyArray<ConfigFile>): Promise<void> {
    return this.#run(workspaceId, "write config files", async () => {
      const known = this.#owned.containers.get(workspaceId);
      if (known !== undefined) {
        try {
          await putConfigFiles(this.#docker.getContainer(known), files);
          debug("wrote %d config file(s) into %s", files.length, known.slice(0, 12));
          return;
        } catch (error) {
          // Removed behind our back: look it up by name as if it were unknown.
          if (!isDockerNotFound(error)) throw error;
          this.#owned.containers.delete(workspaceId);
        }
      }
      const info = await inspectOwnedContainer(
        this.#docker,
        workspaceContainerName(workspaceId),
        this.instanceId,
      );
      if (!info) throw new WorkspaceContainerMissingError(workspaceId);
      await putConfigFiles(this.#docker.getContainer(info.Id), files);
      debug("wrote %d config file(s) into %s", files.length, info.Name);
    });
  }

  remove(workspaceId: string): Promise<void> {
    return this.#run(workspaceId, "remove", async () => {
      await this.#removeContainer(workspaceId);
      for (const volume of allWorkspaceVolumeNames(workspaceId)) {
        await removeVolume(this.#docker, volume);
        this.#owned.volumes.delete(volume);
      }
      debug("removed workspace %s (container and volumes)", workspaceId);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.drain();
    const failures = await this.#owned.release();
    for (const workspaceId of [...this.#ports.keys()]) this.#releasePort(workspaceId);
    if (failures.length > 0) {
      throw new DockerProvisionerError(
        `[mock-platform] docker provisioner close left ${failures.length} resource(s) behind: see cause`,
        { cause: new AggregateError(failures) },
      );
    }
  }

  #run<T>(workspaceId: string, operation: string, body: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new ProvisionerClosedError(operation));
    try {
      assertWorkspaceId(workspaceId);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#queue.run(workspaceId, body);
  }

  async #provision(request: DockerProvisionRequest): Promise<ProvisionResult> {
    const { workspaceId } = request;
    const image = resolveWorkspaceImage(this.#options, request.runtime);
    const tier = tierConfig(workspaceId, request.tier, {
      allowHostTiers: this.#options.allowHostTiers ?? false,
    });
    await this.#assertImagePresent(image);
    await this.#removeContainer(workspaceId);
    debug("provision %s: image %s present, old container gone", workspaceId, image.image);
    await this.#owned.network(this.#networkName, { ...this.#extraLabels, ...ownerLabels(this.instanceId) });
    const mounts = workspaceVolumeMounts(workspaceId, request.runtime, request.tier);
    const volumeLabels = {
      ...this.#extraLabels,
      ...ownerLabels(this.instanceId),
      [DockerLabels.workspace]: workspaceId,
    };
    let configVolumeCreated = false;
    for (const mount of mounts) {
      // A volume this instance created is still there: only `remove` deletes it (and forgets it), and
      // the engine refuses to remove a volume in use. Should someone else remove it meanwhile, the
      // container create recreates it, empty, as the engine does for any named volume.
      if (this.#owned.volumes.has(mount.name)) continue;
      if (await ensureVolume(this.#docker, mount.name, volumeLabels)) {
        this.#owned.volumes.add(mount.name);
        if (mount.name === workspaceConfigVolumeName(workspaceId)) configVolumeCreated = true;
      }
    }
    for (let attempt = 1; ; attempt++) {
      const lease = tier.hostNetwork ? undefined : await this.#acquirePort();
      const hostPort = lease?.port ?? RUNTIME_PORT;
      const platformUrl = await this.platformUrl();
      const { spec, workspaceUrl } = buildWorkspaceContainerSpec({
        request,
        options: this.#options,
        platformUrl,
        instanceId: this.instanceId,
        image: image.image,
        network: this.#networkName,
        hostPort,
        tier,
        mounts,
      });
      const containerId = await this.#createContainer(workspaceId, spec, image).catch((error: unknown) => {
        lease?.release();
        throw error;
      });
      if (lease) this.#ports.set(workspaceId, lease);
      debug("created %s (%s) with host port %d", spec.name, containerId.slice(0, 12), hostPort);
      try {
        await writeProvisionConfig(this.#docker.getContainer(containerId), request, {
          // A config volume created just now is empty: no need to ask the engine for config.yaml.
          volumeEmpty: configVolumeCreated,
        });
        debug("wrote the config files of %s", spec.name);
        await networkEndpointChanges.run(this.#networkName, () =>
          this.#docker.getContainer(containerId).start(),
        );
      } catch (error) {
        this.#owned.noteFailedStart(containerId);
        await networkEndpointChanges
          .run(this.#networkName, () => this.#owned.removeContainer(containerId))
          .catch((cleanup) => debug("cleanup failed: %O", cleanup));
        this.#owned.containers.delete(workspaceId);
        this.#releasePort(workspaceId);
        if (isPortAllocatedError(error)) this.#portConflicts++;
        if (isPortAllocatedError(error) && attempt < PORT_ATTEMPTS) {
          debug("host port %d was taken before start, retrying with a new one", hostPort);
          continue;
        }
        throw error;
      }
      debug(
        "provisioned %s: %s on port %d (%s)",
        workspaceId,
        image.image,
        hostPort,
        containerId.slice(0, 12),
      );
      return {
        url: workspaceUrl,
        internalUrl: `http://${workspaceContainerName(workspaceId)}:${RUNTIME_PORT}`,
        hostPort,
        containerId,
      };
    }
  }

  async #assertImagePresent(image: WorkspaceImage): Promise<void> {
    if (this.#presentImages.has(image.image)) return;
    await assertImagePresent(this.#docker, image);
    this.#presentImages.add(image.image);
  }

  async #createContainer(
    workspaceId: string,
    spec: Dockerode.ContainerCreateOptions,
    image: WorkspaceImage,
  ): Promise<string> {
    try {
      const container = await this.#docker.createContainer(spec);
      this.#owned.containers.set(workspaceId, container.id);
      return container.id;
    } catch (error) {
      if (isDockerNotFound(error) && /no such image/i.test(dockerErrorMessage(error))) {
        // Removed since an earlier provision found it (the old container is gone by now, as when
        // the engine fails the create for any other reason).
        this.#presentImages.delete(image.image);
        throw new WorkspaceImageMissingError(image.image, image.hint);
      }
      if (!isDockerConflict(error)) throw error;
      // Name conflict: a container of that name appeared after the removal; remove it (if ours) once more.
      debug("name conflict creating %s, removing and retrying", spec.name);
      await this.#removeContainer(workspaceId);
      const container = await this.#docker.createContainer(spec);
      this.#owned.containers.set(workspaceId, container.id);
      return container.id;
    }
  }

  /**
   * Removes the workspace's container: by the id this instance created it with when it has one (one
   * engine call; should another container have taken the name since, the next create's name
   * conflict finds it), else by name, once it is known to be ours.
   */
  async #removeContainer(workspaceId: string): Promise<void> {
    const known = this.#owned.containers.get(workspaceId);
    await networkEndpointChanges.run(this.#networkName, () =>
      known !== undefined
        ? removeContainerById(this.#docker, known)
        : removeOwnedContainer(this.#docker, workspaceContainerName(workspaceId), this.instanceId),
    );
    this.#owned.containers.delete(workspaceId);
    this.#releasePort(workspaceId);
  }

  #acquirePort(): Promise<PortLease> {
    return this.#options.allocatePort ? this.#options.allocatePort() : hostPorts.acquire("127.0.0.1");
  }

  #releasePort(workspaceId: string): void {
    this.#ports.get(workspaceId)?.release();
    this.#ports.delete(workspaceId);
  }
}
