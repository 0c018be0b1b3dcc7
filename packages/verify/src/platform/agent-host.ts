import { isIP } from "node:net";
import { type NetworkInterfaceInfo, networkInterfaces } from "node:os";
import type { DeployMode } from "@molecule-ctk/contract";

/** Where the agent listener binds, and the host the platform is told to reach it at (or why none). */
export interface AgentHostPlan {
  /** Addresses to listen on: loopback always, plus the dispatch address. */
  bind: string[];
  /** The host of registered agent URLs the proxy can dispatch to, or the reason there is none. */
  dispatch: { host: string } | { reason: string };
}

const PRIVATE_V4 = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;
const PRIVATE_V6 = /^fd[0-9a-f]{2}:/i; // fd00::/8, the ULA half SaaS mode allows (fc00::/8 is always blocked)

/**
 * The listener's addresses for a deploy mode (contract 2.3): a development platform dispatches to
 * `localhost`; a SaaS one to private addresses but not loopback, so a private address of this machine
 * (an RFC-1918 IPv4 first, else an fd00::/8 IPv6);
 * a self-hosted one to public addresses only, so nothing here unless `--agent-host` names one.
 */
export function planAgentHost(
  mode: DeployMode,
  agentHost: string | undefined,
  interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): AgentHostPlan {
  if (agentHost !== undefined) {
    const bind = agentHost === "localhost" ? "127.0.0.1" : isIP(agentHost) ? agentHost : "0.0.0.0";
    return { bind: ["127.0.0.1", bind], dispatch: { host: agentHost } };
  }
  if (mode === "development") return { bind: ["127.0.0.1"], dispatch: { host: "localhost" } };
  if (mode === "saas") {
    const addresses = Object.values(interfaces)
      .flat()
      .filter((entry): entry is NetworkInterfaceInfo => entry !== undefined && !entry.internal);
    const address =
      addresses.find((entry) => entry.family === "IPv4" && PRIVATE_V4.test(entry.address)) ??
      addresses.find((entry) => entry.family === "IPv6" && PRIVATE_V6.test(entry.address));
    if (address) return { bind: ["127.0.0.1", address.address], dispatch: { host: address.address } };
    return {
      bind: ["127.0.0.1"],
      dispatch: {
        reason:
          "saas mode: the proxy dispatches to private addresses but not loopback (contract 2.3), and this machine has no RFC-1918 or fd00::/8 address up; pass --agent-host",
      },
    };
  }
  return {
    bind: ["127.0.0.1"],
    dispatch: {
      reason:
        "self-hosted (strict) mode: the proxy dispatches to public addresses only (contract 2.3); pass --agent-host with a public address of this machine, or verify a platform run with MOLECULE_ENV=development",
    },
  };
}
