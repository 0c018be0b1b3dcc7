import { configVolumeEmptyError } from "@molecule-ctk/contract";
import createDebug from "debug";
import type { PlatformContext } from "../context/platform-context.js";
import { type ConfigFile, ConfigVolumeEmptyError, type Provisioner } from "../provisioner/provisioner.js";
import type { LivenessKeys } from "../state/liveness-keys.js";
import { isExternal, type WorkspaceRecord } from "../state/workspace-record.js";

const debug = createDebug("molecule-ctk:mock-platform:lifecycle");

const NOT_RESTARTABLE = new Set(["removed", "paused", "hibernated"]);

/**
 * Provision, restart (contract 8.6), `RestartByID` and `onOffline` (6.3), and delete (9), all
 * through the {@link Provisioner} interface. Background work is tracked so {@link idle} can await it.
 */
export class LifecycleService {
  /** Per-workspace restart gate; `pending` asks the running restart to go round once more. */
  readonly #gates = new Map<string, { pending: boolean }>();
  readonly #background = new Set<Promise<unknown>>();
  /** Rows created with `provisionOnCreate` off and not provisioned since: their first provision may generate config.yaml. */
  readonly #neverProvisioned = new Set<string>();

  constructor(
    private readonly ctx: PlatformContext,
    private readonly liveness: LivenessKeys,
  ) {}

  get provisioner(): Provisioner | undefined {
    return this.ctx.options.provisioner;
  }

  /**
   * Starts the first provision of a created workspace in the background. `requireExistingConfig`
   * is false, so the provisioner generates config.yaml unless the volume already has one (contract 8.2).
   * With `provisionOnCreate` off it only notes that the first restart's provision is the first one.
   */
  provisionCreated(workspaceId: string): void {
    const row = this.ctx.state.workspaces.get(workspaceId);
    if (!this.provisioner || !row) return;
    if (!this.ctx.options.provisionOnCreate) {
      this.#neverProvisioned.add(workspaceId);
      return;
    }
    row.provisionGate = this.ctx.state.tokens.lastSeq;
    this.#track(this.#provision(workspaceId, false));
  }

  /** Re-provisions a resumed workspace in the background, reusing its config volume (contract 8.6). */
  provisionResumed(workspaceId: string): void {
    const row = this.ctx.state.workspaces.get(workspaceId);
    if (!this.provisioner || !row) return;
    row.provisionGate = this.ctx.state.tokens.lastSeq;
    this.#track(this.#provision(workspaceId, true));
  }

  /** Stops the workspace's container and forgets its liveness key and URL (pause, hibernate). */
  async stop(workspaceId: string): Promise<void> {
    await this.provisioner?.stop(workspaceId);
    this.liveness.delete(workspaceId);
    const row = this.ctx.state.workspaces.get(workspaceId);
    if (row) row.url = null;
  }

  /**
   * The restart sequence: `provisioning` + WORKSPACE_PROVISIONING, force-remove the container, clear
   * the URL; then the re-provision runs in the background. One restart at a time per workspace: a
   * request during one makes it go round once more. Resolves after the synchronous steps.
   */
  async restart(workspaceId: string, reason: string): Promise<void> {
    const gate = this.#gates.get(workspaceId);
    if (gate) {
      gate.pending = true;
      return;
    }
    this.#gates.set(workspaceId, { pending: false });
    try {
      await this.#stopSteps(workspaceId, reason);
    } catch (error) {
      this.#gates.delete(workspaceId);
      throw error;
    }
    this.#track(this.#provisionLoop(workspaceId, reason));
  }

