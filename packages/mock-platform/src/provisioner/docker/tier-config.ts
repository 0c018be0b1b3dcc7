import { availableParallelism } from "node:os";
import type { HostConfig } from "dockerode";
import { UnsafeTierError } from "./errors.js";

const MIB = 1024 * 1024;
const NANO_CPUS = 1_000_000_000;

/** What a tier adds to the container (contract 8.3, upstream `ApplyTierConfig`). */
export interface TierConfig {
  hostConfig: HostConfig;
  /** True for T4 with `allowHostTiers`: no port binding, network or alias, the runtime listens on the host's 8000. */
  hostNetwork: boolean;
}

export interface TierConfigOptions {
  /** Allow T3's privileged + pid=host and T4's network=host + docker.sock (never on a shared engine). */
  allowHostTiers?: boolean;
  /** CPU limit ceiling; the engine rejects more CPUs than the host has. Default: this host's count. */
  maxCpus?: number;
}

/**
 * Maps a tier to resources: T1 read-only rootfs with a 64m tmpfs /tmp; T2, 0 and unknown tiers
 * 512 MiB and 1 CPU; T3 2 GiB and 2 CPUs (privileged and pid=host only with `allowHostTiers`);
 * T4 is refused with {@link UnsafeTierError} unless `allowHostTiers` is set.
 */
export function tierConfig(workspaceId: string, tier: number, options: TierConfigOptions = {}): TierConfig {
  const maxCpus = options.maxCpus ?? availableParallelism();
  const limits = (memoryMib: number, cpus: number): HostConfig => ({
    Memory: memoryMib * MIB,
    NanoCpus: Math.min(cpus, maxCpus) * NANO_CPUS,
  });
  switch (tier) {
    case 1:
      return { hostConfig: { ReadonlyRootfs: true, Tmpfs: { "/tmp": "size=64m" } }, hostNetwork: false };
    case 3: {
      const hostConfig = limits(2048, 2);
      if (options.allowHostTiers) Object.assign(hostConfig, { Privileged: true, PidMode: "host" });
      return { hostConfig, hostNetwork: false };
    }
    case 4:
      if (!options.allowHostTiers) throw new UnsafeTierError(workspaceId, tier);
      return {
        hostConfig: {
          ...limits(4096, 4),
          Privileged: true,
          PidMode: "host",
          NetworkMode: "host",
          Binds: ["/var/run/docker.sock:/var/run/docker.sock"],
        },
        hostNetwork: true,
      };
    default:
      return { hostConfig: limits(512, 1), hostNetwork: false };
  }
}
