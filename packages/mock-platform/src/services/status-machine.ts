import type { WorkspaceKind, WorkspaceStatus } from "@molecule-ctk/contract";

/** What a heartbeat tells the status machine (contract 6.2). */
export interface HeartbeatFacts {
  kind: WorkspaceKind;
  errorRate: number;
  runtimeState: string;
  /** Capability `status_mgmt`: the runtime manages degraded itself. */
  statusMgmt: boolean;
  /** `last_register_failure_at` is inside the window (#2530). */
  recentRegisterFailure: boolean;
  /** The management MCP counts as loaded unless the runtime says `mcp_server_present: false`. */
  mcpLoaded: boolean;
  /** Platform concierge ready signal: `mcp_tools_ready` or the provision tool loaded. */
  platformReady: boolean;
}

/** One step of the machine, in order; `cause` says which rule fired. */
export interface StatusStep {
  to: WorkspaceStatus;
  cause: "heartbeat" | "wedged" | "error_rate" | "register_failure" | "recovered" | "platform_ready";
}

const LIFTED_BY_ANY_BEAT: ReadonlySet<WorkspaceStatus> = new Set([
  "provisioning",
  "offline",
  "awaiting_agent",
  "failed",
]);

/**
 * The statuses a heartbeat walks a row through (contract 6.2): any accepted beat lifts
 * provisioning/offline/awaiting_agent/failed to online (#1784); then online degrades on a wedged
 * runtime, an error rate >= 0.5 (unless status_mgmt) or a recent register failure; degraded recovers
 * when all is clear. A platform row leaves provisioning only on its ready signal.
 */
export function heartbeatSteps(current: WorkspaceStatus, facts: HeartbeatFacts): StatusStep[] {
  const steps: StatusStep[] = [];
  let status = current;
  if (facts.kind === "platform") {
    if (status === "provisioning" && facts.platformReady)
      steps.push({ to: "online", cause: "platform_ready" });
    return steps;
  }
  if (LIFTED_BY_ANY_BEAT.has(status)) {
    status = "online";
    steps.push({ to: status, cause: "heartbeat" });
  }
  if (status === "online") {
    const cause =
      facts.runtimeState === "wedged"
        ? "wedged"
        : facts.errorRate >= 0.5 && !facts.statusMgmt
          ? "error_rate"
          : facts.recentRegisterFailure
            ? "register_failure"
            : undefined;
    if (cause) steps.push({ to: "degraded", cause });
  } else if (status === "degraded" && !facts.statusMgmt) {
    const clear =
      facts.errorRate < 0.1 && facts.runtimeState === "" && !facts.recentRegisterFailure && facts.mcpLoaded;
    if (clear) steps.push({ to: "online", cause: "recovered" });
  }
  return steps;
}
