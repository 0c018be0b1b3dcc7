import {
  ApprovalDecisionRequest,
  ApprovalDecisionResponse,
  ancestorPausedMessage,
  PlatformMessages as M,
  PendingApprovalResponse,
  RestartRequest,
  RestartResponse,
  SecretWriteRequest,
  SecretWriteResponse,
  safeParseContract,
  workspaceConfigVolumeName,
} from "@molecule-ctk/contract";
import { z } from "zod";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import { isExternal } from "../state/workspace-record.js";
import type { ApiCaller } from "./api-auth.js";
import type { LifecycleService } from "./lifecycle-service.js";

/** The id check of the secrets routes: lower-case dashed UUIDs only (secrets.go `uuidRegex`). */
const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What `Decide` binds: any non-empty decision string, checked against the two values afterwards. */
const DecisionBinding = z.object({ decision: z.string().min(1), decided_by: z.string().nullish() });

export interface SecretWrite {
  caller: ApiCaller;
  /** `callerWorkspaceID`: the bearer's workspace or the `X-Workspace-ID` header. */
  callerWorkspaceId: string | undefined;
}

/** Secrets, restart and approval decisions of the workspace API (contract 8.6, 9). */
export class WorkspaceOpsService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly lifecycle: LifecycleService,
  ) {}

  /**
   * `SecretsHandler.Set` in upstream's order: the id, the body (key and value both non-empty), the
   * concierge self-write guard for admin-token callers, the approval gate (an admin-token caller's
   * write waits for a decided approval of that key), the write, then an auto-restart unless the
   * workspace wrote its own secret or is a platform root (core#2573).
   */
  writeSecret(id: string, body: unknown, request: SecretWrite): HttpReply {
    if (!LOWER_UUID.test(id)) return errorReply(400, M.invalidWorkspaceId);
    const parsed = safeParseContract(SecretWriteRequest, body, "secret body");
    if (!parsed.ok) return errorReply(400, M.invalidRequestBody);
    const { key, value } = parsed.value;
    const { workspaces, approvals } = this.ctx.state;
    const row = workspaces.get(id);
    if (request.caller.kind === "admin") {
      // core#2566: an admin token may not write a platform root's secrets, nor a row whose kind is unknown.
      const blocked = !row
        ? M.selfWriteKindUnknown
        : row.kind === "platform"
          ? M.selfWritePlatformRoot
          : undefined;
      if (blocked) {
        return errorReply(403, blocked, { code: M.conciergeSelfWriteBlocked, key, workspace_id: id });
      }
      const context = { workspace_id: id, key };
      if (!approvals.consume(id, "secret_write", context)) {
        const approval = approvals.request(id, "secret_write", `write secret ${key}`, context);
        this.ctx.events.emit("APPROVAL_REQUESTED", id, { approval_id: approval.id, action: approval.action });
        return reply(PendingApprovalResponse, 202, {
          status: "pending_approval",
          approval_id: approval.id,
          action: approval.action,
          reason: approval.reason,
        });
      }
    }
    if (row) row.secrets[key] = value;
    if (row && request.callerWorkspaceId !== id && row.kind !== "platform") {
      this.lifecycle.restartById(id, "secret_written");
    }
    return reply(SecretWriteResponse, 200, { status: "saved", key });
  }

  /**
   * The restart route (workspace_restart.go `Restart`; contract 8.6) in upstream's order: the row
   * (404 missing or removed), a paused ancestor (409), the operator-driven no-op of external-like
   * and mock runtimes, the provisioner (503), then the body (400). 200 once the row is
   * provisioning and the old container is gone.
   */
  async restart(id: string, rawBody: string, resetQuery: boolean): Promise<HttpReply> {
    const { workspaces } = this.ctx.state;
    const row = workspaces.get(id);
    if (!row || row.status === "removed") return errorReply(404, M.workspaceNotFound);
    const paused = workspaces.pausedAncestor(row);
    if (paused) return errorReply(409, ancestorPausedMessage(paused.name));
    if (isExternal(row)) {
      const message = `${row.runtime} workspaces are operator-driven — restart your local agent; platform has nothing to restart`;
      return reply(RestartResponse, 200, { status: "noop", runtime: row.runtime, message });
    }
    if (row.runtime === "mock") {
      return reply(RestartResponse, 200, { status: "noop", runtime: "mock", message: M.mockRestartNoop });
    }
    if (!this.ctx.options.provisioner) return errorReply(503, M.provisionerUnavailable);
    let body: unknown = {};
    if (rawBody.trim() !== "") {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return errorReply(400, M.invalidJsonBody);
      }
    }
    const parsed = safeParseContract(RestartRequest, body, "restart body");
    if (!parsed.ok) return errorReply(400, M.invalidJsonBody);
    await this.lifecycle.restart(id, "restart_api");
    return reply(RestartResponse, 200, {
      status: "provisioning",
      config_dir: workspaceConfigVolumeName(id),
      reset_session: resetQuery || parsed.value.reset === true,
    });
  }

  /**
   * `POST /workspaces/:id/approvals/:approvalId/decide` (approvals.go `Decide`): the body is
   * checked first (400), then one conditional update of a pending approval of that workspace (404).
   */
  decide(id: string, approvalId: string, body: unknown): HttpReply {
    const bound = DecisionBinding.safeParse(body);
    if (!bound.success) return errorReply(400, M.invalidRequestBody);
    const decision = ApprovalDecisionRequest.shape.decision.safeParse(bound.data.decision);
    if (!decision.success) return errorReply(400, M.decisionInvalid);
    const decidedBy = bound.data.decided_by || "human";
    if (!this.ctx.state.approvals.decide(approvalId, id, decision.data, decidedBy)) {
      return errorReply(404, M.approvalNotFound);
    }
    const type = decision.data === "approved" ? "APPROVAL_APPROVED" : "APPROVAL_DENIED";
    this.ctx.events.emit(type, id, {
      approval_id: approvalId,
      decision: decision.data,
      decided_by: decidedBy,
    });
    return reply(ApprovalDecisionResponse, 200, { status: decision.data, approval_id: approvalId });
  }
}
