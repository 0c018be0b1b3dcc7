import type { PlatformContext } from "../context/platform-context.js";
import { UnknownWorkspaceError } from "../mock-platform-error.js";
import type { A2AQueueDrainer } from "../services/a2a-queue-drainer.js";
import type { LifecycleService } from "../services/lifecycle-service.js";
import type { Sweeps } from "../services/sweeps.js";
import { toQueueStatus } from "../state/a2a-queue.js";
import type { LivenessKeys } from "../state/liveness-keys.js";
import { toListedRow } from "../state/workspace-record.js";
import type { Fault, FaultInjector, FaultSpec } from "./fault-injector.js";
import type { JournalEntry, JournalFilter, RequestJournal } from "./request-journal.js";

export interface TestControlsDeps {
  ctx: PlatformContext;
  lifecycle: LifecycleService;
  liveness: LivenessKeys;
  sweeps: Sweeps;
  drainer: A2AQueueDrainer;
  journal: RequestJournal;
  faults: FaultInjector;
}

/** Test affordances of the mock platform, in-process; the `/__mock/` routes expose the same operations over HTTP. */
export class TestControls {
  constructor(private readonly deps: TestControlsDeps) {}

  /** The request journal (bounded), oldest first. */
  journal(filter?: JournalFilter): JournalEntry[] {
    return this.deps.journal.entries(filter);
  }

  /** Injects a fault on a route (delay, forced status + body, dropped connection; `times` bounds it). */
  addFault(spec: FaultSpec): Fault {
    return this.deps.faults.add(spec);
  }

  removeFault(id: string): void {
    this.deps.faults.remove(id);
  }

  faults(): Fault[] {
    return this.deps.faults.list();
  }

  /** Rotates the workspace's instance token now: revoke, mint, write `.auth_token` via the provisioner. */
  async rotateToken(workspaceId: string): Promise<string> {
    const { state, options, events } = this.deps.ctx;
    if (!state.workspaces.get(workspaceId)) throw new UnknownWorkspaceError(workspaceId);
    state.tokens.revoke(workspaceId, "instance");
    const { token } = state.tokens.mint(workspaceId, "instance");
    await options.provisioner?.writeConfigFiles(workspaceId, [
      { path: ".auth_token", content: token, mode: 0o600 },
    ]);
    events.emit("TOKEN_ROTATED", workspaceId, { kind: "instance" });
    return token;
  }

  /** Expires the workspace's liveness key now (offline, then `RestartByID` when a provisioner is wired). */
  expireLiveness(workspaceId: string): void {
    if (!this.deps.ctx.state.workspaces.get(workspaceId)) throw new UnknownWorkspaceError(workspaceId);
    this.deps.liveness.expireNow(workspaceId);
  }

  /** Loses all state as a platform restart would; during `downtimeMs` every request is dropped. */
  loseState(options: { downtimeMs?: number } = {}): void {
    const { ctx, liveness, faults } = this.deps;
    ctx.state.clear();
    liveness.clear();
    if (options.downtimeMs) faults.startDowntime(options.downtimeMs);
    ctx.events.emit("PLATFORM_STATE_LOST", undefined, { downtime_ms: options.downtimeMs ?? 0 });
  }

  /** Makes the next `times` registry token checks fail as a database error would (contract 4.2). */
  failTokenChecks(times: number): void {
    this.deps.ctx.state.tokenCheckFailures = times;
  }

  async runSweeps(): Promise<void> {
    this.deps.sweeps.provisionTimeoutSweep();
    await this.deps.sweeps.healthSweep();
  }

  /** Resolves once background provisions, restarts and queue drains have finished. */
  async idle(): Promise<void> {
    await this.deps.lifecycle.idle();
    await this.deps.drainer.idle();
    await this.deps.lifecycle.idle();
  }

  /** Forgets state, journal, faults and event history: the reset between tests. */
  reset(): void {
    const { ctx, liveness, journal, faults } = this.deps;
    ctx.state.clear();
    liveness.clear();
    journal.clear();
    faults.clear();
    ctx.events.clear();
  }

  /** Everything the mock platform holds, plaintext-free: rows (removed ones too), tokens, queue and approvals. */
  snapshot() {
    const { state } = this.deps.ctx;
    return {
      workspaces: state.workspaces.all().map(toListedRow),
      tokens: state.tokens.all().map((t) => ({
        id: t.id,
        workspace_id: t.workspaceId,
        prefix: t.prefix,
        kind: t.kind,
        revoked: t.revokedAt !== null,
      })),
      queue: state.queue.all().map(toQueueStatus),
      approvals: state.approvals.all(),
    };
  }
}