  /** `RestartByID`: skips removed/paused/hibernated/external rows and busy gates; waits first while provisioning. */
  restartById(workspaceId: string, reason: string): void {
    const { workspaces } = this.ctx.state;
    const row = workspaces.get(workspaceId);
    if (!this.provisioner || !row || NOT_RESTARTABLE.has(row.status) || isExternal(row)) return;
    if (workspaces.pausedAncestor(row)) return; // handlers_additional_test.go:TestRestartByID_RemovedOrPausedSkipped
    if (this.#gates.has(workspaceId)) return; // TryLock
    const run = async () => {
      if (row.status === "provisioning")
        await this.ctx.timers.sleep(this.ctx.options.restartProvisioningDelayMs);
      const current = this.ctx.state.workspaces.get(workspaceId);
      if (!current || NOT_RESTARTABLE.has(current.status) || this.#gates.has(workspaceId)) return;
      await this.restart(workspaceId, reason);
    };
    this.#track(run());
  }

  /** Whether a restart of the workspace is under way (the proxy's self-fire guard). */
  restarting(workspaceId: string): boolean {
    return this.#gates.has(workspaceId);
  }

  /** `onOffline`: offline (awaiting_agent for external rows), WORKSPACE_OFFLINE, then `RestartByID`. */
  markOffline(workspaceId: string, reason: string): void {
    const { workspaces } = this.ctx.state;
    const row = workspaces.get(workspaceId);
    if (!row || NOT_RESTARTABLE.has(row.status)) return;
    this.liveness.delete(workspaceId);
    workspaces.setStatus(row, isExternal(row) ? "awaiting_agent" : "offline", reason);
    this.ctx.events.emit("WORKSPACE_OFFLINE", workspaceId, { reason });
    this.restartById(workspaceId, reason);
  }

  /**
   * Delete (contract 9): mark every row removed first, revoke their tokens, remove containers and
   * volumes, broadcast WORKSPACE_REMOVED. Resolves with the message of each removal that failed.
   */
  async remove(rows: ReadonlyArray<WorkspaceRecord>): Promise<string[]> {
    const { workspaces, tokens, queue } = this.ctx.state;
    for (const row of rows) {
      workspaces.setStatus(row, "removed", "deleted");
      row.url = null;
    }
    for (const row of rows) {
      this.#neverProvisioned.delete(row.id);
      tokens.revoke(row.id);
      this.liveness.delete(row.id);
      queue.drop(row.id);
    }
    const failures: string[] = [];
    for (const row of rows) {
      try {
        await this.provisioner?.remove(row.id);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        debug("remove %s failed: %O", row.id, error);
      }
    }
    for (const row of rows) this.ctx.events.emit("WORKSPACE_REMOVED", row.id, {});
    return failures;
  }

  /** Resolves once no provision, restart or removal started by the mock platform is still running. */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  async #stopSteps(workspaceId: string, reason: string): Promise<void> {
    const row = this.ctx.state.workspaces.get(workspaceId);
    if (!row || row.status === "removed") return;
    this.ctx.state.workspaces.setStatus(row, "provisioning", reason);
    if (this.provisioner) row.provisionGate = this.ctx.state.tokens.lastSeq; // the old container's token is older
    this.ctx.events.emit("WORKSPACE_PROVISIONING", workspaceId, { reason });
    await this.provisioner?.stop(workspaceId);
    row.url = null;
  }

  async #provisionLoop(workspaceId: string, reason: string): Promise<void> {
    const gate = this.#gates.get(workspaceId) ?? { pending: false };
    try {
      await this.#provision(workspaceId, !this.#neverProvisioned.delete(workspaceId));
      while (gate.pending && this.ctx.state.workspaces.get(workspaceId)?.status !== "removed") {
        gate.pending = false;
        await this.#stopSteps(workspaceId, reason);
        await this.#provision(workspaceId, true);
      }
    } finally {
      this.#gates.delete(workspaceId);
    }
  }

  /** `issueAndInjectToken` (contract 3.2) then the provisioner; failures mark the row failed. */
  async #provision(workspaceId: string, requireExistingConfig: boolean): Promise<void> {
    const { state, events, log } = this.ctx;
    const row = state.workspaces.get(workspaceId);
    const provisioner = this.provisioner;
    if (!row || row.status === "removed" || !provisioner) return;
    // The mutant "no-token-rotation" keeps a live instance token: no revoke, no new .auth_token (#418).
    const keepToken =
      this.ctx.options.mutant === "no-token-rotation" &&
      state.tokens.live(workspaceId, "instance").length > 0;
    const files: ConfigFile[] = [
      { path: ".platform_inbound_secret", content: state.rotateInboundSecret(workspaceId), mode: 0o600 },
    ];
    // ...and lets the kept token lift provisioning, as it would upstream (decision 002's gate needs a new one).
    if (keepToken) row.provisionGate = null;
    else {
      state.tokens.revoke(workspaceId, "instance");
      const { token } = state.tokens.mint(workspaceId, "instance");
      files.unshift({ path: ".auth_token", content: token, mode: 0o600 });
    }
    log.line(`provision: workspace=${workspaceId} runtime=${row.runtime} provisioner=${provisioner.name}`);
    try {
      const result = await provisioner.provision({
        workspaceId,
        name: row.name,
        tier: row.tier,
        runtime: row.runtime,
        ...(row.model === null ? {} : { model: row.model }),
        secrets: { ...row.secrets },
        files,
        requireExistingConfig,
        declaredPlugins: [...row.plugins],
      });
      const current = state.workspaces.get(workspaceId);
      if (!current || current.status === "removed") {
        await provisioner.remove(workspaceId); // deleted while provisioning: do not leak the container
        return;
      }
      current.url = result.url || null; // no URL of its own: the runtime's register supplies it
      log.bootTelemetry(workspaceId, "running", `container ${result.containerId.slice(0, 12)} started`);
      events.emit("WORKSPACE_PROVISIONED", workspaceId, { url: result.url, host_port: result.hostPort });
    } catch (error) {
      const current = state.workspaces.get(workspaceId);
      if (!current || current.status === "removed") return;
      const message = error instanceof Error ? error.message : String(error);
      current.lastSampleError =
        error instanceof ConfigVolumeEmptyError ? configVolumeEmptyError(workspaceId) : message;
      current.provisionGate = null;
      state.workspaces.setStatus(current, "failed", "provision_failed");
      log.bootTelemetry(workspaceId, "failed", current.lastSampleError);
      events.emit("WORKSPACE_PROVISION_FAILED", workspaceId, { source: "provisioner", error: message });
    }
  }

  #track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error) => debug("background task failed: %O", error));
    this.#background.add(tracked);
    void tracked.finally(() => this.#background.delete(tracked));
  }
}
