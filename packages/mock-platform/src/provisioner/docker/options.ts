import type Dockerode from "dockerode";
import type { PortLease } from "./host-port-allocator.js";

export interface DockerProvisionerOptions {
  /** The platform URL injected as PLATFORM_URL and MOLECULE_URL; it must be reachable from containers. */
  platformUrl?: string;
  /**
   * Without `platformUrl`: the platform listens on this port at the workspace network's gateway, and
   * containers get `http://<gateway>:<port>` (as upstream CI gives them molecule-core-net's gateway).
   */
  platformPort?: number;
  /** The engine client; default `new Dockerode()` (DOCKER_HOST or /var/run/docker.sock). */
  docker?: Dockerode;
  /** A fixed image, or one per runtime; default: local resolution (contract 8.5). */
  image?: string | ((runtime: string) => string);
  /** The workspace network, created with labels when missing; default `molecule-core-net`. */
  network?: string;
  /** Host in the stored URL and MOLECULE_WORKSPACE_URL; default `localhost` (MOLECULE_WORKSPACE_ADVERTISE_HOST). */
  advertiseHost?: string;
  /** Extra labels on every container, volume and network created (e.g. an e2e run label). */
  labels?: Record<string, string>;
  /** Feeds the `molecule.platform.instance` label (DATABASE_URL). */
  databaseUrl?: string;
  /** MOLECULE_LOCAL_IMAGE_ISOLATION: validated at construction. */
  imageIsolation?: string;
  /** MOLECULE_IMAGE_PLATFORM: supplies the tag's arch. */
  imagePlatform?: string;
  /** CACHE_TAG: pins the local image tag. */
  cacheTag?: string;
  /** The template repository's 12-char commit sha (what the platform gets from Gitea). */
  imageSha12?: string;
  /** Node arch used for the tag when no image platform is set; default `process.arch`. */
  hostArch?: string;
  /** Apply T3's privileged/pid=host and T4's host network and docker.sock; off by default. */
  allowHostTiers?: boolean;
  /**
   * Reserves the host port before create (contract 8.3); the lease is held until the container is
   * removed. Default: the process-wide {@link HostPortAllocator}, outside the ephemeral range.
   */
  allocatePort?: () => Promise<PortLease>;
}

/** The provisioner options the platform reads from its environment (contract 2.2); the platform's address stays the caller's. */
export function dockerProvisionerOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Omit<DockerProvisionerOptions, "platformUrl" | "platformPort"> {
  const options: Omit<DockerProvisionerOptions, "platformUrl" | "platformPort"> = {};
  const set = <K extends keyof typeof options>(key: K, name: string) => {
    const value = env[name];
    if (value !== undefined && value !== "") options[key] = value as (typeof options)[K];
  };
  set("advertiseHost", "MOLECULE_WORKSPACE_ADVERTISE_HOST");
  set("databaseUrl", "DATABASE_URL");
  set("imageIsolation", "MOLECULE_LOCAL_IMAGE_ISOLATION");
  set("imagePlatform", "MOLECULE_IMAGE_PLATFORM");
  set("cacheTag", "CACHE_TAG");
  return options;
}
