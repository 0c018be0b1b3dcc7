import { PlatformMessages } from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { isExternal } from "../state/workspace-record.js";
import type { LifecycleService } from "./lifecycle-service.js";

/** The health sweep and the provision-timeout sweep (contract 6.3), on timers or on demand. */
export class Sweeps {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly lifecycle: LifecycleService,
  ) {}

  /** Schedules both sweeps on their configured periods (0 disables a timer). */
  start(): void {
    const { timers, options } = this.ctx;
    timers.interval(() => void this.healthSweep(), options.healthSweepIntervalMs);
    timers.interval(() => this.provisionTimeoutSweep(), options.provisionSweepIntervalMs);
  }

  /**
   * For online/degraded container rows, asks the provisioner whether the container runs; a gone
   * container takes the row offline (and `onOffline` restarts it). External rows go offline when
   * their last beat is older than the liveness TTL (`REMOTE_LIVENESS_STALE_AFTER`).
   */
  async healthSweep(): Promise<void> {
    const { state, options } = this.ctx;
    for (const row of state.workspaces.all()) {
      if (row.status !== "online" && row.status !== "degraded") continue;
      if (isExternal(row)) {
        const age = Date.now() - (row.lastHeartbeatAt ?? 0);
        if (age > options.livenessTtlMs)
          this.lifecycle.markOffline(row.id, "health_sweep: external runtime stale");
        continue;
      }
      const provisioner = options.provisioner;
      if (!provisioner) continue;
      let running = true;
      try {
        running = await provisioner.isRunning(row.id);
      } catch {
        continue; // one failed probe never recycles a workspace (#2929)
      }
      const current = state.workspaces.get(row.id);
      if (!running && (current?.status === "online" || current?.status === "degraded")) {
        this.lifecycle.markOffline(row.id, "health_sweep: container gone");
      }
    }
  }

  /** Rows stuck in provisioning past the timeout become failed with the contract's sample error. */
  provisionTimeoutSweep(): void {
    const { state, options, events } = this.ctx;
    const now = Date.now();
    for (const row of state.workspaces.all()) {
      if (row.status !== "provisioning" || row.kind === "platform" || row.provisioningSince === null)
        continue;
      if (now - row.provisioningSince <= options.provisionTimeoutMs) continue;
      row.lastSampleError = PlatformMessages.provisionTimedOut;
      state.workspaces.setStatus(row, "failed", "provision_timeout");
      events.emit("WORKSPACE_PROVISION_FAILED", row.id, { source: "provision_timeout_sweep" });
    }
  }
}
