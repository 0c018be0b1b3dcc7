import {
  type HeartbeatRequest,
  HeartbeatRequest as HeartbeatRequestSchema,
  HeartbeatResponse,
  PlatformMessages as M,
  safeParseContract,
  WorkspaceId,
} from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import type { LivenessKeys } from "../state/liveness-keys.js";
import type { WorkspaceRecord } from "../state/workspace-record.js";
import { liftsProvisioning, requireWorkspaceToken } from "./registry-auth.js";
import { heartbeatSteps } from "./status-machine.js";

const PROVISION_TOOL = "mcp__molecule-platform__provision_workspace";

/** `POST /registry/heartbeat` with its side effects in the order of contract 5.2. */
export class HeartbeatService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly liveness: LivenessKeys,
    private readonly drainQueue: (workspaceId: string) => void,
  ) {}

  heartbeat(body: unknown, authorization: string | null): HttpReply {
    const parsed = safeParseContract(HeartbeatRequestSchema, body, "heartbeat body");
    if (!parsed.ok) return errorReply(400, M.invalidRequestBody);
    const beat = parsed.value;
    const id = beat.workspace_id;
    const auth = requireWorkspaceToken(this.ctx, authorization, id);
    if (!auth.ok) return auth.reply;
    // Upstream's UPDATE runs on a uuid column: a malformed id is a database error there.
    if (!WorkspaceId.safeParse(id).success) return errorReply(500, M.heartbeatFailed);
    const row = this.ctx.state.workspaces.get(id);
    if (!row) {
      // Upstream updates nothing and mints an inbound secret it cannot store (no row), cached for
      // 5 minutes: a runtime that knew another secret learns that the platform lost it, and registers again.
      return reply(HeartbeatResponse, 200, {
        status: "ok",
        generation: 0,
        platform_inbound_secret: this.ctx.state.unstoredInboundSecret(id),
      });
    }
    if (row.status === "removed" && this.ctx.options.mutant === "resurrects-removed") {
      this.ctx.state.workspaces.setStatus(row, "online", "heartbeat:resurrected");
    }
    const taskChanged = row.status !== "removed" && this.#overwrite(row, beat);
    this.liveness.refresh(id);
    this.#runStatusMachine(row, beat, liftsProvisioning(row, auth.token));
    if (taskChanged) this.ctx.events.emit("TASK_UPDATED", id, { current_task: row.currentTask });
    this.ctx.events.emit("WORKSPACE_HEARTBEAT", id, {
      active_tasks: row.activeTasks,
      uptime_seconds: row.uptimeSeconds,
    });
    row.runtimeMetadata = beat.runtime_metadata ?? null;
    if (row.status !== "removed" && row.activeTasks < row.maxConcurrentTasks) this.drainQueue(id);
    return reply(HeartbeatResponse, 200, {
      status: "ok",
      generation: row.desiredGeneration,
      platform_inbound_secret: this.ctx.state.inboundSecret(id),
    });
  }

  /** Step 1: overwrite the beat's fields; returns whether current_task changed. */
  #overwrite(row: WorkspaceRecord, beat: HeartbeatRequest): boolean {
    const previousTask = row.currentTask ?? "";
    row.lastHeartbeatAt = Date.now();
    row.lastErrorRate = beat.error_rate ?? 0;
    row.lastSampleError = beat.sample_error ?? "";
    row.activeTasks = beat.active_tasks ?? 0;
    row.uptimeSeconds = beat.uptime_seconds ?? 0;
    row.currentTask = beat.current_task ?? "";
    row.runtimeState = beat.runtime_state ?? "";
    if ((beat.monthly_spend ?? 0) > 0) row.monthlySpend = Math.min(beat.monthly_spend ?? 0, 1e12);
    if (beat.mcp_server_present !== undefined) row.mcpServerPresent = beat.mcp_server_present;
    // Omitted (or null, which Go reads as omitted) leaves the list alone; [] clears it.
    if (beat.loaded_mcp_tools != null) row.loadedMcpTools = beat.loaded_mcp_tools;
    if (beat.agent_card && Object.keys(beat.agent_card).length > 0) {
      row.agentCard ??= beat.agent_card; // backfills a NULL card
      row.lastRegisterFailureAt = null; // a non-empty card clears the stamp (#2421, #2739)
    }
    return row.currentTask !== previousTask;
  }

  /** Step 3: the status machine (contract 6.2), emitting ONLINE/DEGRADED broadcasts per step. */
  #runStatusMachine(row: WorkspaceRecord, beat: HeartbeatRequest, mayLift: boolean): void {
    const { options, events, state } = this.ctx;
    const failureAt = row.lastRegisterFailureAt;
    const steps = heartbeatSteps(row.status, {
      kind: row.kind,
      errorRate: row.lastErrorRate ?? 0,
      runtimeState: row.runtimeState,
      statusMgmt: beat.runtime_metadata?.capabilities?.status_mgmt === true,
      recentRegisterFailure: failureAt !== null && Date.now() - failureAt < options.registerFailureWindowMs,
      mcpLoaded: row.mcpServerPresent !== false,
      platformReady: beat.mcp_tools_ready === true || (row.loadedMcpTools ?? []).includes(PROVISION_TOOL),
    });
    const keepsProvisioning = options.mutant === "heartbeat-keeps-provisioning";
    for (const step of steps) {
      if (row.status === "provisioning" && (!mayLift || keepsProvisioning)) break; // a container of an earlier provision
      if (row.status === "provisioning") row.provisionGate = null;
      state.workspaces.setStatus(row, step.to, `heartbeat:${step.cause}`);
      if (step.to === "online") {
        events.emit("WORKSPACE_ONLINE", row.id, {
          url: row.url,
          agent_card: row.agentCard,
          delivery_mode: row.deliveryMode ?? "push",
        });
      } else if (step.cause === "wedged") {
        events.emit("WORKSPACE_DEGRADED", row.id, {
          runtime_state: row.runtimeState,
          sample_error: row.lastSampleError,
        });
      } else {
        events.emit("WORKSPACE_DEGRADED", row.id, {
          error_rate: row.lastErrorRate,
          sample_error: row.lastSampleError,
        });
      }
    }
  }
}
